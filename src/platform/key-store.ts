/**
 * Where the non-extractable AES-GCM key lives. `chrome.storage` can only hold JSON, so a
 * non-extractable CryptoKey cannot go there; IndexedDB stores CryptoKey objects by structured
 * clone without ever exposing the key bytes. Tests pass the in-memory store.
 */
export interface KeyStore {
  get(name: string): Promise<CryptoKey | undefined>;
  put(name: string, key: CryptoKey): Promise<void>;
}

export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, CryptoKey>();
  return {
    get: (name) => Promise.resolve(keys.get(name)),
    put: (name, key) => {
      keys.set(name, key);
      return Promise.resolve();
    },
  };
}

const DB_NAME = 'cognito-pass-keys';
const STORE = 'keys';

export function indexedDbKeyStore(factory?: IDBFactory): KeyStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      // Resolved on first use: tests that never seal anything run where IndexedDB does not exist.
      const request = (factory ?? indexedDB).open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('IndexedDB open failed'));
      };
    });
  const run = async <T>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest,
  ): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const request = work(db.transaction(STORE, mode).objectStore(STORE));
        request.onsuccess = () => {
          resolve(request.result as T);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('IndexedDB request failed'));
        };
      });
    } finally {
      db.close();
    }
  };
  return {
    get: (name) => run<CryptoKey | undefined>('readonly', (store) => store.get(name)),
    put: async (name, key) => {
      await run('readwrite', (store) => store.put(key, name));
    },
  };
}
