import type { StorageArea } from '../platform/storage-area';
import type { AutoAnswerStore } from './features';

const KEY = 'otpAutoAnswer';

/** The accounts whose TOTP step the authenticator answers without a click (storage.local). */
export function createAutoAnswerStore(local: StorageArea): AutoAnswerStore {
  const list = async () => (await local.get<string[]>(KEY)) ?? [];
  return {
    list,
    async set(accountId, enabled) {
      const others = (await list()).filter((id) => id !== accountId);
      await local.set(KEY, enabled ? [...others, accountId] : others);
    },
  };
}
