/**
 * Background of the sites harness extension: the real `wireSites` from src/sites with a session
 * source the test controls (`globalThis.harness.setSession`), so the bridge, the registration,
 * the sender checks and the pushes run in Chromium before the lead wires the real token vault.
 */
import { storage } from 'wxt/utils/storage';
import type { AccountSession } from '../../../src/sites/session-source';
import { wireSites, type SitesBrowser } from '../../../src/sites/wire';

const sessions = new Map<string, AccountSession>();

const service = wireSites({
  browser: (globalThis as unknown as { chrome: SitesBrowser }).chrome,
  storage,
  sessions: { getAccountSession: (accountId) => Promise.resolve(sessions.get(accountId)) },
});

Object.assign(globalThis, {
  harness: {
    service,
    setSession(accountId: string, session: AccountSession) {
      sessions.set(accountId, session);
    },
  },
});
