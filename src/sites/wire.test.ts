import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import type { BridgeSender } from './background-handlers';
import { bridgeRegistration, bridgeScriptId } from './permissions';
import { FakeScripting } from './testing/fake-scripting';
import { EXTENSION_ID, FakePermissions, FakeRules, FakeSessions, FakeTabs } from './testing/fakes';
import { makeTokens, TEST_CLIENT_ID } from './testing/tokens';
import { VERSION_COOKIE } from './session-version';
import { wireSites, type SitesBrowser } from './wire';

class FakeEvent<Listener extends (...args: never[]) => unknown> {
  readonly listeners: Listener[] = [];
  addListener(listener: Listener) {
    this.listeners.push(listener);
  }
  fire(...args: Parameters<Listener>): Array<ReturnType<Listener>> {
    return this.listeners.map((listener) => listener(...args) as ReturnType<Listener>);
  }
}

const SITE = 'http://127.0.0.1:5173';
const now = Date.now();
const alice = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });

function setup() {
  const onMessage = new FakeEvent<
    (
      message: unknown,
      sender: BridgeSender,
      sendResponse: (response: unknown) => void,
    ) => true | undefined
  >();
  const onPermissionRemoved = new FakeEvent<
    (permissions: { origins?: string[] | undefined }) => void
  >();
  const onPermissionAdded = new FakeEvent<
    (permissions: { origins?: string[] | undefined }) => void
  >();
  const onTabRemoved = new FakeEvent<(tabId: number) => void>();
  const fakePermissions = new FakePermissions();
  const removed: string[][] = [];
  const permissions = Object.assign(fakePermissions, {
    removed,
    remove(request: { origins: string[] }) {
      removed.push(request.origins);
      for (const origin of request.origins) fakePermissions.granted.delete(origin);
      return Promise.resolve(true);
    },
    onRemoved: onPermissionRemoved,
    onAdded: onPermissionAdded,
  });
  const tabs = Object.assign(new FakeTabs(), { onRemoved: onTabRemoved });
  const scripting = new FakeScripting();
  const rules = new FakeRules();
  const sessions = new FakeSessions();
  sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: alice });
  const cookies = new Map<string, string>();
  const browser: SitesBrowser = {
    runtime: { id: EXTENSION_ID, onMessage },
    permissions,
    tabs,
    scripting,
    declarativeNetRequest: rules,
    cookies: {
      set(details) {
        cookies.set(`${details.url} ${details.name}`, details.value);
        return Promise.resolve();
      },
      remove(details) {
        cookies.delete(`${details.url} ${details.name}`);
        return Promise.resolve();
      },
    },
  };
  const clock = { now };
  const service = wireSites({ browser, storage, sessions, now: () => clock.now });
  return {
    service,
    cookies,
    onMessage,
    onPermissionRemoved,
    onPermissionAdded,
    clock,
    onTabRemoved,
    permissions,
    tabs,
    scripting,
    rules,
    sessions,
  };
}

function bridgeAsks(world: ReturnType<typeof setup>, tabId: number, url: string) {
  const documentId = `DOC-${String(tabId)}`;
  world.tabs.tabs.set(tabId, { url, documentId });
  const sender: BridgeSender = {
    id: EXTENSION_ID,
    tab: { id: tabId, url },
    frameId: 0,
    documentId,
    url,
    origin: new URL(url).origin,
  };
  return send(world, { type: 'bridge:getSession' }, sender).reply;
}

/** Delivers a message like Chrome: the listener's return value, and the reply it sends. */
function send(world: ReturnType<typeof setup>, message: unknown, sender: BridgeSender) {
  let resolveReply: (value: unknown) => void = () => undefined;
  const reply = new Promise<unknown>((resolve) => {
    resolveReply = resolve;
  });
  const [kept] = world.onMessage.fire(message, sender, resolveReply);
  return { kept, reply };
}

