import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleBridgeRequest, pushSessionToTabs, type BridgeSender } from './background-handlers';
import type { BridgeApply } from './bridge-messages';
import { EXTENSION_ID, makeDeps } from './testing/fakes';
import { makeTokens, TEST_CLIENT_ID } from './testing/tokens';

const SITE = 'http://127.0.0.1:5173';
const OTHER_SITE = 'http://localhost:5174';
const now = Date.now();
const alice = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
const bob = makeTokens({ username: 'bob', issuedAt: Math.floor(now / 1000), receivedAt: now });

async function setup() {
  const deps = makeDeps();
  deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: alice });
  deps.sessions.accounts.set('other', { clientId: 'otherclient', tokens: bob });
  deps.sessions.accounts.set('signedout', { clientId: 'soclient', tokens: undefined });
  await deps.allowList.put({ origin: SITE, accountId: 'demo' });
  deps.permissions.granted.add(`${SITE}/*`);
  return deps;
}

const goodSender: BridgeSender = {
  id: EXTENSION_ID,
  tab: { id: 5, url: `${SITE}/page` },
  frameId: 0,
  documentId: 'DOC-5',
  url: `${SITE}/page`,
  origin: SITE,
};

const request = { type: 'bridge:getSession' };

function containsToken(value: unknown): boolean {
  const text = JSON.stringify(value);
  return (
    text.includes(alice.accessToken) || text.includes(alice.idToken) || text.includes(bob.idToken)
  );
}

describe('handleBridgeRequest', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('answers an allowed top frame with its origin’s session and remembers its document', async () => {
    const deps = await setup();
    const response = await handleBridgeRequest(request, goodSender, deps);
    expect(response.type).toBe('bridge:apply');
    const keys = (response as BridgeApply).writes.map((w) =>
      w.area === 'localStorage' ? w.key : '',
    );
    expect(keys).toContain(`CognitoIdentityServiceProvider.${TEST_CLIENT_ID}.alice.accessToken`);
    expect(await deps.documents.get(5)).toEqual({ documentId: 'DOC-5', origin: SITE });
  });

  it.each<[string, unknown, BridgeSender]>([
    ['a non-object message', 'bridge:getSession', goodSender],
    ['null', null, goodSender],
    [
      'an extra field naming another origin',
      { type: 'bridge:getSession', origin: OTHER_SITE },
      goodSender,
    ],
    [
      'a push disguised as a request',
      { type: 'bridge:apply', writes: [], removals: [] },
      goodSender,
    ],
    ['a page request', { type: 'getState' }, goodSender],
    ['another extension', request, { ...goodSender, id: 'someone-else' }],
    ['no tab (extension page or worker)', request, { ...goodSender, tab: undefined }],
    ['a sub-frame', request, { ...goodSender, frameId: 2 }],
    ['a NaN tab id', request, { ...goodSender, tab: { id: Number.NaN, url: `${SITE}/` } }],
    ['a fractional tab id', request, { ...goodSender, tab: { id: 1.5, url: `${SITE}/` } }],
    ['a negative tab id', request, { ...goodSender, tab: { id: -1, url: `${SITE}/` } }],
    ['no documentId', request, { ...goodSender, documentId: undefined }],
    ['an empty documentId', request, { ...goodSender, documentId: '' }],
    [
      'an origin not on the list',
      request,
      { ...goodSender, url: `${OTHER_SITE}/`, origin: OTHER_SITE },
    ],
    [
      'same host, another port',
      request,
      { ...goodSender, url: 'http://127.0.0.1:5174/', origin: 'http://127.0.0.1:5174' },
    ],
    [
      'https instead of http',
      request,
      { ...goodSender, url: 'https://127.0.0.1:5173/', origin: 'https://127.0.0.1:5173' },
    ],
    ['url and origin disagreeing', request, { ...goodSender, origin: OTHER_SITE }],
    ['no url', request, { ...goodSender, url: undefined }],
    ['a non-web url', request, { ...goodSender, url: 'chrome-extension://abc/popup.html' }],
  ])('rejects %s, with no side effect and no token', async (_name, message, sender) => {
    const deps = await setup();
    const response = await handleBridgeRequest(message, sender, deps);
    expect(response).toEqual({ type: 'bridge:rejected' });
    expect(containsToken(response)).toBe(false);
    expect(await deps.documents.get(5)).toBeUndefined();
    expect(deps.rules.updates).toEqual([]);
  });

  it('rejects an allowed origin whose permission was revoked', async () => {
    const deps = await setup();
    deps.permissions.granted.clear();
    expect(await handleBridgeRequest(request, goodSender, deps)).toEqual({
      type: 'bridge:rejected',
    });
    expect(await deps.documents.get(5)).toBeUndefined();
  });

  it('rejects an allowed origin bound to an account that no longer exists', async () => {
    const deps = await setup();
    await deps.allowList.put({ origin: SITE, accountId: 'deleted' });
    expect(await handleBridgeRequest(request, goodSender, deps)).toEqual({
      type: 'bridge:rejected',
    });
  });

  it('gives an allowed origin bound to a signed-out account removals only, no token', async () => {
    const deps = await setup();
    await deps.allowList.put({ origin: SITE, accountId: 'signedout' });
    const response = await handleBridgeRequest(request, goodSender, deps);
    expect(response).toMatchObject({ type: 'bridge:apply', writes: [] });
    expect(containsToken(response)).toBe(false);
  });

  it('gives a site only the session of the account it is bound to', async () => {
    const deps = await setup();
    await deps.allowList.put({ origin: OTHER_SITE, accountId: 'other' });
    deps.permissions.granted.add(`${OTHER_SITE}/*`);
    const response = await handleBridgeRequest(
      request,
      { ...goodSender, url: `${OTHER_SITE}/`, origin: OTHER_SITE },
      deps,
    );
    const text = JSON.stringify(response);
    expect(text).toContain(bob.accessToken);
    expect(text).not.toContain(alice.accessToken);
  });

  it('hands the refresh token only to a site that was set to hold it', async () => {
    const deps = await setup();
    const withRefresh = makeTokens({
      issuedAt: Math.floor(now / 1000),
      receivedAt: now,
      refreshToken: 'REFRESH-TOKEN-OF-ALICE',
    });
    deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: withRefresh });
    const refreshKey = `CognitoIdentityServiceProvider.${TEST_CLIENT_ID}.alice.refreshToken`;

    const plain = (await handleBridgeRequest(request, goodSender, deps)) as BridgeApply;
    expect(JSON.stringify(plain)).not.toContain('REFRESH-TOKEN-OF-ALICE');
    expect(deps.sessions.requests.at(-1)).toEqual({
      accountId: 'demo',
      includeRefreshToken: false,
    });

    await deps.allowList.put({ origin: SITE, accountId: 'demo', shareRefreshToken: true });
    const holder = (await handleBridgeRequest(request, goodSender, deps)) as BridgeApply;
    expect(holder.writes).toContainEqual({
      area: 'localStorage',
      key: refreshKey,
      value: 'REFRESH-TOKEN-OF-ALICE',
    });
  });

  it('installs the header rule for the asking tab of a header-format site', async () => {
    const deps = await setup();
    await deps.allowList.put({
      origin: SITE,
      accountId: 'demo',
      format: 'authorization-header',
      apiOrigins: ['http://127.0.0.1:9300'],
    });
    const response = await handleBridgeRequest(request, goodSender, deps);
    expect(response).toEqual({ type: 'bridge:apply', writes: [], removals: [] });
    const rule = deps.rules.rules.get(1);
    expect(rule?.condition.tabIds).toEqual([5]);
    expect(rule?.action.requestHeaders[0]?.value).toBe(`Bearer ${alice.accessToken}`);
  });
});

