/**
 * The versioned `storage.local` items of the background. Defined in a function (called once at
 * worker start) rather than at module level, so tests get fresh items over the fake browser.
 */
import { storage } from 'wxt/utils/storage';
import type { Account } from '../session/accounts';

export function defineAccountItems() {
  return {
    accounts: storage.defineItem<Account[]>('local:accounts', { fallback: [], version: 1 }),
    activeAccountId: storage.defineItem<string | null>('local:activeAccountId', {
      fallback: null,
      version: 1,
    }),
  };
}
