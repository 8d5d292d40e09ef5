/**
 * Where the vault's device key lives. Structurally the same as `src/platform/key-store.ts`'s
 * `KeyStore` (IndexedDB, which keeps a non-extractable CryptoKey by structured clone), so the
 * background passes that one in; `remove` is optional because not every store can forget.
 */
export interface VaultKeyStore {
  get(name: string): Promise<CryptoKey | undefined>;
  put(name: string, key: CryptoKey): Promise<void>;
  remove?(name: string): Promise<void>;
}

/** For tests: the key dies with the object. */
export function createMemoryKeyStore(): Required<VaultKeyStore> {
  const keys = new Map<string, CryptoKey>();
  return {
    get: (name) => Promise.resolve(keys.get(name)),
    put: (name, key) => {
      keys.set(name, key);
      return Promise.resolve();
    },
    remove: (name) => {
      keys.delete(name);
      return Promise.resolve();
    },
  };
}
