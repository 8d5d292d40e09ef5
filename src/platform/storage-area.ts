/**
 * Key-value access to `storage.session` and `storage.local` through WXT's storage wrapper. The
 * rest of the background gets these two small interfaces, never `browser.storage` itself.
 */
import { storage } from 'wxt/utils/storage';

export interface StorageArea {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

type Area = 'local' | 'session';

export function wxtStorageArea(area: Area): StorageArea {
  const full = (key: string) => `${area}:${key}` as const;
  return {
    get: <T>(key: string) => storage.getItem<T>(full(key)),
    set: (key, value) => storage.setItem(full(key), value),
    remove: (key) => storage.removeItem(full(key)),
  };
}

/** For tests of code that only needs the interface. */
export function memoryStorageArea(): StorageArea & { dump(): Record<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => Promise.resolve((values.get(key) as T | undefined) ?? null),
    set: (key, value) => {
      values.set(key, structuredClone(value));
      return Promise.resolve();
    },
    remove: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
    dump: () => Object.fromEntries(values),
  };
}
