import { useEffect, useState } from 'preact/hooks';

/**
 * Options page: how to fill a code on a page without the button — the keyboard shortcut as the
 * browser has it bound now (the person may have changed or removed it), the context-menu entry,
 * and where the browser lets the person change the key (extensions cannot set it themselves).
 */
export function FillShortcut({ read }: { read: () => Promise<string> }) {
  // undefined while reading; '' when no key is bound.
  const [shortcut, setShortcut] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void read().then((key) => {
      if (live) setShortcut(key);
    });
    return () => {
      live = false;
    };
  }, [read]);

  return (
    <div class="card" data-fill-shortcut={shortcut ?? ''}>
      <h3>Fill codes from the keyboard</h3>
      {shortcut === undefined ? null : shortcut === '' ? (
        <p class="lead">
          No keyboard shortcut is set for filling codes (another extension may have taken
          Alt+Shift+O). Right-click the code field and choose “Fill one-time code”, or set a key.
        </p>
      ) : (
        <p class="lead">
          On a site an entry fills, press <kbd>{shortcut}</kbd> in the code field, or right-click it
          and choose “Fill one-time code”. Nothing is filled elsewhere.
        </p>
      )}
      <p class="lead">
        Change the shortcut at <code>chrome://extensions/shortcuts</code> (in Firefox: about:addons,
        the gear menu, Manage Extension Shortcuts).
      </p>
    </div>
  );
}
