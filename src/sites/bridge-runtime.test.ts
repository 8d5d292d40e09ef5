// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorageChange } from './apply-changes';
import type { BridgeApply } from './bridge-messages';
import {
  announceStorageChanges,
  startBridge,
  type BridgeEnvironment,
  type FirstLoadControl,
} from './bridge-runtime';
import { APPLIED_VERSION_KEY, RELOADED_FOR_KEY, VERSION_COOKIE } from './session-version';
import { amplifyLocalStorageChanges } from './formats/amplify-local-storage';
import { makeTokens, TEST_CLIENT_ID } from './testing/tokens';

const EXTENSION_ID = 'ext';
const P = `CognitoIdentityServiceProvider.${TEST_CLIENT_ID}`;
const now = Date.now();
const alice = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
const V1 = '00000000000000a1';
const V2 = '00000000000000b2';

function apply(tokens: typeof alice | undefined): BridgeApply {
  return {
    type: 'bridge:apply',
    ...amplifyLocalStorageChanges(
      { clientId: TEST_CLIENT_ID, tokens },
      { shareRefreshToken: false },
    ),
  };
}

function environment(reply: unknown) {
  let push: ((message: unknown, sender: { id?: string; tab?: unknown }) => void) | undefined;
  const announced: StorageChange[][] = [];
  const areas: string[] = [];
  const sent: unknown[] = [];
  const env: BridgeEnvironment = {
    extensionId: EXTENSION_ID,
    localStorage,
    cookies: document,
    sendRequest(message) {
      sent.push(message);
      return Promise.resolve(reply);
    },
    onPush(listener) {
      push = listener;
    },
    announce(changes, area) {
      announced.push(changes);
      areas.push(area);
    },
  };
  return {
    env,
    sent,
    announced,
    areas,
    push: (message: unknown, sender: { id?: string; tab?: unknown }) => push?.(message, sender),
  };
}

describe('session bridge', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('asks only for the session of its origin, with nothing in the request, and writes it', async () => {
    const world = environment(apply(alice));
    await startBridge(world.env);
    expect(world.sent).toEqual([{ type: 'bridge:getSession' }]);
    expect(localStorage.getItem(`${P}.alice.accessToken`)).toBe(alice.accessToken);
    expect(world.announced[0]?.length).toBe(5);
  });

  it('keeps the session a site refreshed by itself instead of writing the older one back', async () => {
    // The site holds the refresh token and refreshed ten minutes after the extension's copy.
    const refreshedBySite = makeTokens({
      issuedAt: Math.floor(now / 1000) + 600,
      receivedAt: now + 600_000,
    });
    localStorage.setItem(`${P}.alice.accessToken`, refreshedBySite.accessToken);
    localStorage.setItem(`${P}.alice.refreshToken`, 'rotated-by-the-site');
    const world = environment({ ...apply(alice), version: V1 });
    await startBridge(world.env);
    expect(localStorage.getItem(`${P}.alice.accessToken`)).toBe(refreshedBySite.accessToken);
    expect(localStorage.getItem(`${P}.alice.refreshToken`)).toBe('rotated-by-the-site');
    expect(world.announced).toEqual([]);
    // Counted as applied: the next load is not held for a session the page will not take.
    expect(localStorage.getItem(APPLIED_VERSION_KEY)).toBe(V1);

    // A sign-out from the popup still reaches it.
    world.push({ ...apply(undefined), version: V2 }, { id: EXTENSION_ID });
    expect(localStorage.getItem(`${P}.alice.accessToken`)).toBeNull();
  });

  it('applies pushes from the background in place, and removals on sign-out', async () => {
    const world = environment(apply(alice));
    await startBridge(world.env);
    const refreshed = makeTokens({
      issuedAt: Math.floor(now / 1000) + 60,
      receivedAt: now + 60_000,
    });
    world.push(apply(refreshed), { id: EXTENSION_ID });
    expect(localStorage.getItem(`${P}.alice.accessToken`)).toBe(refreshed.accessToken);
    expect(world.announced[1]?.find((c) => c.key.endsWith('.accessToken'))).toEqual({
      key: `${P}.alice.accessToken`,
      oldValue: alice.accessToken,
      newValue: refreshed.accessToken,
    });
    world.push(apply(undefined), { id: EXTENSION_ID });
    expect(localStorage.length).toBe(0);
  });

  it('ignores pushes from other extensions, other content scripts and malformed messages', async () => {
    const world = environment({ type: 'bridge:rejected' });
    await startBridge(world.env);
    expect(localStorage.length).toBe(0);
    world.push(apply(alice), { id: 'another-extension' });
    world.push(apply(alice), { id: EXTENSION_ID, tab: { id: 3 } });
    world.push({ ...apply(alice), extra: true }, { id: EXTENSION_ID });
    world.push(
      {
        type: 'bridge:apply',
        writes: [{ area: 'cookie', name: 'a', value: 'b; Domain=evil', secure: false }],
        removals: [],
      },
      { id: EXTENSION_ID },
    );
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(world.announced).toEqual([]);
  });

  it('announces cookie changes too, since cookies fire no event of their own', () => {
    const world = environment(undefined);
    void startBridge(world.env);
    world.push(
      {
        type: 'bridge:apply',
        writes: [{ area: 'cookie', name: 'late', value: 'session', secure: false }],
        removals: [],
      },
      { id: EXTENSION_ID },
    );
    expect(document.cookie).toContain('late=session');
    expect(world.areas).toEqual(['cookie']);
    expect(world.announced).toEqual([[{ key: 'late', oldValue: null, newValue: 'session' }]]);
    document.cookie = 'late=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('survives an unreachable background', async () => {
    const world = environment(undefined);
    world.env.sendRequest = () => Promise.reject(new Error('Extension context invalidated.'));
    await expect(startBridge(world.env)).resolves.toBeUndefined();
  });

  it('announces changes as storage events the page can hear', () => {
    const heard = vi.fn();
    window.addEventListener('storage', heard);
    announceStorageChanges(window, localStorage, [{ key: 'k', oldValue: 'a', newValue: 'b' }]);
    window.removeEventListener('storage', heard);
    const event = heard.mock.calls[0]?.[0] as StorageEvent;
    expect([event.key, event.oldValue, event.newValue]).toEqual(['k', 'a', 'b']);
    expect(event.storageArea).toBe(localStorage);
  });
});

