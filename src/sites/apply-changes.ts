/**
 * Applies a change set to a page's localStorage and cookies. Runs inside the bridge content
 * script (so it stays dependency-free and small) and in tests against happy-dom.
 */
import type { PageChanges, PageRemoval } from './page-changes';

export interface StorageChange {
  key: string;
  oldValue: string | null;
  newValue: string | null;
}

function matches(key: string, removal: PageRemoval): boolean {
  return key.startsWith(removal.prefix) && removal.suffixes.some((suffix) => key.endsWith(suffix));
}

/** Writes then removes, in one synchronous run; returns what actually changed. */
export function applyToLocalStorage(storage: Storage, changes: PageChanges): StorageChange[] {
  const changed: StorageChange[] = [];
  const written = new Set<string>();
  for (const write of changes.writes) {
    if (write.area !== 'localStorage') continue;
    written.add(write.key);
    const oldValue = storage.getItem(write.key);
    if (oldValue === write.value) continue;
    storage.setItem(write.key, write.value);
    changed.push({ key: write.key, oldValue, newValue: write.value });
  }
  for (const removal of changes.removals) {
    if (removal.area !== 'localStorage') continue;
    const keys: string[] = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key !== null && !written.has(key) && matches(key, removal)) keys.push(key);
    }
    for (const key of keys) {
      changed.push({ key, oldValue: storage.getItem(key), newValue: null });
      storage.removeItem(key);
    }
  }
  return changed;
}

interface CookieJar {
  cookie: string;
}

function cookieNames(jar: CookieJar): string[] {
  return jar.cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 ? pair : pair.slice(0, equals);
    });
}

function attributes(secure: boolean): string {
  return `; path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Returns what changed (old values are not readable per cookie, so they are left null). */
export function applyToCookies(jar: CookieJar, changes: PageChanges): StorageChange[] {
  const changed: StorageChange[] = [];
  const written = new Set<string>();
  for (const write of changes.writes) {
    if (write.area !== 'cookie') continue;
    written.add(write.name);
    jar.cookie = `${write.name}=${write.value}${attributes(write.secure)}`;
    changed.push({ key: write.name, oldValue: null, newValue: write.value });
  }
  for (const removal of changes.removals) {
    if (removal.area !== 'cookie') continue;
    for (const name of cookieNames(jar)) {
      if (written.has(name) || !matches(name, removal)) continue;
      // An expiry in the past deletes (js-cookie's way); max-age=0 alone is not honoured everywhere.
      jar.cookie = `${name}=${attributes(removal.secure)}; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
      changed.push({ key: name, oldValue: null, newValue: null });
    }
  }
  return changed;
}
