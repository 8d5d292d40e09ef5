/**
 * Refresh under faults, revocation, concurrency and a browser restart, against the real
 * background and the local pool:
 * - an outage (unreachable, 500s, throttling, a 10 s stall, a cut-off answer) during a refresh
 *   keeps the session (tokens not cleared, retried later) and the refresh succeeds after recovery;
 * - a refresh token revoked at the pool (GlobalSignOut, RevokeToken) signs out cleanly: tokens and
 *   the sealed refresh token gone, pages and shared sites told;
 * - 50 tabs and the popup asking at once when a refresh is due: exactly one refresh call, every
 *   tab gets the new tokens;
 * - a browser restart brings "stay signed in" accounts back through the sealed refresh token and
 *   shows the others a clean sign-in.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../local-pool/faults';
import type { SessionTokens } from '../../src/session/token-vault';
import { ACCOUNT, PASSWORD, startFaultHarness, type FaultHarness } from './fault-harness';

let h: FaultHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALARM = `refresh:${ACCOUNT}`;
const FIFTY_SIX_MINUTES = 56 * 60_000;

async function signedIn(options: { staySignedIn?: boolean } = {}): Promise<FaultHarness> {
  h = await startFaultHarness(options);
  const state = await h.state({
    type: 'startSignIn',
    accountId: ACCOUNT,
    username: 'alice',
    password: PASSWORD,
  });
  expect(state.flow?.step.name).toBe('DONE');
  await h.faults([]); // counts from here on
  h.tokenChanges.length = 0;
  return h;
}

async function tokensOf(harness: FaultHarness): Promise<SessionTokens> {
  const tokens = await harness.bg.vault.load(ACCOUNT);
  if (!tokens) throw new Error('no tokens');
  return tokens;
}

async function alarmAt(): Promise<number | undefined> {
  return (await fakeBrowser.alarms.get(ALARM))?.scheduledTime ?? undefined;
}

describe('refresh during an outage keeps the session, and succeeds after recovery', () => {
  it.each<[string, FaultKind | 'unreachable', string, number | undefined]>([
    ['pool unreachable', 'unreachable', 'NetworkError', undefined],
    ['connection dropped', 'drop', 'NetworkError', 3],
    ['HTTP 500', 'http500', 'InternalErrorException', 3],
    ['throttled', 'throttle', 'TooManyRequestsException', 3],
    ['cut-off answer', 'truncated', 'MalformedResponse', 1],
    ['10 s stall', 'delay', 'RequestTimeout', 1],
  ])(
    '%s: the due refresh fails with %s, tokens kept, retried in a minute; recovers',
    async (_name, kind, code, requests) => {
      const harness = await signedIn({ staySignedIn: true });
      const before = await tokensOf(harness);
      const refreshToken = await harness.bg.vault.refreshToken(ACCOUNT);
      harness.advance(FIFTY_SIX_MINUTES); // past "5 minutes before expiry"

      if (kind === 'unreachable') await harness.relay.down();
      else
        await harness.faults([
          {
            operation: 'GetTokensFromRefreshToken',
            kind,
            ...(kind === 'delay' && { delayMs: 10_000 }),
          },
        ]);
      await harness.bg.onAlarm(ALARM);

      // The session is untouched: same tokens, same refresh token, the popup still signed in.
      expect(await tokensOf(harness)).toEqual(before);
      expect(await harness.bg.vault.refreshToken(ACCOUNT)).toBe(refreshToken);
      const during = await harness.state({ type: 'getState' });
      expect(during.flow?.step.name).toBe('DONE');
      expect(harness.tokenChanges).toEqual([]);
      // Tried again in a minute, not left to expire.
      const retryIn = ((await alarmAt()) ?? 0) - harness.now();
      expect(retryIn).toBeGreaterThan(45_000);
      expect(retryIn).toBeLessThanOrEqual(60_000);
      if (requests !== undefined) {
        expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(requests);
      }
      const outcome = await harness.bg.refresher.refresh(ACCOUNT);
      expect(outcome).toEqual({ kind: 'failed', code });

      // The pool comes back: the retry alarm refreshes.
      if (kind === 'unreachable') await harness.relay.up();
      else await harness.faults([]);
      harness.advance(60_000);
      await harness.bg.onAlarm(ALARM);
      const after = await tokensOf(harness);
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.receivedAt).toBeGreaterThan(before.receivedAt);
      expect(harness.tokenChanges).toEqual([ACCOUNT]);
      expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(1);
    },
    40_000,
  );
});

describe('a refresh token revoked at the pool signs out cleanly everywhere', () => {
  async function atPool(operation: string, body: object) {
    const response = await fetch(h?.pool.url ?? '', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  it.each([
    [
      'GlobalSignOut (signed out on another device)',
      async (tokens: SessionTokens) => {
        await atPool('GlobalSignOut', { AccessToken: tokens.accessToken });
      },
    ],
    [
      'RevokeToken (the refresh token revoked)',
      async (_tokens: SessionTokens, refreshToken: string) => {
        await atPool('RevokeToken', {
          ClientId: '3demo0public0client0000000',
          Token: refreshToken,
        });
      },
    ],
  ])('%s', async (_name, revoke) => {
    const harness = await signedIn({ staySignedIn: true });
    const tokens = await tokensOf(harness);
    const refreshToken = (await harness.bg.vault.refreshToken(ACCOUNT)) ?? '';
    expect(refreshToken).not.toBe('');
    await revoke(tokens, refreshToken);
    harness.broadcasts.length = 0;

    const outcome = await harness.bg.refresher.refresh(ACCOUNT);
    expect(outcome).toEqual({ kind: 'signedOut', code: 'NotAuthorizedException' });
    // Gone from every store: session tokens, the sealed refresh token, the refresh alarm.
    expect(await harness.bg.vault.load(ACCOUNT)).toBeFalsy();
    expect(await harness.bg.vault.refreshToken(ACCOUNT)).toBeFalsy();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(tokens.idToken);
    expect(await alarmAt()).toBeUndefined();
    // Open pages are told (a broadcast to the sign-in screen), shared sites are told to clear.
    expect(harness.broadcasts.at(-1)?.flow?.step.name).toBe('SIGN_IN');
    expect(harness.tokenChanges).toEqual([ACCOUNT]);
    expect((await harness.bg.sessions.getAccountSession(ACCOUNT))?.tokens).toBeFalsy();
    // The popup shows a clean sign-in, not an error and not a stale DONE; a worker restart agrees.
    harness.restartWorker();
    const shown = (await harness.state({ type: 'getState' })).flow;
    expect(shown?.step.name).toBe('SIGN_IN');
    expect(shown?.error).toBeUndefined();
    // And signing in again works.
    const again = await harness.state({
      type: 'startSignIn',
      accountId: ACCOUNT,
      username: 'alice',
      password: PASSWORD,
    });
    expect(again.flow?.step.name).toBe('DONE');
  });
});

describe('concurrency', () => {
  it('50 tabs and the popup asking at once when a refresh is due: one refresh, all get the new tokens', async () => {
    const harness = await signedIn({ staySignedIn: true });
    const before = await tokensOf(harness);
    harness.advance(FIFTY_SIX_MINUTES);
    harness.broadcasts.length = 0;

    const [alarm, popup, ...tabs] = await Promise.all([
      harness.bg.onAlarm(ALARM),
      harness.state({ type: 'getState' }),
      ...Array.from({ length: 50 }, () => harness.bg.sessions.getAccountSession(ACCOUNT)),
    ]);
    expect(alarm).toBeUndefined();
    expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(1);
    const fresh = await tokensOf(harness);
    expect(fresh.accessToken).not.toBe(before.accessToken);
    expect(tabs).toHaveLength(50);
    for (const tab of tabs) expect(tab?.tokens?.accessToken).toBe(fresh.accessToken);
    // The popup is signed in throughout, and is told the new expiry.
    expect(popup.flow?.step.name).toBe('DONE');
    const told = harness.broadcasts.at(-1)?.flow?.step;
    expect(told?.name === 'DONE' && told.accessTokenExpiresAt).toBe(fresh.accessTokenExpiresAt);
  });

  it('a stalled refresh does not hold pages: tabs with valid tokens get them within ~2 s', async () => {
    const harness = await signedIn({ staySignedIn: true });
    const before = await tokensOf(harness);
    harness.advance(FIFTY_SIX_MINUTES); // due, not expired
    await harness.faults([
      { operation: 'GetTokensFromRefreshToken', kind: 'delay', delayMs: 10_000, times: 1 },
    ]);
    const started = Date.now();
    const tabs = await Promise.all(
      Array.from({ length: 20 }, () => harness.bg.sessions.getAccountSession(ACCOUNT)),
    );
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_900);
    expect(waited).toBeLessThan(4_000);
    for (const tab of tabs) expect(tab?.tokens?.accessToken).toBe(before.accessToken);
    // The one refresh they started runs on and times out; nothing is lost.
    expect(await harness.bg.refresher.refresh(ACCOUNT)).toEqual({
      kind: 'failed',
      code: 'RequestTimeout',
    });
    expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(1);
    expect(await tokensOf(harness)).toEqual(before);
  }, 30_000);

  it('after a browser restart, 50 tabs and the popup at once: one refresh, all get tokens', async () => {
    const harness = await signedIn({ staySignedIn: true });
    await harness.restartBrowser();
    const [popup, ...tabs] = await Promise.all([
      harness.state({ type: 'getState' }),
      ...Array.from({ length: 50 }, () => harness.bg.sessions.getAccountSession(ACCOUNT)),
    ]);
    expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(1);
    const fresh = await tokensOf(harness);
    expect(popup.flow?.step.name).toBe('DONE');
    for (const tab of tabs) expect(tab?.tokens?.accessToken).toBe(fresh.accessToken);
  });

  it('sign-in started twice at once (two users): one flow, no crossed Sessions', async () => {
    h = await startFaultHarness();
    const harness = h;
    const start = (username: string) =>
      harness.state({ type: 'startSignIn', accountId: ACCOUNT, username, password: PASSWORD });
    const [first, second] = await Promise.all([start('bob'), start('carol')]);
    // Requests for one account run one after the other: bob's flow, then carol's replaces it.
    expect(first.flow?.step.name).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(second.flow?.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(second.flow?.username).toBe('carol');
    const flows = Object.keys(await fakeBrowser.storage.session.get(null)).filter((key) =>
      key.includes('flow.'),
    );
    expect(flows).toHaveLength(1);
    // Carol's code answers carol's Session: she is the one signed in.
    const done = await harness.state({
      type: 'answer',
      accountId: ACCOUNT,
      answer: { kind: 'code', code: harness.latestCode('carol') },
    });
    const step = done.flow?.step;
    expect(step?.name).toBe('DONE');
    expect(step?.name === 'DONE' && step.user.username).toBe('carol');
  });

  it('the same sign-in double-clicked: answered in order, the code of the last attempt signs in', async () => {
    h = await startFaultHarness();
    const harness = h;
    const start = () =>
      harness.state({
        type: 'startSignIn',
        accountId: ACCOUNT,
        username: 'carol',
        password: PASSWORD,
      });
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.flow?.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(b.flow?.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(b.busy).toBe(false);
    const report = await harness.report();
    expect(report.calls.InitiateAuth).toBe(2);
    const done = await harness.state({
      type: 'answer',
      accountId: ACCOUNT,
      answer: { kind: 'code', code: harness.latestCode('carol') },
    });
    expect(done.flow?.step.name).toBe('DONE');
  });
});

describe('browser restart (storage.session wiped)', () => {
  it('"stay signed in": back signed in through the sealed refresh token', async () => {
    const harness = await signedIn({ staySignedIn: true });
    const before = await tokensOf(harness);
    await harness.restartBrowser();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    const shown = (await harness.state({ type: 'getState' })).flow;
    expect(shown?.step.name).toBe('DONE');
    expect((await harness.report()).calls.GetTokensFromRefreshToken).toBe(1);
    expect((await tokensOf(harness)).accessToken).not.toBe(before.accessToken);
  });

  it('"stay signed in" while the pool is down: sign-in screen that says why, refresh token kept, back once the pool is', async () => {
    const harness = await signedIn({ staySignedIn: true });
    await harness.restartBrowser();
    await harness.relay.down();
    const down = (await harness.state({ type: 'getState' })).flow;
    expect(down?.step.name).toBe('SIGN_IN');
    expect(down?.error?.code).toBe('SavedSessionNotRenewed');
    expect(down?.error?.recovery).toMatch(/tried again/);
    expect(down?.username).toBe('alice');
    expect(await harness.bg.vault.refreshToken(ACCOUNT)).toBeDefined();
    await harness.relay.up();
    expect((await harness.state({ type: 'getState' })).flow?.step.name).toBe('DONE');
  });

  it('without "stay signed in": a clean sign-in screen, nothing asked of Cognito', async () => {
    const harness = await signedIn({ staySignedIn: false });
    await harness.restartBrowser();
    const shown = (await harness.state({ type: 'getState' })).flow;
    expect(shown?.step.name).toBe('SIGN_IN');
    expect(shown?.error).toBeUndefined();
    expect(await harness.bg.vault.refreshToken(ACCOUNT)).toBeFalsy();
    await harness.bg.wake();
    expect((await harness.report()).calls).toEqual({});
  });
});
