/**
 * The real background with a hosted-UI sign-in: createBackground over WXT's fake browser
 * storage, the SDK gateway and the local pool, with a Node stand-in for the sign-in window.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../../local-pool/server';
import { createBackground, type Background } from '../background/service';
import { browserAlarms } from '../platform/alarms';
import { memoryKeyStore } from '../platform/key-store';
import { createLogger } from '../platform/logger';
import type { PageRequest, PopupState } from '../platform/protocol';
import { defineAccountItems } from '../platform/storage-items';
import { wxtStorageArea } from '../platform/storage-area';
import { demoAccounts } from '../session/accounts';
import { poolWindow } from './testing/pool-window';
import type { WebAuthFlow } from './web-auth-flow';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const ACCOUNT = 'demo-public';
const HOSTED_COOKIE = 'local-hosted-ui-us-east-1_DemoPool0';

let pool: LocalPool;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());

interface Setup {
  bg: Background;
  window: ReturnType<typeof poolWindow>;
  jar: Map<string, string>;
  launches: string[];
  tokenChanges: string[];
  request(request: PageRequest): Promise<PopupState>;
}

async function setup(): Promise<Setup> {
  fakeBrowser.reset();
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
  const items = defineAccountItems();
  await items.accounts.setValue(
    demoAccounts().map((account) => ({
      ...account,
      endpoint: pool.url,
      ...(account.oauth && { oauth: { ...account.oauth, domain: pool.url } }),
    })),
  );
  await items.activeAccountId.setValue(ACCOUNT);
  const jar = new Map<string, string>();
  const window = poolWindow(pool.url, REDIRECT, jar);
  const launches: string[] = [];
  const webAuth: WebAuthFlow = {
    redirectUrl: () => window.webAuth.redirectUrl(),
    launch: (url, interactive) => {
      launches.push(new URL(url).pathname);
      return window.webAuth.launch(url, interactive);
    },
  };
  const tokenChanges: string[] = [];
  const bg = createBackground({
    session: wxtStorageArea('session'),
    local: wxtStorageArea('local'),
    accountsItem: items.accounts,
    activeItem: items.activeAccountId,
    keyStore: memoryKeyStore(),
    alarms: browserAlarms(),
    now: Date.now,
    newId: () => crypto.randomUUID(),
    logger: createLogger('silent', () => undefined),
    broadcast: () => undefined,
    onTokensChanged: (accountId) => tokenChanges.push(accountId),
    webAuth,
    fetch: (url, init) => fetch(url, init),
  });
  return {
    bg,
    window,
    jar,
    launches,
    tokenChanges,
    async request(request) {
      const response = await bg.handle(request);
      if (!response.ok) throw new Error(`${request.type}: ${response.error.code}`);
      return response.state;
    },
  };
}

const alice = () => ({ action: 'password', username: 'alice', password: 'Passw0rd!' });

describe('signInWithHostedUi in the background', () => {
  let t: Setup;
  beforeEach(async () => {
    t = await setup();
  });

  it('lands in DONE with stored, refreshable tokens; sign-out ends the hosted session', async () => {
    t.window.onPage(alice);
    const state = await t.request({
      type: 'signInWithHostedUi',
      accountId: ACCOUNT,
      provider: 'COGNITO',
    });
    expect(state.flow?.step).toMatchObject({ name: 'DONE', user: { username: 'alice' } });
    expect(t.tokenChanges).toContain(ACCOUNT);
    expect(await t.bg.vault.refreshToken(ACCOUNT)).toEqual(expect.any(String));
    const refreshed = await t.bg.refresher.refresh(ACCOUNT);
    expect(refreshed.kind).toBe('refreshed');
    expect(t.jar.has(HOSTED_COOKIE)).toBe(true);

    const out = await t.request({ type: 'signOut', accountId: ACCOUNT, global: false });
    expect(out.flow?.step.name).toBe('SIGN_IN');
    expect(t.launches).toEqual(['/oauth2/authorize', '/logout']);
    expect(t.jar.has(HOSTED_COOKIE)).toBe(false);
    expect(await t.bg.vault.load(ACCOUNT)).toBeNull();
  });

  it('a password sign-in does not call /logout on sign-out', async () => {
    await t.request({
      type: 'startSignIn',
      accountId: ACCOUNT,
      username: 'alice',
      password: 'Passw0rd!',
    });
    await t.request({ type: 'signOut', accountId: ACCOUNT, global: false });
    expect(t.launches).toEqual([]);
  });

  it('a cancelled sign-in is a clear refusal and leaves the sign-in screen', async () => {
    t.window.onPage(() => ({ action: 'cancel' }));
    const response = await t.bg.handle({ type: 'signInWithHostedUi', accountId: ACCOUNT });
    expect(response).toMatchObject({ ok: false, error: { code: 'HostedUiAccessDenied' } });
    const state = await t.request({ type: 'getState' });
    expect(state.flow?.step.name).toBe('SIGN_IN');
    expect(await t.bg.vault.load(ACCOUNT)).toBeNull();
  });

  it('an account without hosted-UI settings refuses, and pages see the settings (not secret)', async () => {
    const response = await t.bg.handle({ type: 'signInWithHostedUi', accountId: 'strict' });
    expect(response).toMatchObject({ ok: false, error: { code: 'HostedUiNotConfigured' } });
    const state = await t.request({ type: 'getState' });
    expect(state.accounts.find((a) => a.id === ACCOUNT)?.oauth?.identityProviders).toEqual([
      'COGNITO',
      'DemoIdP',
    ]);
  });
});
