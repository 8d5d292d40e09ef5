import { afterEach, describe, expect, it } from 'vitest';
import { localErrors } from '../../src/cognito/auth-error';
import type { CognitoGateway } from '../../src/cognito/gateway';
import { BOB_TOTP_SECRET } from '../../local-pool/seed';
import { expectStep, PASSWORD, seedWithoutUserAuth, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const A = 'demo-public';
const start = (username: string, extra: Record<string, unknown> = {}) =>
  h.flow({ type: 'startSignIn', accountId: A, username, password: PASSWORD, ...extra });

describe('failures people run into', () => {
  it('wrong password: back at SIGN_IN with the username and a plain error', async () => {
    h = await startHarness();
    const flow = await start('alice', { password: 'nope-Passw0rd!' });
    expect(flow.step.name).toBe('SIGN_IN');
    expect(flow.username).toBe('alice');
    expect(flow.error).toMatchObject({
      code: 'NotAuthorizedException',
      message: 'The username or password is not correct.',
    });
    expectStep(await start('alice'), 'DONE');
  });

  it('wrong code: same step, error, the right code still works', async () => {
    h = await startHarness();
    await start('carol');
    const right = h.latestCode('carol');
    const wrong = right === '000000' ? '111111' : '000000';
    const flow = await h.answer(A, { kind: 'code', code: wrong });
    expect(flow.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(flow.error?.code).toBe('CodeMismatchException');
    expectStep(await h.answer(A, { kind: 'code', code: right }), 'DONE');
  });

  it('wrong input for the step: a WrongInput error, no Cognito call, the step still works', async () => {
    h = await startHarness();
    await start('dave');
    const calls = h.gatewayCalls.length;
    const flow = await h.answer(A, { kind: 'selectMfa', mfa: 'SMS' });
    expect(flow.step.name).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    expect(flow.error?.code).toBe('WrongInput');
    expect(h.gatewayCalls.length).toBe(calls);
    expectStep(await h.answer(A, { kind: 'code', code: h.latestCode('dave') }), 'DONE');
  });

  it('expired Session: the state says so, answers are refused, restart keeps the username', async () => {
    h = await startHarness();
    const flow = await start('bob');
    expect(flow.sessionExpired).toBe(false);
    expect(flow.sessionExpiresAt).toBeGreaterThan(h.clock.now() + 170_000);
    h.clock.advance(3 * 60_000 + 1_000);
    const later = await h.flow({ type: 'getState' });
    expect(later.step.name).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(later.sessionExpired).toBe(true);
    const refused = await h.answer(A, { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) });
    expect(refused.error?.code).toBe('SessionExpired');
    const restarted = await h.flow({ type: 'restart', accountId: A });
    expectStep(restarted, 'SIGN_IN');
    expect(restarted.username).toBe('bob');
  });

  it('a Session the pool already expired (our clock behind) ends in a clear restart', async () => {
    h = await startHarness();
    await start('dave');
    const code = h.latestCode('dave');
    await fetch(`${h.pool.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 4 * 60_000 }),
    });
    const flow = await h.answer(A, { kind: 'code', code });
    expect(flow.step.name).toBe('SIGN_IN');
    expect(flow.username).toBe('dave');
    expect(flow.error?.code).toBe('NotAuthorizedException');
    expect(flow.error?.message).toMatch(/expired/);
  });

  it('custom challenge: a wrong answer asks again; failAuthentication ends in a restart', async () => {
    h = await startHarness();
    await h.flow({ type: 'startSignIn', accountId: A, username: 'ivan', authFlow: 'CUSTOM_AUTH' });
    const code = h.latestCode('ivan');
    const wrong = code === '000000' ? '111111' : '000000';
    expectStep(
      await h.answer(A, { kind: 'customChallenge', answer: wrong }),
      'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
    );
    expectStep(
      await h.answer(A, { kind: 'customChallenge', answer: wrong }),
      'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
    );
    const failed = await h.answer(A, { kind: 'customChallenge', answer: wrong });
    expect(failed.step.name).toBe('SIGN_IN');
    expect(failed.username).toBe('ivan');
    expect(failed.error?.code).toBe('NotAuthorizedException');
    expect(failed.error?.recovery).not.toBe('');
  });

  it('an unknown challenge name is an UnsupportedChallenge error carrying the name', async () => {
    const unknownChallenge = (gateway: CognitoGateway): CognitoGateway => ({
      ...gateway,
      initiateAuth: async (input) => {
        await gateway.initiateAuth(input);
        return { kind: 'challenge', challengeName: 'QUANTUM_MFA', parameters: {}, session: 'S' };
      },
    });
    h = await startHarness({ wrapGateway: unknownChallenge });
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'alice',
      password: PASSWORD,
      authFlow: 'USER_PASSWORD_AUTH',
    });
    expect(flow.step.name).toBe('SIGN_IN');
    expect(flow.error?.code).toBe('UnsupportedChallenge');
    expect(flow.error?.message).toContain('QUANTUM_MFA');
  });

  it('sign-in without password on a client without USER_AUTH: says which flow, and where to allow it', async () => {
    h = await startHarness({ config: seedWithoutUserAuth() });
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: A,
      username: 'judy',
      authFlow: 'USER_AUTH',
    });
    expect(flow.step.name).toBe('SIGN_IN');
    expect(flow.username).toBe('judy');
    expect(flow.error).toEqual({
      code: 'InvalidParameterException',
      message: 'This app client does not allow the USER_AUTH sign-in flow.',
      recovery:
        'Allow ALLOW_USER_AUTH on the app client in Cognito, or change this account’s “Sign-in flow” in the options.',
    });
    // The password sign-in still works on that client.
    expectStep(await start('alice'), 'DONE');
  });

  it('unknown account: a clear error, not a crash', async () => {
    h = await startHarness();
    const response = await h.bg.handle({
      type: 'answer',
      accountId: 'nope',
      answer: { kind: 'code', code: '1' },
    });
    expect(response).toEqual({ ok: false, error: localErrors.noAccount('nope').toView() });
  });
});

describe('sign-up and password reset', () => {
  it('sign-up with attributes → CONFIRM_SIGN_UP → confirm → sign in (client without USER_AUTH: no auto sign-in Session)', async () => {
    h = await startHarness({ config: seedWithoutUserAuth() });
    expectStep(await h.flow({ type: 'showSignUp', accountId: A }), 'SIGN_UP');
    const signedUp = await h.flow({
      type: 'signUp',
      accountId: A,
      username: 'zoe',
      password: PASSWORD,
      attributes: { email: 'zoe@example.com', name: 'Zoe' },
    });
    expectStep(signedUp, 'CONFIRM_SIGN_UP');
    expect(
      signedUp.step.name === 'CONFIRM_SIGN_UP' && signedUp.step.codeDeliveryDetails?.deliveryMedium,
    ).toBe('EMAIL');
    const first = h.latestCode('zoe');
    await h.flow({ type: 'resendCode', accountId: A });
    const resent = h.latestCode('zoe');
    const confirmed = await h.answer(A, { kind: 'confirmSignUp', code: resent || first });
    expectStep(confirmed, 'SIGN_IN');
    expect(confirmed.username).toBe('zoe');
    expect(confirmed.notice).toMatch(/confirmed/);
    expectStep(await start('zoe'), 'DONE');
  });

  it('forgot password from the sign-in screen', async () => {
    h = await startHarness();
    const request = await h.flow({ type: 'showResetPassword', accountId: A, username: 'alice' });
    expect(request.step).toEqual({ name: 'RESET_PASSWORD', phase: 'REQUEST' });
    expect(request.username).toBe('alice');
    const sent = await h.answer(A, { kind: 'resetRequest', username: 'alice' });
    expect(sent.step).toMatchObject({
      name: 'RESET_PASSWORD',
      phase: 'CONFIRM',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL' },
    });
    const done = await h.answer(A, {
      kind: 'resetConfirm',
      code: h.latestCode('alice'),
      newPassword: 'Br4ndNew!pass',
    });
    expectStep(done, 'SIGN_IN');
    expectStep(await start('alice', { password: 'Br4ndNew!pass' }), 'DONE');
  });
});

describe('app client with a secret, end to end', () => {
  const S = 'demo-secret';
  it('SRP, TOTP MFA, refresh, sign-up and reset all carry SECRET_HASH / ClientSecret', async () => {
    h = await startHarness();
    expectStep(
      await h.flow({ type: 'startSignIn', accountId: S, username: 'alice', password: PASSWORD }),
      'DONE',
    );
    expect((await h.bg.refresher.refresh(S)).kind).toBe('refreshed');
    await h.request({ type: 'signOut', accountId: S, global: false });
    expectStep(
      await h.flow({ type: 'startSignIn', accountId: S, username: 'bob', password: PASSWORD }),
      'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    );
    expectStep(await h.answer(S, { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) }), 'DONE');
    await h.request({ type: 'signOut', accountId: S, global: false });
    await h.flow({ type: 'showSignUp', accountId: S });
    expectStep(
      await h.flow({
        type: 'signUp',
        accountId: S,
        username: 'yuki',
        password: PASSWORD,
        attributes: { email: 'yuki@example.com', name: 'Yuki' },
      }),
      'CONFIRM_SIGN_UP',
    );
    // Auto sign-in: InitiateAuth USER_AUTH with the ConfirmSignUp Session carries SECRET_HASH too.
    expectStep(await h.answer(S, { kind: 'confirmSignUp', code: h.latestCode('yuki') }), 'DONE');
    await h.request({ type: 'signOut', accountId: S, global: false });
    await h.flow({ type: 'showResetPassword', accountId: S });
    await h.answer(S, { kind: 'resetRequest', username: 'yuki' });
    expectStep(
      await h.answer(S, {
        kind: 'resetConfirm',
        code: h.latestCode('yuki'),
        newPassword: 'Br4ndNew!pass',
      }),
      'SIGN_IN',
    );
    expectStep(
      await h.flow({
        type: 'startSignIn',
        accountId: S,
        username: 'yuki',
        password: 'Br4ndNew!pass',
        authFlow: 'USER_PASSWORD_AUTH',
      }),
      'DONE',
    );
  });

  it('the pool really checks SECRET_HASH: the same client without its secret is refused', async () => {
    h = await startHarness();
    await h.request({
      type: 'saveAccount',
      account: {
        id: S,
        displayName: 'no secret',
        region: 'us-east-1',
        userPoolId: 'us-east-1_DemoPool0',
        clientId: '3demo0secret0client0000000',
        endpoint: h.pool.url,
        staySignedIn: false,
      },
    });
    // saveAccount keeps a stored secret when none is given; remove and re-add to drop it.
    await h.request({ type: 'removeAccount', accountId: S });
    await h.request({
      type: 'saveAccount',
      account: {
        id: S,
        displayName: 'no secret',
        region: 'us-east-1',
        userPoolId: 'us-east-1_DemoPool0',
        clientId: '3demo0secret0client0000000',
        endpoint: h.pool.url,
        staySignedIn: false,
      },
    });
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: S,
      username: 'alice',
      password: PASSWORD,
    });
    expect(flow.step.name).toBe('SIGN_IN');
    expect(flow.error?.code).toBe('NotAuthorizedException');
  });
});
