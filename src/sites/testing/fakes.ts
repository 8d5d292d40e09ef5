/** Test-only fakes of the browser ports and the session source. */
import { storage } from 'wxt/utils/storage';
import { createAllowList, defineSitesItem } from '../allow-list';
import type { PermissionsPort, SitesDeps, TabsPort } from '../background-handlers';
import { createDocumentRegistry, defineDocumentsItem } from '../document-registry';
import type { HeaderRule, SessionRulesPort } from '../formats/authorization-header';
import type { AccountSession, SessionRequest, SessionSource } from '../session-source';

export const EXTENSION_ID = 'test-extension-id';

/** Like the vault-backed source: the refresh token only when asked for. */
export class FakeSessions implements SessionSource {
  readonly accounts = new Map<string, AccountSession>();
  readonly requests: Array<{ accountId: string; includeRefreshToken: boolean }> = [];
  getAccountSession(
    accountId: string,
    request?: SessionRequest,
  ): Promise<AccountSession | undefined> {
    const includeRefreshToken = request?.includeRefreshToken === true;
    this.requests.push({ accountId, includeRefreshToken });
    const session = this.accounts.get(accountId);
    if (!session?.tokens || includeRefreshToken) return Promise.resolve(session);
    const { refreshToken: _withheld, ...tokens } = session.tokens;
    return Promise.resolve({ ...session, tokens });
  }
}

export class FakePermissions implements PermissionsPort {
  readonly granted = new Set<string>();
  contains(permissions: { origins: string[] }): Promise<boolean> {
    return Promise.resolve(permissions.origins.every((origin) => this.granted.has(origin)));
  }
}

export interface SentMessage {
  tabId: number;
  message: unknown;
  options: { frameId: number; documentId: string };
}

export class FakeTabs implements TabsPort {
  readonly tabs = new Map<number, { url?: string; documentId?: string }>();
  readonly sent: SentMessage[] = [];
  query(): Promise<Array<{ id?: number; url?: string }>> {
    return Promise.resolve(
      [...this.tabs].map(([id, tab]) => ({ id, ...(tab.url !== undefined && { url: tab.url }) })),
    );
  }
  sendMessage(
    tabId: number,
    message: unknown,
    options: { frameId: number; documentId: string },
  ): Promise<unknown> {
    // Like Chrome: a message for a document that is no longer in the tab has no receiver.
    if (this.tabs.get(tabId)?.documentId !== options.documentId || options.frameId !== 0) {
      return Promise.reject(
        new Error('Could not establish connection. Receiving end does not exist.'),
      );
    }
    this.sent.push({ tabId, message, options });
    return Promise.resolve(undefined);
  }
}

export class FakeRules implements SessionRulesPort {
  readonly rules = new Map<number, HeaderRule>();
  readonly updates: Array<{ addRules?: HeaderRule[]; removeRuleIds?: number[] }> = [];
  updateSessionRules(options: {
    addRules?: HeaderRule[];
    removeRuleIds?: number[];
  }): Promise<void> {
    this.updates.push(options);
    for (const id of options.removeRuleIds ?? []) this.rules.delete(id);
    for (const rule of options.addRules ?? []) this.rules.set(rule.id, rule);
    return Promise.resolve();
  }
}

export function makeDeps(): SitesDeps & {
  sessions: FakeSessions;
  tabs: FakeTabs;
  permissions: FakePermissions;
  rules: FakeRules;
} {
  return {
    extensionId: EXTENSION_ID,
    allowList: createAllowList(defineSitesItem(storage)),
    sessions: new FakeSessions(),
    tabs: new FakeTabs(),
    permissions: new FakePermissions(),
    documents: createDocumentRegistry(defineDocumentsItem(storage)),
    rules: new FakeRules(),
  };
}
