import { useEffect, useState } from 'preact/hooks';

/**
 * A module loaded on first use (issue 8: popup JS ≤ 20 KB gz): the popup's panels and the
 * password-choosing screens. The sign-in screen paints without them, and the background keeps
 * the data, so nothing is lost meanwhile. `load` must be stable (a module-level function).
 */
export function useLoaded<T>(load: () => Promise<T>): T | undefined {
  const [loaded, setLoaded] = useState<T>();
  useEffect(() => {
    let live = true;
    load()
      .then((module) => {
        if (live) setLoaded(() => module);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [load]);
  return loaded;
}
