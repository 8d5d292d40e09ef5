/* eslint-disable @typescript-eslint/no-deprecated -- amazon-cognito-identity-js is deprecated
   in favour of Amplify v6, but it is one of the AWS clients this suite exists to satisfy. */
/**
 * amazon-cognito-identity-js (AWS's own client) against the local pool: every demo user it can
 * drive reaches the expected step, completes it, and gets tokens that verify against the JWKS.
 * ACIJ has no EMAIL_OTP, SMS_OTP or USER_AUTH, so dave (email MFA), judy (first-factor choice)
 * and mallory's email setup are proven with Amplify in amplify.test.ts instead.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../server';
import {
  BOB_TOTP_SECRET,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  ERIN_TOTP_SECRET,
  STRICT_POOL_ID,
  STRICT_PUBLIC_CLIENT_ID,
} from '../seed';
import {
  acijPool,
  newUser,
  type AcijPool,
  nodeCallback,
  outcome,
  signIn,
  tokensOf,
} from './acij-client';
import { latestCode, resetPool, totpCode, verifyTokens } from './support';
import { AuthenticationDetails } from 'amazon-cognito-identity-js';

let pool: LocalPool;
let demo: AcijPool;
let strict: AcijPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());
beforeEach(async () => {
  await resetPool(pool);
  demo = acijPool(pool.url, DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID);
  strict = acijPool(pool.url, STRICT_POOL_ID, STRICT_PUBLIC_CLIENT_ID);
});

async function expectVerified(
  result: Awaited<ReturnType<typeof signIn>>,
  username: string,
  clientId = DEMO_PUBLIC_CLIENT_ID,
  poolId = DEMO_POOL_ID,
) {
  if (result.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(result)}`);
  const { id, access } = await verifyTokens(pool, poolId, clientId, tokensOf(result.session));
  expect(id['cognito:username']).toBe(username);
  expect(access.username).toBe(username);
  return { id, access };
}

describe('amazon-cognito-identity-js against the demo seed', () => {
  it('alice signs in with USER_SRP_AUTH and her tokens verify against the JWKS', async () => {
    const result = await signIn(newUser(demo, 'alice'), 'alice', 'Passw0rd!');
    const { id } = await expectVerified(result, 'alice');
    expect(id.email).toBe('alice@example.com');
    expect(id.email_verified).toBe(true);
    // Device tracking is "on user prompt": ConfirmDevice asked for confirmation.
    expect(result.kind === 'success' && result.userConfirmationNecessary).toBe(true);
  });

  it('usernames are case-insensitive', async () => {
    await expectVerified(await signIn(newUser(demo, 'ALICE'), 'ALICE', 'Passw0rd!'), 'alice');
  });

  it('alice signs in with USER_PASSWORD_AUTH', async () => {
    const user = newUser(demo, 'alice');
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    await expectVerified(await signIn(user, 'alice', 'Passw0rd!'), 'alice');
  });

  it('a wrong password is NotAuthorizedException, with SRP and with USER_PASSWORD_AUTH', async () => {
    expect(await signIn(newUser(demo, 'alice'), 'alice', 'Passw0rd?')).toMatchObject({
      kind: 'failure',
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const user = newUser(demo, 'alice');
    user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    expect(await signIn(user, 'alice', 'nope')).toMatchObject({ code: 'NotAuthorizedException' });
  });

  it('an unknown user is UserNotFoundException', async () => {
    expect(await signIn(newUser(demo, 'zed'), 'zed', 'Passw0rd!')).toMatchObject({
      code: 'UserNotFoundException',
    });
  });

  it('bob is asked for a TOTP code and signs in with one from his secret', async () => {
    const user = newUser(demo, 'bob');
    expect(await signIn(user, 'bob', 'Passw0rd!')).toEqual({ kind: 'totpRequired' });
    const code = await totpCode(BOB_TOTP_SECRET);
    const done = await outcome((cb) => user.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA'));
    await expectVerified(done, 'bob');
  });

  it('a wrong TOTP code is CodeMismatchException, and the same code cannot be used twice', async () => {
    const user = newUser(demo, 'bob');
    await signIn(user, 'bob', 'Passw0rd!');
    const wrong = await outcome((cb) => user.sendMFACode('000000', cb, 'SOFTWARE_TOKEN_MFA'));
    expect(wrong).toMatchObject({ kind: 'failure', code: 'CodeMismatchException' });
    const code = await totpCode(BOB_TOTP_SECRET);
    await expectVerified(
      await outcome((cb) => user.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA')),
      'bob',
    );

    const again = newUser(demo, 'bob');
    await signIn(again, 'bob', 'Passw0rd!');
    const reused = await outcome((cb) => again.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA'));
    expect(reused).toMatchObject({ kind: 'failure', code: 'CodeMismatchException' });
  });

  it('carol gets an SMS code in the outbox and signs in with it', async () => {
    const user = newUser(demo, 'carol');
    const step = await signIn(user, 'carol', 'Passw0rd!');
    expect(step).toMatchObject({
      kind: 'mfaRequired',
      challenge: 'SMS_MFA',
      parameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
        CODE_DELIVERY_DESTINATION: '+*******0100',
      },
    });
    const message = pool.outbox().at(-1);
    expect(message).toMatchObject({ to: '+15555550100', medium: 'SMS', username: 'carol' });
    await expectVerified(
      await outcome((cb) => user.sendMFACode(latestCode(pool, 'carol'), cb)),
      'carol',
    );
  });

  it('a wrong SMS code is CodeMismatchException', async () => {
    const user = newUser(demo, 'carol');
    await signIn(user, 'carol', 'Passw0rd!');
    const code = latestCode(pool, 'carol');
    const wrong = code === '111111' ? '222222' : '111111';
    expect(await outcome((cb) => user.sendMFACode(wrong, cb))).toMatchObject({
      code: 'CodeMismatchException',
    });
  });

  it('erin chooses between SMS and TOTP, picks TOTP and signs in', async () => {
    const user = newUser(demo, 'erin');
    const step = await signIn(user, 'erin', 'Passw0rd!');
    expect(step).toMatchObject({ kind: 'selectMFAType' });
    if (step.kind !== 'selectMFAType') return;
    expect(JSON.parse(step.parameters.MFAS_CAN_CHOOSE ?? '[]')).toEqual([
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
    expect(await outcome((cb) => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', cb))).toEqual({
      kind: 'totpRequired',
    });
    const code = await totpCode(ERIN_TOTP_SECRET);
    await expectVerified(
      await outcome((cb) => user.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA')),
      'erin',
    );
  });

  it('frank must set a new password and give his name, then he is signed in', async () => {
    const user = newUser(demo, 'frank');
    const step = await signIn(user, 'frank', 'TempPassw0rd!');
    expect(step).toMatchObject({ kind: 'newPasswordRequired', required: ['name'] });
    const weak = await outcome((cb) =>
      user.completeNewPasswordChallenge('short', { name: 'Frank' }, cb),
    );
    expect(weak).toMatchObject({ code: 'InvalidPasswordException' });
    // The same Session is still good after a rejected password, as on Cognito.
    const done = await outcome((cb) => {
      user.completeNewPasswordChallenge('N3w-Passw0rd!', { name: 'Frank' }, cb);
    });
    const { id } = await expectVerified(done, 'frank');
    expect(id.name).toBe('Frank');
    await expectVerified(await signIn(newUser(demo, 'frank'), 'frank', 'N3w-Passw0rd!'), 'frank');
  });

  it('grace is not confirmed; she confirms with the emailed code and signs in', async () => {
    const user = newUser(demo, 'grace');
    expect(await signIn(user, 'grace', 'Passw0rd!')).toMatchObject({
      code: 'UserNotConfirmedException',
    });
    await nodeCallback((cb) => user.resendConfirmationCode(cb));
    const wrong = nodeCallback((cb) => user.confirmRegistration('000000x', true, cb));
    await expect(wrong).rejects.toMatchObject({ code: 'CodeMismatchException' });
    await nodeCallback((cb) =>
      user.confirmRegistration(latestCode(pool, 'grace', 'EMAIL'), true, cb),
    );
    await expectVerified(await signIn(newUser(demo, 'grace'), 'grace', 'Passw0rd!'), 'grace');
  });

  it('heidi must reset her password; the emailed code lets her choose a new one', async () => {
    const user = newUser(demo, 'heidi');
    expect(await signIn(user, 'heidi', 'Passw0rd!')).toMatchObject({
      code: 'PasswordResetRequiredException',
    });
    await new Promise<void>((resolve, reject) => {
      user.forgotPassword({
        onSuccess: () => resolve(),
        onFailure: reject,
        inputVerificationCode: () => resolve(),
      });
    });
    await new Promise<void>((resolve, reject) => {
      user.confirmPassword(latestCode(pool, 'heidi'), 'Fresh-Passw0rd!', {
        onSuccess: () => resolve(),
        onFailure: reject,
      });
    });
    await expectVerified(await signIn(newUser(demo, 'heidi'), 'heidi', 'Fresh-Passw0rd!'), 'heidi');
  });

  it('ivan answers the emailed custom challenge after SRP (CUSTOM_AUTH with SRP_A)', async () => {
    const user = newUser(demo, 'ivan');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const step = await signIn(user, 'ivan', 'Passw0rd!');
    expect(step).toMatchObject({ kind: 'customChallenge' });
    if (step.kind !== 'customChallenge') return;
    expect(step.parameters.prompt).toMatch(/code we emailed/);
    await expectVerified(
      await outcome((cb) => user.sendCustomChallengeAnswer(latestCode(pool, 'ivan', 'EMAIL'), cb)),
      'ivan',
    );
  });

  it('ivan with CUSTOM_AUTH and a wrong password never gets a code', async () => {
    const user = newUser(demo, 'ivan');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    expect(await signIn(user, 'ivan', 'wrong')).toMatchObject({ code: 'NotAuthorizedException' });
    expect(pool.outbox()).toEqual([]);
  });

  it('ivan without SRP: three wrong answers end in NotAuthorizedException', async () => {
    const user = newUser(demo, 'ivan');
    user.setAuthenticationFlowType('CUSTOM_AUTH');
    const first = await outcome((cb) =>
      user.initiateAuth(new AuthenticationDetails({ Username: 'ivan' }), cb),
    );
    expect(first).toMatchObject({ kind: 'customChallenge' });
    expect(await outcome((cb) => user.sendCustomChallengeAnswer('1', cb))).toMatchObject({
      kind: 'customChallenge',
    });
    expect(await outcome((cb) => user.sendCustomChallengeAnswer('2', cb))).toMatchObject({
      kind: 'customChallenge',
    });
    expect(await outcome((cb) => user.sendCustomChallengeAnswer('3', cb))).toMatchObject({
      kind: 'failure',
      code: 'NotAuthorizedException',
    });
    // One code was sent for the whole sign-in.
    expect(pool.outbox().filter((m) => m.username === 'ivan')).toHaveLength(1);
  });

  it('mallory (strict pool) sets up TOTP during sign-in and is signed in', async () => {
    const user = newUser(strict, 'mallory');
    const step = await signIn(user, 'mallory', 'Passw0rd!');
    expect(step).toMatchObject({ kind: 'mfaSetup' });
    if (step.kind !== 'mfaSetup') return;
    expect(JSON.parse(step.parameters.MFAS_CAN_SETUP ?? '[]')).toEqual([
      'SOFTWARE_TOKEN_MFA',
      'EMAIL_OTP',
    ]);
    const secret = await new Promise<string>((resolve, reject) => {
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    const done = await outcome((cb) => {
      void totpCode(secret).then((code) => user.verifySoftwareToken(code, 'test phone', cb));
    });
    await expectVerified(done, 'mallory', STRICT_PUBLIC_CLIENT_ID, STRICT_POOL_ID);
  });

  it('oscar is disabled: NotAuthorizedException "User is disabled."', async () => {
    expect(await signIn(newUser(demo, 'oscar'), 'oscar', 'Passw0rd!')).toMatchObject({
      code: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
  });

  it("a remembered device skips carol's SMS MFA through DEVICE_SRP_AUTH", async () => {
    const user = newUser(demo, 'carol');
    await signIn(user, 'carol', 'Passw0rd!');
    const first = await outcome((cb) => user.sendMFACode(latestCode(pool, 'carol'), cb));
    expect(first).toMatchObject({ kind: 'success', userConfirmationNecessary: true });
    await nodeCallback((cb) =>
      user.setDeviceStatusRemembered({
        onSuccess: (r) => cb(undefined, r),
        onFailure: (e: Error) => cb(e),
      }),
    );
    const smsBefore = pool.outbox().length;
    const next = await signIn(newUser(demo, 'carol'), 'carol', 'Passw0rd!');
    const { access } = await expectVerified(next, 'carol');
    expect(typeof access.device_key).toBe('string');
    expect(pool.outbox()).toHaveLength(smsBefore);
  });

  it('refreshes tokens, and GlobalSignOut revokes the access and refresh tokens', async () => {
    const user = newUser(demo, 'alice');
    const result = await signIn(user, 'alice', 'Passw0rd!');
    if (result.kind !== 'success') throw new Error('sign-in failed');
    const refreshed = await nodeCallback<import('amazon-cognito-identity-js').CognitoUserSession>(
      (cb) => user.refreshSession(result.session.getRefreshToken(), cb),
    );
    if (!refreshed) throw new Error('no refreshed session');
    await verifyTokens(pool, DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID, tokensOf(refreshed));
    await new Promise<void>((resolve, reject) => {
      user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject });
    });
    const stale = newUser(demo, 'alice');
    stale.setSignInUserSession(refreshed);
    await expect(nodeCallback((cb) => stale.getUserAttributes(cb))).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await expect(
      nodeCallback((cb) => stale.refreshSession(result.session.getRefreshToken(), cb)),
    ).rejects.toMatchObject({ code: 'NotAuthorizedException' });
  });
});
