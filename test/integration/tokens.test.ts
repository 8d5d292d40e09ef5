import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser as browser } from 'wxt/testing/fake-browser';
import { demoSeed, BOB_TOTP_SECRET, DEMO_PUBLIC_CLIENT_ID } from '../../local-pool/seed';
import { AuthError } from '../../src/cognito/auth-error';
import type { CognitoGateway } from '../../src/cognito/gateway';
import { createSdkGateway } from '../../src/cognito/sdk-gateway';
import { expectStep, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const A = 'demo-public';
const signInAlice = async () =>
  expectStep(
    await h.flow({ type: 'startSignIn', accountId: A, username: 'alice', password: PASSWORD }),
    'DONE',
  );
const gatewayFor = () =>
  createSdkGateway({
    region: 'us-east-1',
    userPoolId: 'us-east-1_DemoPool0',
    clientId: DEMO_PUBLIC_CLIENT_ID,
    endpoint: h.pool.url,
  });

function rotatingSeed() {
  const config = demoSeed();
  for (const pool of config.pools) {
    for (const client of pool.clients) {
      if (client.id === DEMO_PUBLIC_CLIENT_ID) client.refreshTokenRotation = { enabled: true };
    }
  }
  return config;
}

describe('refresh', () => {
  it('without rotation: new access token, the refresh token stays, alarm rescheduled', async () => {
    h = await startHarness();
    await signInAlice();
    const before = await h.bg.vault.load(A);
    const refreshBefore = await h.bg.vault.refreshToken(A);
    h.clock.advance(2_000);
    const outcome = await h.bg.refresher.refresh(A);
    expect(outcome.kind).toBe('refreshed');
    const after = await h.bg.vault.load(A);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(await h.bg.vault.refreshToken(A)).toBe(refreshBefore);
    const alarm = await browser.alarms.get(`refresh:${A}`);
    expect(alarm?.scheduledTime).toBe((after?.accessTokenExpiresAt ?? 0) - 5 * 60_000);
    expect(h.broadcasts.at(-1)?.flow?.step.name).toBe('DONE');
  });

  it('with rotation: a new refresh token replaces the old one', async () => {
    h = await startHarness({ config: rotatingSeed() });
    await signInAlice();
    const first = await h.bg.vault.refreshToken(A);
    expect((await h.bg.refresher.refresh(A)).kind).toBe('refreshed');
    const second = await h.bg.vault.refreshToken(A);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await h.bg.refresher.refresh(A)).kind).toBe('refreshed');
    expect(await h.bg.vault.refreshToken(A)).not.toBe(second);
  });

  it('concurrent refresh requests → one network call', async () => {
    h = await startHarness();
    await signInAlice();
    const before = h.gatewayCalls.filter((c) => c === 'getTokensFromRefreshToken').length;
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => h.bg.refresher.refresh(A)));
    expect(outcomes.every((o) => o.kind === 'refreshed')).toBe(true);
    expect(h.gatewayCalls.filter((c) => c === 'getTokensFromRefreshToken').length - before).toBe(1);
  });

  it('the alarm refreshes only when due (absolute expiry re-checked on wake)', async () => {
    h = await startHarness();
    await signInAlice();
    const count = () => h.gatewayCalls.filter((c) => c === 'getTokensFromRefreshToken').length;
    await h.bg.onAlarm(`refresh:${A}`);
    expect(count()).toBe(0);
    h.clock.advance(56 * 60_000);
    h.restartWorker();
    await h.bg.onAlarm(`refresh:${A}`);
    expect(count()).toBe(1);
    const tokens = await h.bg.vault.load(A);
    expect(tokens?.accessTokenExpiresAt).toBeGreaterThan(h.clock.now() + 50 * 60_000);
  });

  it('falls back to REFRESH_TOKEN_AUTH when GetTokensFromRefreshToken is unknown', async () => {
    const noNewRefresh = (gateway: CognitoGateway): CognitoGateway => ({
      ...gateway,
      getTokensFromRefreshToken: () =>
        Promise.reject(new AuthError('UnknownOperationException', 'Unknown operation', 'r')),
    });
    h = await startHarness({ wrapGateway: noNewRefresh });
    await signInAlice();
    expect((await h.bg.refresher.refresh(A)).kind).toBe('refreshed');
    expect(h.gatewayCalls).toContain('refreshTokenAuth');
  });

  it('network errors and 5xx keep the tokens; definite auth failures clear them', async () => {
    let failWith: AuthError | undefined;
    const flaky = (gateway: CognitoGateway): CognitoGateway => ({
      ...gateway,
      getTokensFromRefreshToken: (input) =>
        failWith ? Promise.reject(failWith) : gateway.getTokensFromRefreshToken(input),
    });
    h = await startHarness({ wrapGateway: flaky });
    await signInAlice();
    for (const code of ['NetworkError', 'InternalErrorException', 'TooManyRequestsException']) {
      failWith = new AuthError(code, 'm', 'r', {
        httpStatus: code === 'NetworkError' ? undefined : 500,
      });
      expect(await h.bg.refresher.refresh(A)).toEqual({ kind: 'failed', code });
      expect(await h.bg.vault.load(A)).not.toBeNull();
    }
    failWith = undefined;
    // Refused for real: the refresh token was revoked at the pool.
    const refreshToken = (await h.bg.vault.refreshToken(A)) ?? '';
    await gatewayFor().revokeToken({ refreshToken });
    expect(await h.bg.refresher.refresh(A)).toEqual({
      kind: 'signedOut',
      code: 'NotAuthorizedException',
    });
    expect(await h.bg.vault.load(A)).toBeNull();
    const view = h.broadcasts.at(-1)?.flow;
    expect(view?.step.name).toBe('SIGN_IN');
    expect(view?.username).toBe('alice');
    // The person can sign in again right away.
    await signInAlice();
  });

  it('clock drift is measured from iat and the expiry is on the local clock', async () => {
    h = await startHarness();
    // The pool's clock runs 90 s ahead of ours.
    await fetch(`${h.pool.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 90_000 }),
    });
    await signInAlice();
    const tokens = await h.bg.vault.load(A);
    expect(tokens?.clockDriftMs).toBeGreaterThan(88_000);
    expect(tokens?.clockDriftMs).toBeLessThan(92_000);
    const lifetime = (tokens?.accessTokenExpiresAt ?? 0) - h.clock.now();
    expect(Math.abs(lifetime - 3_600_000)).toBeLessThan(3_000);
  });

  it('stay signed in: after a browser restart (session storage gone) the sealed refresh token signs back in', async () => {
    h = await startHarness();
    await signInAlice();
    await browser.storage.session.clear();
    h.restartWorker();
    const flow = await h.flow({ type: 'getState' });
    expectStep(flow, 'DONE');
    expect(JSON.stringify(await browser.storage.local.get())).not.toMatch(/eyJ/);
  });
});

describe('sign-out', () => {
  it('global sign-out invalidates the access token at the pool', async () => {
    h = await startHarness();
    await signInAlice();
    const accessToken = (await h.bg.vault.load(A))?.accessToken ?? '';
    await expect(gatewayFor().getUser({ accessToken })).resolves.toMatchObject({
      username: 'alice',
    });
    const flow = await h.flow({ type: 'signOut', accountId: A, global: true });
    expectStep(flow, 'SIGN_IN');
    expect(flow.username).toBe('alice');
    await expect(gatewayFor().getUser({ accessToken })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
    expect(await h.bg.vault.load(A)).toBeNull();
    expect(await h.bg.vault.refreshToken(A)).toBeUndefined();
    expect(await browser.alarms.get(`refresh:${A}`)).toBeUndefined();
  });

  it('local sign-out revokes the refresh token (origin_jti present)', async () => {
    h = await startHarness();
    await signInAlice();
    const tokens = await h.bg.vault.load(A);
    expect(tokens?.originJti).toBeDefined();
    const refreshToken = (await h.bg.vault.refreshToken(A)) ?? '';
    await h.request({ type: 'signOut', accountId: A, global: false });
    expect(h.gatewayCalls).toContain('revokeToken');
    await expect(gatewayFor().getTokensFromRefreshToken({ refreshToken })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
  });
});

describe('remembered devices', () => {
  /** A harness whose ConfirmDevice waits for `release()`; `revokeToken` can release it too. */
  async function withHeldDeviceConfirmation(options: { releasedByRevoke?: boolean } = {}) {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    h = await startHarness({
      wrapGateway: (gateway) => ({
        ...gateway,
        confirmDevice: async (input) => {
          await held;
          return gateway.confirmDevice(input);
        },
        revokeToken: (input) => {
          if (options.releasedByRevoke === true) release();
          return gateway.revokeToken(input);
        },
      }),
    });
    await h.flow({ type: 'startSignIn', accountId: A, username: 'bob', password: PASSWORD });
    const done = await h.bg.handle({
      type: 'answer',
      accountId: A,
      answer: { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) },
    });
    return { done, release };
  }

  it('bob: the second sign-in skips MFA through device SRP', async () => {
    // ConfirmDevice is held until DONE has been answered: if DONE waited for it, this would hang.
    const { done, release } = await withHeldDeviceConfirmation();
    expect(done.ok && done.state.flow?.step.name).toBe('DONE');
    await expect(h.bg.vault.device(A, 'bob')).resolves.toBeUndefined();
    release();
    await h.bg.settled();
    expect(h.gatewayCalls).toEqual(expect.arrayContaining(['confirmDevice', 'updateDeviceStatus']));
    const device = await h.bg.vault.device(A, 'bob');
    expect(device?.deviceKey).toMatch(/^us-east-1_/);
    expect(JSON.stringify(await browser.storage.local.get())).not.toContain(
      device?.devicePassword ?? 'x',
    );
    await h.request({ type: 'signOut', accountId: A, global: false });
    h.restartWorker();
    expectStep(
      await h.flow({ type: 'startSignIn', accountId: A, username: 'bob', password: PASSWORD }),
      'DONE',
    );
  });

  it('a sign-out right after DONE waits for the device confirmation, which needs the token it revokes', async () => {
    // Were the token revoked first, it would release the held confirmation, which is then refused.
    const { release } = await withHeldDeviceConfirmation({ releasedByRevoke: true });
    const signingOut = h.bg.handle({ type: 'signOut', accountId: A, global: false });
    setTimeout(release, 100);
    await signingOut;
    await expect(h.bg.vault.device(A, 'bob')).resolves.toMatchObject({
      deviceKey: expect.stringMatching(/^us-east-1_/) as unknown,
    });
  });

  it('"Device does not exist": forgotten locally, the sign-in retried once without it', async () => {
    h = await startHarness();
    await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'bob',
      password: PASSWORD,
      authFlow: 'USER_PASSWORD_AUTH',
    });
    expectStep(await h.answer(A, { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) }), 'DONE');
    const device = await h.bg.vault.device(A, 'bob');
    expect(device).toBeDefined();
    await h.request({ type: 'signOut', accountId: A, global: false });
    // The device is forgotten elsewhere (another app, an administrator): our key is stale.
    await h.bg.vault.saveDevice(
      A,
      'bob',
      {
        ...(device ?? { deviceGroupKey: '', devicePassword: '' }),
        deviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000',
      },
      true,
    );
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'bob',
      password: PASSWORD,
      authFlow: 'USER_PASSWORD_AUTH',
    });
    expectStep(flow, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(await h.bg.vault.device(A, 'bob')).toBeUndefined();
  });
});

describe('session sharing source', () => {
  it('gives sites the current tokens with iat and signInDetails, never the refresh token', async () => {
    h = await startHarness();
    expect(await h.bg.sessions.getAccountSession(A)).toEqual({
      clientId: DEMO_PUBLIC_CLIENT_ID,
      tokens: undefined,
    });
    await signInAlice();
    expect(h.tokenChanges).toEqual([A]);
    const session = await h.bg.sessions.getAccountSession(A);
    const stored = await h.bg.vault.load(A);
    expect(session?.tokens).toMatchObject({
      username: 'alice',
      accessToken: stored?.accessToken,
      idToken: stored?.idToken,
      receivedAt: stored?.receivedAt,
      signInDetails: { loginId: 'alice', authFlowType: 'USER_SRP_AUTH' },
    });
    expect(session?.tokens?.accessTokenIat).toBeGreaterThan(1_600_000_000);
    expect(session?.tokens && 'refreshToken' in session.tokens).toBe(false);
    await h.bg.refresher.refresh(A);
    await h.request({ type: 'signOut', accountId: A, global: false });
    expect(h.tokenChanges).toEqual([A, A, A]);
    expect(await h.bg.sessions.getAccountSession('nope')).toBeUndefined();
  });
});
