/**
 * Wires the background's listeners. Called synchronously at every worker start (the
 * entrypoint is thin): Chrome only delivers events to listeners registered in the first turn.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { browserAlarms } from '../platform/alarms';
import { indexedDbKeyStore } from '../platform/key-store';
import { consoleSink, createLogger } from '../platform/logger';
import { createMessageListener } from '../platform/message-router';
import type { StateChangedBroadcast } from '../platform/protocol';
import { defineAccountItems } from '../platform/storage-items';
import { wxtStorageArea } from '../platform/storage-area';
import { createAuthenticatorVault, storageSlot } from '../otp/vault';
import { seedDemoAccounts } from '../session/accounts';
import { isGranted } from '../sites/background-handlers';
import { wireSites, type SitesBrowser, type SitesService } from '../sites/wire';
import { createFeatureListener } from '../platform/feature-router';
import { createAutoAnswerStore } from './auto-answer-store';
import { wireOtpAutofill, type OtpAutofillBrowser } from './authenticator-autofill';
import { wireOtpFillGestures, type OtpFillBrowser } from './otp-fill-gestures';
import { promisedMenus } from '../otp/fill-menu';
import { authenticatorFromVault } from './authenticator';
import { createFeatureHandler } from './features';
import { createBackground, type Background } from './service';
import { createPasskeyHandler } from '../passkeys/handler';
import { createPasskeyListener } from '../passkeys/listener';
import { createPasskeyGateway } from '../passkeys/passkey-gateway';
import { webAuthFlowFrom } from '../oauth/web-auth-flow';
import type { TabCeremonyDeps } from '../passkeys/tab-ceremony';
import { wireTabCeremonies } from '../passkeys/tab-wiring';
import { createDocumentRegistry, defineDocumentsItem } from '../sites/document-registry';

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
  const local = wxtStorageArea('local');
  const autoAnswer = createAutoAnswerStore(local);
  // Sites are wired after the background (they read its sessions); token changes reach them
  // through this late-bound reference.
  const late: { sites?: SitesService } = {};
  const background = createBackground({
    session: wxtStorageArea('session'),
    local,
    accountsItem: items.accounts,
    activeItem: items.activeAccountId,
    keyStore,
    authenticator: authenticatorFromVault(authenticatorVault, Date.now, undefined, autoAnswer),
    onTokensChanged: (accountId) => {
      late.sites?.onTokensChanged(accountId).catch((error: unknown) => {
        logger.warn('could not update the shared sites', error);
      });
    },
    // A site set to hold the refresh token refreshes on its own (see src/sites, siteOwnsRefresh).
    refreshHandedOver: (accountId) =>
      late.sites?.siteOwnsRefresh(accountId) ?? Promise.resolve(false),
    alarms: browserAlarms(),
    // Hosted UI / federated sign-in; undefined when the browser has no identity API.
    webAuth: webAuthFlowFrom(browser.identity),
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
  const sites = wireSites({
    browser: browser as unknown as SitesBrowser,
    storage,
    sessions: background.sessions,
  });
  // Answers `otp:getCode` (only it) and wraps the feature handler for entry and origin bindings.
  const otpAutofill = wireOtpAutofill({
    browser: browser as unknown as OtpAutofillBrowser,
    local,
    vault: authenticatorVault,
    sharedSiteOrigins: async () => (await sites.listSites()).map((site) => site.origin),
    now: Date.now,
    onError: (what, error) => {
      logger.warn(what, error);
    },
    fillMenu: promisedMenus(browser.contextMenus, () => browser.runtime.lastError),
  });
  // The fill shortcut and the "Fill one-time code" menu entry: same checks as `otp:getCode`.
  wireOtpFillGestures({
    browser: browser as unknown as OtpFillBrowser,
    handlerDeps: () => otpAutofill.handlerDeps(),
    defaultTitle: 'Cognito Pass',
    later: (run, ms) => setTimeout(run, ms),
    onError: (what, error) => {
      logger.warn(what, error);
    },
  });
  browser.runtime.onMessage.addListener(
    createFeatureListener({
      runtimeId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      handle: otpAutofill.withAutofill(
        createFeatureHandler({
          sites,
          isGranted: (origin) => isGranted(browser.permissions, origin),
          vault: authenticatorVault,
          autoAnswer,
          now: Date.now,
          logger,
        }),
      ),
      logger,
    }),
  );
  // Passkeys: the page runs the ceremony, the background calls Cognito with the access token.
  const passkeys = createPasskeyHandler({
    account: async (accountId) =>
      (await items.accounts.getValue()).find((account) => account.id === accountId),
    accessToken: async (accountId) => (await background.vault.load(accountId))?.accessToken,
    gatewayFor: (config) => createPasskeyGateway(config),
  });
  browser.runtime.onMessage.addListener(
    createPasskeyListener({
      runtimeId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      handle: passkeys,
      logger,
    }),
  );
  // A web-domain RP ID: the ceremony runs in a shared, granted tab of that site (docs/passkeys.md).
  const bridgeDocuments = createDocumentRegistry(defineDocumentsItem(storage));
  browser.runtime.onMessage.addListener(
    wireTabCeremonies({
      runtimeId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      tabs: browser.tabs,
      windows: browser.windows,
      scripting: browser.scripting as unknown as TabCeremonyDeps['scripting'],
      documentOf: (tabId) => bridgeDocuments.get(tabId),
      sharedSites: async (accountId) =>
        Promise.all(
          (await sites.listSites())
            .filter((site) => site.accountId === accountId)
            .map(async (site) => ({
              origin: site.origin,
              granted: await isGranted(browser.permissions, site.origin),
            })),
        ),
      background,
      passkeys,
      broadcast: (state) => {
        const message: StateChangedBroadcast = { type: 'stateChanged', state };
        browser.runtime.sendMessage(message).catch(() => undefined);
      },
      logger,
    }).listener,
  );
  late.sites = sites;
  otpAutofill.resync().catch((error: unknown) => {
    logger.warn('could not restore the autofill scripts', error);
  });
  sites.resync().catch((error: unknown) => {
    logger.warn('could not restore the shared sites', error);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    background.onAlarm(alarm.name).catch((error: unknown) => {
      logger.error('alarm failed', { name: alarm.name, error });
    });
  });
  browser.runtime.onInstalled.addListener(() => {
    if (__COGNITO_PASS_DEMO__) {
      // A popup opened while seeding must learn about the accounts without being reopened.
      seedDemoAccounts(items.accounts, items.activeAccountId)
        .then(() => background.handle({ type: 'getState' }))
        .then((reply) => {
          if (reply.ok)
            browser.runtime
              .sendMessage({ type: 'stateChanged', state: reply.state })
              .catch(() => undefined);
        })
        .catch((error: unknown) => {
          logger.error('demo accounts could not be seeded', error);
        });
    }
  });
  background.wake().catch((error: unknown) => {
    logger.warn('wake-up refresh check failed', error);
  });
  return background;
}
