/**
 * The background side of session sharing: answering a bridge's request, and pushing a changed
 * session to every open document of every site bound to an account. Browser APIs come in as
 * small ports so tests can fake them and nothing here touches `browser.*`.
 */
import * as v from 'valibot';
import type { AllowList, Site } from './allow-list';
import { BridgeRequestSchema, type BridgeApply, type BridgeResponse } from './bridge-messages';
import type { DocumentRegistry } from './document-registry';
import { syncHeaderRule, type SessionRulesPort } from './formats/authorization-header';
import { originMatchPattern, originOfUrl } from './origin';
import { pageChangesFor } from './site-changes';
import { markSessionVersion, sessionVersion, type VersionCookiesPort } from './session-version';
import { sessionRequestFor, type AccountSession, type SessionSource } from './session-source';

/** What a message sender looks like (a subset of `runtime.MessageSender`). */
export interface BridgeSender {
  id?: string | undefined;
  tab?: { id?: number | undefined; url?: string | undefined } | undefined;
  frameId?: number | undefined;
  documentId?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
}

export interface TabsPort {
  query(queryInfo: Record<string, never>): Promise<Array<{ id?: number; url?: string }>>;
  sendMessage(
    tabId: number,
    message: unknown,
    options: { frameId: number; documentId: string },
  ): Promise<unknown>;
}

export interface PermissionsPort {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SitesDeps {
  /** Where the session's version is left for the bridge's first-load check (session-version.ts). */
  cookies?: VersionCookiesPort | undefined;
  now?: () => number;
  /** Our own extension id: bridge messages come from our content script and nowhere else. */
  extensionId: string;
  allowList: AllowList;
  sessions: SessionSource;
  tabs: TabsPort;
  permissions: PermissionsPort;
  documents: DocumentRegistry;
  rules: SessionRulesPort;
}

const REJECTED: BridgeResponse = { type: 'bridge:rejected' };

/**
 * The site's changes, with their version; the version cookie is updated first, so a tab that
 * starts loading from now on compares against this session.
 */
async function applyMessage(
  site: Site,
  session: AccountSession,
  deps: SitesDeps,
): Promise<BridgeApply> {
  const changes = pageChangesFor(site, session);
  // The header format puts nothing in the page: no version to wait for.
  if (site.format === 'authorization-header') return { type: 'bridge:apply', ...changes };
  const version = await sessionVersion(changes);
  await markSessionVersion(deps.cookies, site.origin, version, (deps.now ?? Date.now)());
  return { type: 'bridge:apply', ...changes, version };
}

export function isGranted(permissions: PermissionsPort, origin: string): Promise<boolean> {
  return permissions.contains({ origins: [originMatchPattern(origin)] });
}

async function tabIdsOn(tabs: TabsPort, origin: string): Promise<number[]> {
  // Without the `tabs` permission a tab's url is visible only where we hold host access, which
  // is exactly the granted sites: every other tab shows no url and is skipped.
  return (await tabs.query({}))
    .filter((tab) => tab.id !== undefined && originOfUrl(tab.url) === origin)
    .map((tab) => tab.id as number);
}

/**
 * Answers `bridge:getSession`. Every check must pass, else the answer is `bridge:rejected` and
 * nothing happened: the message is exactly the request (schema), from our extension's content
 * script, in a tab's top frame with a document id, whose origin is an allowed, granted site.
 * Then the reply is that site's session in its format only (removals only while signed out),
 * and the document is remembered as the target of later pushes.
 */
export async function handleBridgeRequest(
  message: unknown,
  sender: BridgeSender,
  deps: SitesDeps,
): Promise<BridgeResponse> {
  if (!v.is(BridgeRequestSchema, message)) return REJECTED;
  if (sender.id !== deps.extensionId) return REJECTED;
  const tabId = sender.tab?.id;
  // Browsers only report non-negative integer tab ids; anything else is not a real tab.
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) return REJECTED;
  if (sender.frameId !== 0) return REJECTED;
  if (typeof sender.documentId !== 'string' || sender.documentId === '') return REJECTED;
  const origin = originOfUrl(sender.url);
  if (origin === undefined) return REJECTED;
  if (sender.origin !== undefined && sender.origin !== origin) return REJECTED;

  const site = await deps.allowList.get(origin);
  if (!site) return REJECTED;
  if (!(await isGranted(deps.permissions, origin))) return REJECTED;
  const session = await deps.sessions.getAccountSession(site.accountId, sessionRequestFor(site));
  if (!session) return REJECTED;

  // Not awaited: the reply races the page's own scripts (it must land before they read
  // storage), and the registry serialises its writes, so a later push or lookup still sees it.
  deps.documents.set(tabId, { documentId: sender.documentId, origin }).catch(() => undefined);
  if (site.format === 'authorization-header') {
    const tabIds = new Set([...(await tabIdsOn(deps.tabs, origin)), tabId]);
    await syncHeaderRule(deps.rules, site, session.tokens, [...tabIds]);
  }
  return applyMessage(site, session, deps);
}

/** On worker start: the version cookie follows the session as it is now (e.g. after a restart). */
export async function markCurrentVersion(site: Site, deps: SitesDeps): Promise<void> {
  if (site.format === 'authorization-header') return;
  const session = await deps.sessions.getAccountSession(site.accountId, sessionRequestFor(site));
  if (session) await applyMessage(site, session, deps);
}

export interface PushResult {
  /** Tabs whose bridge received the update. */
  delivered: number[];
}

/**
 * Sends an account's current session (or its absence) to every open document of every site bound
 * to it: on sign-in, refresh, sign-out and account switch. Before each send it re-checks that the
 * tab's top-frame origin is the site, still granted and bound to this account, and targets the
 * document that asked (frame 0 + documentId), so a navigation race cannot deliver to the next page.
 */
export async function pushSessionToTabs(accountId: string, deps: SitesDeps): Promise<PushResult> {
  const delivered: number[] = [];
  const sites = await deps.allowList.forAccount(accountId);
  if (sites.length === 0) return { delivered };
  const tabs = await deps.tabs.query({});
  for (const site of sites) {
    if (!(await isGranted(deps.permissions, site.origin))) continue;
    // Per site: only a site that holds the refresh token is sent it.
    const session = await deps.sessions.getAccountSession(accountId, sessionRequestFor(site));
    if (!session) return { delivered };
    const tabIds = tabs
      .filter((tab) => tab.id !== undefined && originOfUrl(tab.url) === site.origin)
      .map((tab) => tab.id as number);
    if (site.format === 'authorization-header') {
      await syncHeaderRule(deps.rules, site, session.tokens, tabIds);
      continue;
    }
    // Also with no tab open: the version cookie is what makes the next first load current.
    const message = await applyMessage(site, session, deps);
    for (const tabId of tabIds) {
      const target = await deps.documents.get(tabId);
      if (target?.origin !== site.origin) continue;
      try {
        await deps.tabs.sendMessage(tabId, message, {
          frameId: 0,
          documentId: target.documentId,
        });
        delivered.push(tabId);
      } catch {
        // That document is gone (navigated or closed): forget it; its successor asks itself.
        await deps.documents.delete(tabId);
      }
    }
  }
  return { delivered };
}
