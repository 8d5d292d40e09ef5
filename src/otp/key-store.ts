/**
 * Where the vault's device key lives. A non-extractable `CryptoKey` cannot be serialised to
 * `storage.local`, but IndexedDB stores it by structured clone, still non-extractable: script in
 * the extension can use it, nothing can read its bytes out.
 */
export interface KeyStore {
  load(name: string): Promise<CryptoKey | undefined>;
  save(name: string, key: CryptoKey): Promise<void>;
  remove(name: string): Promise<void>;
}

/** For tests and for contexts without IndexedDB: the key dies with the object. */
export function createMemoryKeyStore(): KeyStore {
  const keys = new Map<string, CryptoKey>();
  return {
    load: (name) => Promise.resolve(keys.get(name)),
    save: (name, key) => {
      keys.set(name, key);
      return Promise.resolve();
    },
    remove: (name) => {
      keys.delete(name);
      return Promise.resolve();
    },
  };
}

const OBJECT_STORE = 'keys';

/** The extension's IndexedDB (pass `indexedDB` from the worker's global scope). */
export function createIndexedDbKeyStore(
  factory: IDBFactory,
  databaseName = 'cognito-pass-keys',
): KeyStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    });

  async function transact<T>(
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> {
    const database = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const transaction = database.transaction(OBJECT_STORE, mode);
        const request = action(transaction.objectStore(OBJECT_STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
        transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB aborted'));
      });
    } finally {
      database.close();
    }
  }

  return {
    load: async (name) => {
      const value: unknown = await transact('readonly', (store) => store.get(name));
      return value instanceof CryptoKey ? value : undefined;
    },
    save: async (name, key) => {
      await transact('readwrite', (store) => store.put(key, name));
    },
    remove: async (name) => {
      await transact('readwrite', (store) => store.delete(name));
    },
  };
}