describe('wireSites', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('leaves other modules’ messages alone and answers bridge traffic', async () => {
    const world = setup();
    expect(send(world, { type: 'getState' }, {}).kept).toBeUndefined();
    const bridge = send(world, { type: 'bridge:getSession' }, {});
    expect(bridge.kept).toBe(true);
    await expect(bridge.reply).resolves.toEqual({
      type: 'bridge:rejected',
    });
  });

  it('refuses to share without the permission, then shares, registers and injects the open tab', async () => {
    const world = setup();
    world.tabs.tabs.set(9, { url: `${SITE}/`, documentId: 'DOC-9' });
    await expect(
      world.service.shareSite({ origin: SITE, accountId: 'demo' }),
    ).rejects.toMatchObject({
      code: 'SitePermissionPending',
    });
    world.permissions.granted.add(`${SITE}/*`);
    const site = await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    expect(site.format).toBe('amplify-local-storage');
    expect([...world.scripting.scripts.keys()]).toEqual([bridgeScriptId(SITE)]);
    expect(world.scripting.injected).toEqual([
      { tabId: 9, frameIds: [0], files: ['content-scripts/session-bridge.js'] },
    ]);
    const reply = await bridgeAsks(world, 9, `${SITE}/`);
    expect(JSON.stringify(reply)).toContain(alice.accessToken);
  });

  it('pushes token changes to the open tabs', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    await bridgeAsks(world, 1, `${SITE}/a`);
    await bridgeAsks(world, 2, `${SITE}/b`);
    world.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: undefined });
    const result = await world.service.onTokensChanged('demo');
    expect(result.delivered).toEqual([1, 2]);
  });

  it('on permission removal: unregisters, clears the pages and forgets the site', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    await bridgeAsks(world, 1, `${SITE}/a`);
    world.permissions.granted.clear();
    world.onPermissionRemoved.fire({ origins: [`${SITE}/*`] });
    await expect.poll(() => world.service.listSites()).toEqual([]);
    await expect.poll(() => world.scripting.scripts.size).toBe(0);
    await expect.poll(() => world.tabs.sent.length).toBe(1);
    expect(world.tabs.sent[0]).toMatchObject({
      tabId: 1,
      options: { frameId: 0, documentId: 'DOC-1' },
      message: { type: 'bridge:apply', writes: [] },
    });
    // The page asking again gets nothing.
    await expect(bridgeAsks(world, 1, `${SITE}/a`)).resolves.toEqual({ type: 'bridge:rejected' });
  });

  it('removeSite clears pages, drops the header rule and gives the host access back', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    world.permissions.granted.add('http://127.0.0.1:9300/*');
    await world.service.shareSite({
      origin: SITE,
      accountId: 'demo',
      format: 'authorization-header',
      apiOrigins: ['http://127.0.0.1:9300'],
    });
    await bridgeAsks(world, 1, `${SITE}/a`);
    expect(world.rules.rules.size).toBe(1);
    await world.service.removeSite(SITE);
    expect(world.rules.rules.size).toBe(0);
    expect(world.scripting.scripts.size).toBe(0);
    expect(world.permissions.removed).toEqual([[`${SITE}/*`, 'http://127.0.0.1:9300/*']]);
  });

  it('tells the refresher when a site owns an account’s refresh token', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    expect(await world.service.siteOwnsRefresh('demo')).toBe(false);
    await world.service.updateSite({ origin: SITE, accountId: 'demo', shareRefreshToken: true });
    expect(await world.service.siteOwnsRefresh('demo')).toBe(true);
    expect(await world.service.siteOwnsRefresh('other')).toBe(false);
  });

  it('completes a share when the browser reports the grant, though the popup that asked is gone', async () => {
    const world = setup();
    world.tabs.tabs.set(9, { url: `${SITE}/`, documentId: 'DOC-9' });
    // The popup's click: prompt shown, share recorded; then the prompt closed the popup.
    await expect(
      world.service.shareSite({ origin: SITE, accountId: 'demo', shareRefreshToken: true }),
    ).rejects.toMatchObject({ code: 'SitePermissionPending' });
    expect(await world.service.listSites()).toEqual([]);
    // The person accepts.
    world.permissions.granted.add(`${SITE}/*`);
    world.onPermissionAdded.fire({ origins: [`${SITE}/*`] });
    await expect.poll(async () => (await world.service.listSites()).length).toBe(1);
    expect((await world.service.listSites())[0]).toMatchObject({
      origin: SITE,
      accountId: 'demo',
      shareRefreshToken: true,
    });
    expect([...world.scripting.scripts.keys()]).toEqual([bridgeScriptId(SITE)]);
    await expect.poll(() => world.scripting.injected.length).toBe(1);
  });

  it('does not take a grant for another origin, a late grant, or a cancelled share as the answer', async () => {
    const world = setup();
    const OTHER = 'https://other.example';
    await world.service.shareSite({ origin: SITE, accountId: 'demo' }).catch(() => undefined);
    // Another origin granted: this share still waits.
    world.permissions.granted.add(`${OTHER}/*`);
    world.onPermissionAdded.fire({ origins: [`${OTHER}/*`] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await world.service.listSites()).toEqual([]);
    // Granted after the person moved on (pending shares last 3 minutes).
    world.clock.now += 3 * 60 * 1000 + 1;
    world.permissions.granted.add(`${SITE}/*`);
    world.onPermissionAdded.fire({ origins: [`${SITE}/*`] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await world.service.listSites()).toEqual([]);
    // Asked again, then removed before the grant came: nothing is shared.
    world.permissions.granted.delete(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' }).catch(() => undefined);
    await world.service.removeSite(SITE);
    world.permissions.granted.add(`${SITE}/*`);
    world.onPermissionAdded.fire({ origins: [`${SITE}/*`] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await world.service.listSites()).toEqual([]);
  });

  it('keeps the session version cookie current even with no tab open, and drops it on removal', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    const key = `${SITE}/ ${VERSION_COOKIE}`;
    await world.service.onTokensChanged('demo');
    const signedIn = world.cookies.get(key);
    expect(signedIn).toMatch(/^[0-9a-f]{16}$/);
    // Signed out while no tab of the site is open: the next first load must know.
    world.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens: undefined });
    expect((await world.service.onTokensChanged('demo')).delivered).toEqual([]);
    expect(world.cookies.get(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(world.cookies.get(key)).not.toBe(signedIn);
    // And after a restart of the worker the cookie follows the session as it is.
    world.cookies.clear();
    await world.service.resync();
    expect(world.cookies.get(key)).toMatch(/^[0-9a-f]{16}$/);
    await world.service.removeSite(SITE);
    expect(world.cookies.has(key)).toBe(false);
  });

  it('forgets closed tabs', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    await bridgeAsks(world, 1, `${SITE}/a`);
    world.onTabRemoved.fire(1);
    world.tabs.tabs.set(1, { url: `${SITE}/a`, documentId: 'DOC-1' });
    await expect
      .poll(async () => (await world.service.onTokensChanged('demo')).delivered)
      .toEqual([]);
  });

  it('resync re-registers granted sites, drops revoked ones and stray registrations', async () => {
    const world = setup();
    world.permissions.granted.add(`${SITE}/*`);
    world.permissions.granted.add('https://gone.example/*');
    await world.service.shareSite({ origin: SITE, accountId: 'demo' });
    await world.service.shareSite({ origin: 'https://gone.example', accountId: 'demo' });
    world.permissions.granted.delete('https://gone.example/*');
    world.scripting.scripts.clear();
    await world.scripting.registerContentScripts([bridgeRegistration('https://stray.example')]);
    await world.service.resync();
    expect([...world.scripting.scripts.keys()]).toEqual([bridgeScriptId(SITE)]);
    expect((await world.service.listSites()).map((site) => site.origin)).toEqual([SITE]);
  });
});