describe('session bridge, first load (document_start)', () => {
  function firstLoad(world: ReturnType<typeof environment>) {
    const steps: string[] = [];
    const control: FirstLoadControl = {
      sessionStorage,
      hold: () =>
        steps.push(`hold (page has ${String(localStorage.getItem(`${P}.LastAuthUser`))})`),
      reload: () =>
        steps.push(`reload (page has ${String(localStorage.getItem(`${P}.LastAuthUser`))})`),
    };
    world.env.firstLoad = control;
    return steps;
  }

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    document.cookie = `${VERSION_COOKIE}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  });

  it('holds the load when the stored session is older than the background’s, then reloads with it', async () => {
    document.cookie = `${VERSION_COOKIE}=${V1}; path=/`;
    const world = environment({ ...apply(alice), version: V1 });
    const steps = firstLoad(world);
    const started = startBridge(world.env);
    // Synchronously, before any page script could run: the load is already stopped.
    expect(steps).toEqual(['hold (page has null)']);
    await started;
    expect(steps).toEqual(['hold (page has null)', 'reload (page has alice)']);
    expect(localStorage.getItem(APPLIED_VERSION_KEY)).toBe(V1);
  });

  it('lets the page run at once when the stored session is the current one', async () => {
    document.cookie = `${VERSION_COOKIE}=${V1}; path=/`;
    localStorage.setItem(APPLIED_VERSION_KEY, V1);
    const world = environment({ ...apply(alice), version: V1 });
    const steps = firstLoad(world);
    await startBridge(world.env);
    expect(steps).toEqual([]);
    // Still asks: the background learns this document for later pushes.
    expect(world.sent).toEqual([{ type: 'bridge:getSession' }]);
  });

  it('holds for a sign-out that happened while no tab was open, so no page sees the old user', async () => {
    localStorage.setItem(`${P}.LastAuthUser`, 'alice');
    localStorage.setItem(APPLIED_VERSION_KEY, V1);
    document.cookie = `${VERSION_COOKIE}=${V2}; path=/`;
    const world = environment({ ...apply(undefined), version: V2 });
    const steps = firstLoad(world);
    await startBridge(world.env);
    expect(steps).toEqual(['hold (page has alice)', 'reload (page has null)']);
  });

  it('reloads at most once per version, even when the background refuses', async () => {
    document.cookie = `${VERSION_COOKIE}=${V1}; path=/`;
    const refused = environment({ type: 'bridge:rejected' });
    const steps = firstLoad(refused);
    await startBridge(refused.env);
    expect(steps).toEqual(['hold (page has null)', 'reload (page has null)']);
    expect(sessionStorage.getItem(RELOADED_FOR_KEY)).toBe(V1);
    // The reloaded document: same tab, same version: the page runs without the session.
    const again = environment({ type: 'bridge:rejected' });
    const secondSteps = firstLoad(again);
    await startBridge(again.env);
    expect(secondSteps).toEqual([]);
  });

  it('never holds without a version cookie, nor a page it was injected into', async () => {
    const noCookie = environment({ ...apply(alice), version: V1 });
    const steps = firstLoad(noCookie);
    await startBridge(noCookie.env);
    expect(steps).toEqual([]);

    document.cookie = `${VERSION_COOKIE}=${V2}; path=/`;
    const injected = environment({ ...apply(alice), version: V2 }); // no firstLoad: page running
    await startBridge(injected.env);
    expect(localStorage.getItem(APPLIED_VERSION_KEY)).toBe(V2);
  });

  it('forgets the applied version when a removed site is cleared (no version in the message)', async () => {
    const world = environment({ ...apply(alice), version: V1 });
    await startBridge(world.env);
    expect(localStorage.getItem(APPLIED_VERSION_KEY)).toBe(V1);
    world.push(apply(undefined), { id: EXTENSION_ID });
    expect(localStorage.getItem(APPLIED_VERSION_KEY)).toBeNull();
  });
});
