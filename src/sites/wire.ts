/**
 * `wireSites` connects session sharing to the browser: it registers the background listeners
 * (bridge requests, permission removal, closed tabs) synchronously, as an MV3 worker must on
 * every start, and returns what the rest of the background calls: on token changes, and for the
 * pages' "share this site" / "remove site" requests.
 */
import type { WxtStorage } from 'wxt/utils/storage';
import { createAllowList, defineSitesItem, type Site, type SiteInput } from './allow-list';
import {
  handleBridgeRequest,
  isGranted,
  markCurrentVersion,
  pushSessionToTabs,
  type BridgeSender,
  type PermissionsPort,
  type PushResult,
  type SitesDeps,
  type TabsPort,
} from './background-handlers';
import { isBridgeTraffic, type BridgeResponse } from './bridge-messages';
import { createDocumentRegistry, defineDocumentsItem } from './document-registry';
import { SiteError } from './errors';
import { syncHeaderRule, type SessionRulesPort } from './formats/authorization-header';
import { normalizeOrigin, originMatchPattern, originOfUrl } from './origin';
import {
  injectBridgeNow,
  originsToRequest,
  registerBridge,
  registeredBridgeOrigins,
  unregisterBridge,
  type ScriptingPort,
} from './permissions';
import { createPendingShares, definePendingSharesItem } from './pending-shares';
import type { SessionSource } from './session-source';
import { forgetSessionVersion, type VersionCookiesPort } from './session-version';
import { clearingChangesFor } from './site-changes';

interface Event<Listener> {
  addListener(listener: Listener): void;
}

/** The browser APIs session sharing uses (pass `browser` from `wxt/browser`). */
export interface SitesBrowser {
  runtime: {
    id: string;
    onMessage: Event<
      (
        message: unknown,
        sender: BridgeSender,
        sendResponse: (response: unknown) => void,
      ) => true | undefined
    >;
  };
  permissions: PermissionsPort & {
    remove(permissions: { origins: string[] }): Promise<boolean>;
    onRemoved: Event<(permissions: { origins?: string[] | undefined }) => void>;
    onAdded: Event<(permissions: { origins?: string[] | undefined }) => void>;
  };
  tabs: TabsPort & { onRemoved: Event<(tabId: number) => void> };
  scripting: ScriptingPort;
  /** The `cookies` permission: the session version for the first-load check (session-version.ts). */
  cookies?: VersionCookiesPort | undefined;
  /** Absent until the manifest lists `declarativeNetRequest`; only the header format needs it. */
  declarativeNetRequest?: SessionRulesPort | undefined;
}

export interface SitesService {
  /** Call whenever an account's tokens change: sign-in, refresh, sign-out, account switch. */
  onTokensChanged(accountId: string): Promise<PushResult>;
  /** After the page obtained the permission (see `requestSiteAccess`): allow, register, apply. */
  shareSite(input: SiteInput): Promise<Site>;
  /** Change account, format or options of an allowed site. */
  updateSite(input: SiteInput): Promise<Site>;
  /** Stop sharing: unregister, clear what was injected, drop the rule and the host permission. */
  removeSite(origin: string): Promise<void>;
  listSites(): Promise<Site[]>;
  /**
   * True when a site bound to the account holds its refresh token: the refresher must then stop
   * refreshing that account (with rotation, two refreshers sign each other out).
   */
  siteOwnsRefresh(accountId: string): Promise<boolean>;
  /** On worker start: registrations and header rules follow the allow-list and the grants. */
  resync(): Promise<void>;
}

const REJECTED: BridgeResponse = { type: 'bridge:rejected' };

const missingRules: SessionRulesPort = {
  updateSessionRules() {
    return Promise.reject(
      new SiteError({
        code: 'HeaderFormatUnavailable',
        message: 'This build cannot add Authorization headers (declarativeNetRequest is missing).',
        recovery: 'Use the Amplify localStorage or cookies format for this site.',
      }),
    );
  },
};