describe('pushSessionToTabs', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  async function openBridgeTab(
    deps: Awaited<ReturnType<typeof setup>>,
    tabId: number,
    url: string,
  ) {
    const documentId = `DOC-${String(tabId)}`;
    deps.tabs.tabs.set(tabId, { url, documentId });
    await handleBridgeRequest(
      request,
      { ...goodSender, tab: { id: tabId, url }, url, origin: new URL(url).origin, documentId },
      deps,
    );
  }

  it('updates every tab of the account’s sites, each at its own document in frame 0', async () => {
    const deps = await setup();
    await openBridgeTab(deps, 1, `${SITE}/a`);
    await openBridgeTab(deps, 2, `${SITE}/b`);
    await openBridgeTab(deps, 3, `${SITE}/c`);
    const refreshed = makeTokens({
      issuedAt: Math.floor(now / 1000) + 60,
      receivedAt: now + 60_000,
    });
    deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: refreshed });
    const result = await pushSessionToTabs('demo', deps);
    expect(result.delivered.sort()).toEqual([1, 2, 3]);
    expect(deps.tabs.sent.map((s) => s.options)).toEqual([
      { frameId: 0, documentId: 'DOC-1' },
      { frameId: 0, documentId: 'DOC-2' },
      { frameId: 0, documentId: 'DOC-3' },
    ]);
    expect(JSON.stringify(deps.tabs.sent[0]?.message)).toContain(refreshed.accessToken);
  });

  it('sends removals only on sign-out', async () => {
    const deps = await setup();
    await openBridgeTab(deps, 1, `${SITE}/a`);
    deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: undefined });
    await pushSessionToTabs('demo', deps);
    expect(deps.tabs.sent[0]?.message).toMatchObject({ type: 'bridge:apply', writes: [] });
    expect(containsToken(deps.tabs.sent)).toBe(false);
  });

  it('skips tabs of other accounts, other origins, navigated tabs and revoked sites', async () => {
    const deps = await setup();
    await deps.allowList.put({ origin: OTHER_SITE, accountId: 'other' });
    deps.permissions.granted.add(`${OTHER_SITE}/*`);
    await openBridgeTab(deps, 1, `${SITE}/a`);
    await openBridgeTab(deps, 2, `${OTHER_SITE}/`); // bound to another account
    await openBridgeTab(deps, 3, `${SITE}/b`);
    // Tab 3 navigated to another origin on the same host: its url no longer matches.
    deps.tabs.tabs.set(3, { url: 'http://127.0.0.1:5174/', documentId: 'DOC-3b' });
    // Tab 4 shows the site but has no bridge (opened before the site was shared).
    deps.tabs.tabs.set(4, { url: `${SITE}/` });
    // Tab 6 has no url visible to us (no host access).
    deps.tabs.tabs.set(6, {});
    expect((await pushSessionToTabs('demo', deps)).delivered).toEqual([1]);

    deps.permissions.granted.delete(`${SITE}/*`);
    expect((await pushSessionToTabs('demo', deps)).delivered).toEqual([]);
  });

  it('never delivers to the next document after a same-origin navigation race, and forgets it', async () => {
    const deps = await setup();
    await openBridgeTab(deps, 1, `${SITE}/a`);
    // The tab loaded a new document whose bridge has not asked yet.
    deps.tabs.tabs.set(1, { url: `${SITE}/next`, documentId: 'DOC-1-next' });
    expect((await pushSessionToTabs('demo', deps)).delivered).toEqual([]);
    expect(deps.tabs.sent).toEqual([]);
    expect(await deps.documents.get(1)).toBeUndefined();
  });

  it('pushes the refresh token to the site that holds it and to no other site of the account', async () => {
    const deps = await setup();
    deps.sessions.accounts.set('demo', {
      clientId: TEST_CLIENT_ID,
      tokens: makeTokens({
        issuedAt: Math.floor(now / 1000),
        receivedAt: now,
        refreshToken: 'REFRESH-TOKEN-OF-ALICE',
      }),
    });
    await deps.allowList.put({ origin: OTHER_SITE, accountId: 'demo', shareRefreshToken: true });
    deps.permissions.granted.add(`${OTHER_SITE}/*`);
    await openBridgeTab(deps, 1, `${SITE}/a`);
    await openBridgeTab(deps, 2, `${OTHER_SITE}/`);
    deps.tabs.sent.length = 0;
    expect((await pushSessionToTabs('demo', deps)).delivered.sort()).toEqual([1, 2]);
    const toTab = (tabId: number) =>
      JSON.stringify(deps.tabs.sent.filter((sent) => sent.tabId === tabId));
    expect(toTab(1)).not.toContain('REFRESH-TOKEN-OF-ALICE');
    expect(toTab(2)).toContain('REFRESH-TOKEN-OF-ALICE');
  });

  it('pushes nothing for an unknown account or one without sites', async () => {
    const deps = await setup();
    await openBridgeTab(deps, 1, `${SITE}/a`);
    expect((await pushSessionToTabs('nobody', deps)).delivered).toEqual([]);
    expect((await pushSessionToTabs('other', deps)).delivered).toEqual([]);
  });

  it('updates the header rule on refresh and removes it on sign-out', async () => {
    const deps = await setup();
    await deps.allowList.put({
      origin: SITE,
      accountId: 'demo',
      format: 'authorization-header',
      apiOrigins: ['http://127.0.0.1:9300'],
    });
    await openBridgeTab(deps, 1, `${SITE}/a`);
    await openBridgeTab(deps, 2, `${SITE}/b`);
    const refreshed = makeTokens({ issuedAt: Math.floor(now / 1000) + 60, receivedAt: now });
    deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: refreshed });
    await pushSessionToTabs('demo', deps);
    expect(deps.rules.rules.get(1)?.action.requestHeaders[0]?.value).toBe(
      `Bearer ${refreshed.accessToken}`,
    );
    expect(deps.rules.rules.get(1)?.condition.tabIds).toEqual([1, 2]);
    expect(deps.tabs.sent).toEqual([]);
    deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: undefined });
    await pushSessionToTabs('demo', deps);
    expect(deps.rules.rules.size).toBe(0);
  });
});
