/**
 * Wires the background's listeners. Called synchronously at every worker start (the
 * entrypoint is thin): Chrome only delivers events to listeners registered in the first turn.
 */
import { browser } from 'wxt/browser';
import { browserAlarms } from '../platform/alarms';
import { indexedDbKeyStore } from '../platform/key-store';
import { consoleSink, createLogger } from '../platform/logger';
import { createMessageListener } from '../platform/message-router';
import type { StateChangedBroadcast } from '../platform/protocol';
import { defineAccountItems } from '../platform/storage-items';
import { wxtStorageArea } from '../platform/storage-area';
import { createAuthenticatorVault, storageSlot } from '../otp/vault';
import { seedDemoAccounts } from '../session/accounts';
import { authenticatorFromVault } from './authenticator';
import { createBackground, type Background } from './service';

export function startBackground(): Background {
  const logger = createLogger(import.meta.env.DEV ? 'debug' : 'warn', consoleSink);
  const items = defineAccountItems();
  const keyStore = indexedDbKeyStore();
  const authenticatorVault = createAuthenticatorVault({
    storage: storageSlot(browser.storage.local, 'authenticatorVault'),
    keyStore,
    crypto: globalThis.crypto,
    newId: () => crypto.randomUUID(),
  });
  const background = createBackground({
    session: wxtStorageArea('session'),
    local: wxtStorageArea('local'),
    accountsItem: items.accounts,
    activeItem: items.activeAccountId,
    keyStore,
    authenticator: authenticatorFromVault(authenticatorVault, Date.now),
    alarms: browserAlarms(),
    now: Date.now,
    newId: () => crypto.randomUUID(),
    logger,
    broadcast: (state) => {
      const message: StateChangedBroadcast = { type: 'stateChanged', state };
      // No page open is the normal case: nobody to tell.
      browser.runtime.sendMessage(message).catch(() => undefined);
    },
  });

  browser.runtime.onMessage.addListener(
    createMessageListener({
      runtimeId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      handle: (request) => background.handle(request),
      logger,
    }),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    background.onAlarm(alarm.name).catch((error: unknown) => {
      logger.error('alarm failed', { name: alarm.name, error });
    });
  });
  browser.runtime.onInstalled.addListener(() => {
    if (__COGNITO_PASS_DEMO__) {
      seedDemoAccounts(items.accounts, items.activeAccountId).catch((error: unknown) => {
        logger.error('demo accounts could not be seeded', error);
      });
    }
  });
  background.wake().catch((error: unknown) => {
    logger.warn('wake-up refresh check failed', error);
  });
  return background;
}