export function wireSites(options: {
  browser: SitesBrowser;
  storage: WxtStorage;
  sessions: SessionSource;
  now?: () => number;
}): SitesService {
  const now = options.now ?? Date.now;
  const pending = createPendingShares(definePendingSharesItem(options.storage));
  const { browser, sessions } = options;
  const deps: SitesDeps = {
    extensionId: browser.runtime.id,
    allowList: createAllowList(defineSitesItem(options.storage)),
    sessions,
    tabs: browser.tabs,
    permissions: browser.permissions,
    documents: createDocumentRegistry(defineDocumentsItem(options.storage)),
    rules: browser.declarativeNetRequest ?? missingRules,
    cookies: browser.cookies,
  };

  async function tabIdsOn(origin: string): Promise<number[]> {
    return (await browser.tabs.query({}))
      .filter((tab) => tab.id !== undefined && originOfUrl(tab.url) === origin)
      .map((tab) => tab.id as number);
  }

  /** Clears the site in every page that has its bridge, and forgets it everywhere. */
  async function forget(site: Site): Promise<void> {
    await unregisterBridge(browser.scripting, site.origin);
    if (site.format === 'authorization-header') {
      await syncHeaderRule(deps.rules, site, undefined, []);
    }
    const session = await sessions.getAccountSession(site.accountId);
    if (session) {
      const message = { type: 'bridge:apply', ...clearingChangesFor(site, session.clientId) };
      // The documentId pins each message to the page that asked, even without host access now.
      for (const [tabId, document] of await deps.documents.listOrigin(site.origin)) {
        await browser.tabs
          .sendMessage(tabId, message, { frameId: 0, documentId: document.documentId })
          .catch(() => undefined);
      }
    }
    await deps.documents.deleteOrigin(site.origin);
    await forgetSessionVersion(browser.cookies, site.origin);
  }

  async function apply(input: SiteInput): Promise<Site> {
    const origin = normalizeOrigin(input.origin);
    const wanted = originsToRequest({
      origin,
      format: input.format ?? 'amplify-local-storage',
      apiOrigins: input.apiOrigins ?? [],
    });
    if (!(await browser.permissions.contains({ origins: wanted }))) {
      // The prompt may still be open: the grant completes this share (see pending-shares.ts).
      await pending.add(input, now());
      throw new SiteError({
        code: 'SitePermissionPending',
        message: `Cognito Pass has no access to ${origin} yet.`,
        recovery:
          'Accept the browser’s prompt: the site is shared as soon as access is granted. ' +
          'If the prompt is gone, click "Share with this site" again.',
      });
    }
    await pending.remove(origin);
    const previous = await deps.allowList.get(origin);
    const site = await deps.allowList.put(input);
    if (previous && previous.accountId !== site.accountId) await forget(previous);
    await registerBridge(browser.scripting, site.origin);
    const session = await sessions.getAccountSession(site.accountId);
    await syncHeaderRule(deps.rules, site, session?.tokens, await tabIdsOn(site.origin));
    if (previous) await pushSessionToTabs(site.accountId, deps);
    else await injectBridgeNow(browser.scripting, await tabIdsOn(site.origin));
    return site;
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Everything else is another module's message: leave the reply to its listener.
    if (!isBridgeTraffic(message)) return undefined;
    // sendResponse + `return true` works with and without webextension-polyfill.
    handleBridgeRequest(message, sender, deps).then(sendResponse, () => {
      sendResponse(REJECTED);
    });
    return true;
  });

  browser.permissions.onAdded.addListener(() => {
    void (async () => {
      for (const input of await pending.list(now())) {
        const wanted = originsToRequest({
          origin: input.origin,
          format: input.format ?? 'amplify-local-storage',
          apiOrigins: input.apiOrigins ?? [],
        });
        if (await browser.permissions.contains({ origins: wanted })) {
          await apply(input).catch(() => undefined);
        }
      }
    })();
  });

  browser.permissions.onRemoved.addListener((removed) => {
    const patterns = new Set(removed.origins ?? []);
    void (async () => {
      for (const site of await deps.allowList.list()) {
        if (!patterns.has(originMatchPattern(site.origin))) continue;
        await deps.allowList.remove(site.origin);
        await forget(site);
      }
    })();
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void deps.documents.delete(tabId);
  });

  return {
    onTokensChanged: (accountId) => pushSessionToTabs(accountId, deps),
    shareSite: apply,
    updateSite: apply,
    async removeSite(input) {
      const origin = normalizeOrigin(input);
      await pending.remove(origin);
      const site = await deps.allowList.remove(origin);
      if (!site) return;
      await forget(site);
      // Give the access back; API origins another site still uses stay granted.
      const stillUsed = new Set(
        (await deps.allowList.list()).flatMap((other) => originsToRequest(other)),
      );
      const release = originsToRequest(site).filter((pattern) => !stillUsed.has(pattern));
      if (release.length > 0)
        await browser.permissions.remove({ origins: release }).catch(() => false);
    },
    listSites: () => deps.allowList.list(),
    async siteOwnsRefresh(accountId) {
      return (await deps.allowList.forAccount(accountId)).some((site) => site.shareRefreshToken);
    },
    async resync() {
      const sites = await deps.allowList.list();
      for (const site of sites) {
        if (await isGranted(browser.permissions, site.origin)) {
          await registerBridge(browser.scripting, site.origin);
          const session = await sessions.getAccountSession(site.accountId);
          if (site.format === 'authorization-header') {
            await syncHeaderRule(deps.rules, site, session?.tokens, await tabIdsOn(site.origin));
          } else {
            await markCurrentVersion(site, deps);
          }
        } else {
          // Revoked while the worker was not running.
          await deps.allowList.remove(site.origin);
          await forget(site);
        }
      }
      const allowed = new Set(sites.map((site) => site.origin));
      for (const origin of await registeredBridgeOrigins(browser.scripting)) {
        if (!allowed.has(origin)) await unregisterBridge(browser.scripting, origin);
      }
    },
  };
}
