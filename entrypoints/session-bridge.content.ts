import type { browser as ExtensionApi } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendWithRedelivery } from '../src/platform/redelivery';
import { announceStorageChanges, startBridge } from '../src/sites/bridge-runtime';

// The native promise-based API (Chromium's `chrome`, Firefox's `browser`) instead of
// webextension-polyfill: the polyfill alone is ~2.7 kB gzipped of an 8 kB budget, and the two
// calls used here need none of it.
function extensionApi(): typeof ExtensionApi {
  const scope = globalThis as unknown as {
    browser?: typeof ExtensionApi;
    chrome: typeof ExtensionApi;
  };
  return scope.browser ?? scope.chrome;
}

// Registered at run time (src/sites/permissions.ts), only for origins the person granted, top
// frame, at document_start. Kept tiny: no SDK, no sign-in code, one valibot schema.
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    const browser = extensionApi();
    void startBridge({
      extensionId: browser.runtime.id,
      localStorage: window.localStorage,
      cookies: document,
      // Registered runs come at document_start ("loading"); an injection into a live page is
      // later, and a running page must not be stopped.
      ...(document.readyState === 'loading' && {
        firstLoad: {
          sessionStorage: window.sessionStorage,
          hold: () => {
            window.stop();
          },
          reload: () => {
            location.reload();
          },
        },
      }),
      // A request lost to a stopping worker would leave a held page reloading without the session.
      sendRequest: (message) =>
        sendWithRedelivery((each) => browser.runtime.sendMessage(each), message),
      onPush(listener) {
        browser.runtime.onMessage.addListener((message: unknown, sender) => {
          listener(message, sender);
          return undefined;
        });
      },
      announce(changes, area) {
        announceStorageChanges(window, area === 'cookie' ? null : window.localStorage, changes);
      },
    });
  },
});
