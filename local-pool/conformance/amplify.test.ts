/**
 * aws-amplify v6 (AWS's current client) against the local pool, configured with
 * `userPoolEndpoint` as an app would be: every demo user reaches the step DESIGN.md names,
 * completes it, and ends with tokens that verify against the JWKS. Amplify keeps one signed-in
 * user per process, so each test signs out first.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Amplify } from 'aws-amplify';
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  rememberDevice,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { startLocalPool, type LocalPool } from '../server';
import {
  BOB_TOTP_SECRET,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  ERIN_TOTP_SECRET,
  STRICT_POOL_ID,
  STRICT_PUBLIC_CLIENT_ID,
} from '../seed';
import { latestCode, resetPool, totpCode, verifyTokens } from './support';

let pool: LocalPool;

function configure(poolId = DEMO_POOL_ID, clientId = DEMO_PUBLIC_CLIENT_ID) {
  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: pool.url },
    },
  });
}

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());
beforeEach(async () => {
  configure();
  await signOut();
  await resetPool(pool);
});
// Sign out under the configuration the test used (tokens are stored per app client).
afterEach(async () => {
  await signOut();
  vi.unstubAllGlobals();
});

async function expectSignedIn(
  username: string,
  poolId = DEMO_POOL_ID,
  clientId = DEMO_PUBLIC_CLIENT_ID,
) {
  const session = await fetchAuthSession();
  const idToken = session.tokens?.idToken?.toString();
  const accessToken = session.tokens?.accessToken.toString();
  if (idToken === undefined || accessToken === undefined) throw new Error('no tokens');
  const { id, access } = await verifyTokens(pool, poolId, clientId, { idToken, accessToken });
  expect(id['cognito:username']).toBe(username);
  expect(access.username).toBe(username);
  return { id, access };
}

const rejectionName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error as { name?: string }).name,
  );

describe('aws-amplify v6 against the demo seed', () => {
  it('alice: DONE with SRP, tokens verify', async () => {
    const result = await signIn({ username: 'alice', password: 'Passw0rd!' });
    expect(result.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('alice');
  });

  it('alice: DONE with USER_PASSWORD_AUTH; a wrong password is NotAuthorizedException', async () => {
    expect(
      await rejectionName(
        signIn({
          username: 'alice',
          password: 'nope',
          options: { authFlowType: 'USER_PASSWORD_AUTH' },
        }),
      ),
    ).toBe('NotAuthorizedException');
    expect(await rejectionName(signIn({ username: 'alice', password: 'Passw0rd?' }))).toBe(
      'NotAuthorizedException',
    );
    const result = await signIn({
      username: 'alice',
      password: 'Passw0rd!',
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    expect(result.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('alice');
  });

  it('bob: CONFIRM_SIGN_IN_WITH_TOTP_CODE, a wrong code is CodeMismatchException, the right one signs in', async () => {
    const result = await signIn({ username: 'bob', password: 'Passw0rd!' });
    expect(result.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(await rejectionName(confirmSignIn({ challengeResponse: '000000' }))).toBe(
      'CodeMismatchException',
    );
    const done = await confirmSignIn({ challengeResponse: await totpCode(BOB_TOTP_SECRET) });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('bob');
  });

  it('carol: CONFIRM_SIGN_IN_WITH_SMS_CODE with the code from the outbox', async () => {
    const result = await signIn({ username: 'carol', password: 'Passw0rd!' });
    expect(result.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
      codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' },
    });
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'carol', 'SMS') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('carol');
  });

  it('dave: CONFIRM_SIGN_IN_WITH_EMAIL_CODE with the code from the outbox', async () => {
    const result = await signIn({ username: 'dave', password: 'Passw0rd!' });
    expect(result.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL' },
    });
    expect(pool.outbox().at(-1)).toMatchObject({ to: 'dave@example.com', medium: 'EMAIL' });
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'dave', 'EMAIL') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('dave');
  });

  it('erin: CONTINUE_SIGN_IN_WITH_MFA_SELECTION, picks SMS', async () => {
    const result = await signIn({ username: 'erin', password: 'Passw0rd!' });
    expect(result.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
      allowedMFATypes: ['SMS', 'TOTP'],
    });
    const sms = await confirmSignIn({ challengeResponse: 'SMS' });
    expect(sms.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'erin', 'SMS') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('erin');
  });

  it('erin: picks TOTP instead', async () => {
    await signIn({ username: 'erin', password: 'Passw0rd!' });
    const totp = await confirmSignIn({ challengeResponse: 'TOTP' });
    expect(totp.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const done = await confirmSignIn({ challengeResponse: await totpCode(ERIN_TOTP_SECRET) });
    expect(done.nextStep.signInStep).toBe('DONE');
  });

  it('frank: CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED with name missing, then DONE', async () => {
    const result = await signIn({ username: 'frank', password: 'TempPassw0rd!' });
    expect(result.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
      missingAttributes: ['name'],
    });
    const done = await confirmSignIn({
      challengeResponse: 'N3w-Passw0rd!',
      options: { userAttributes: { name: 'Frank' } },
    });
    expect(done.nextStep.signInStep).toBe('DONE');
    const { id } = await expectSignedIn('frank');
    expect(id.name).toBe('Frank');
  });

  it('grace: CONFIRM_SIGN_UP, confirms with the emailed code, then signs in', async () => {
    const result = await signIn({ username: 'grace', password: 'Passw0rd!' });
    expect(result.nextStep.signInStep).toBe('CONFIRM_SIGN_UP');
    await resendSignUpCode({ username: 'grace' });
    expect(
      await rejectionName(confirmSignUp({ username: 'grace', confirmationCode: '12345x' })),
    ).toBe('CodeMismatchException');
    await confirmSignUp({
      username: 'grace',
      confirmationCode: latestCode(pool, 'grace', 'EMAIL'),
    });
    expect((await signIn({ username: 'grace', password: 'Passw0rd!' })).nextStep.signInStep).toBe(
      'DONE',
    );
    await expectSignedIn('grace');
  });

  it('heidi: RESET_PASSWORD, resets with the emailed code, then signs in', async () => {
    const result = await signIn({ username: 'heidi', password: 'Passw0rd!' });
    expect(result.nextStep.signInStep).toBe('RESET_PASSWORD');
    const reset = await resetPassword({ username: 'heidi' });
    expect(reset.nextStep.resetPasswordStep).toBe('CONFIRM_RESET_PASSWORD_WITH_CODE');
    await confirmResetPassword({
      username: 'heidi',
      confirmationCode: latestCode(pool, 'heidi', 'EMAIL'),
      newPassword: 'Fresh-Passw0rd!',
    });
    expect(
      (await signIn({ username: 'heidi', password: 'Fresh-Passw0rd!' })).nextStep.signInStep,
    ).toBe('DONE');
  });

  it('ivan: CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE with SRP first (CUSTOM_WITH_SRP)', async () => {
    const result = await signIn({
      username: 'ivan',
      password: 'Passw0rd!',
      options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    expect(result.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { prompt: expect.stringMatching(/emailed/) as unknown },
    });
    const wrong = await confirmSignIn({ challengeResponse: '999999x' });
    expect(wrong.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'ivan', 'EMAIL') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('ivan');
  });

  it('ivan: CUSTOM_WITHOUT_SRP, and three wrong answers are NotAuthorizedException', async () => {
    const result = await signIn({
      username: 'ivan',
      options: { authFlowType: 'CUSTOM_WITHOUT_SRP' },
    });
    expect(result.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    await confirmSignIn({ challengeResponse: 'a' });
    await confirmSignIn({ challengeResponse: 'b' });
    expect(await rejectionName(confirmSignIn({ challengeResponse: 'c' }))).toBe(
      'NotAuthorizedException',
    );
  });

  it('judy: CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION, then EMAIL_OTP', async () => {
    const result = await signIn({ username: 'judy', options: { authFlowType: 'USER_AUTH' } });
    expect(result.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
    });
    const email = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
    expect(email.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'judy', 'EMAIL') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('judy');
  });

  it('judy: first factor SMS_OTP, and PASSWORD_SRP', async () => {
    await signIn({ username: 'judy', options: { authFlowType: 'USER_AUTH' } });
    const sms = await confirmSignIn({ challengeResponse: 'SMS_OTP' });
    expect(sms.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(
      (await confirmSignIn({ challengeResponse: latestCode(pool, 'judy', 'SMS') })).nextStep
        .signInStep,
    ).toBe('DONE');
    await signOut();
    await signIn({ username: 'judy', options: { authFlowType: 'USER_AUTH' } });
    const password = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
    expect(password.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
    expect((await confirmSignIn({ challengeResponse: 'Passw0rd!' })).nextStep.signInStep).toBe(
      'DONE',
    );
    await expectSignedIn('judy');
  });

  it('judy: USER_AUTH with a preferred PASSWORD challenge goes straight through', async () => {
    const result = await signIn({
      username: 'judy',
      password: 'Passw0rd!',
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' },
    });
    expect(result.nextStep.signInStep).toBe('DONE');
  });

  it('mallory (strict): CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION, sets up TOTP', async () => {
    configure(STRICT_POOL_ID, STRICT_PUBLIC_CLIENT_ID);
    const result = await signIn({ username: 'mallory', password: 'Passw0rd!' });
    expect(result.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
      allowedMFATypes: ['TOTP', 'EMAIL'],
    });
    const setup = await confirmSignIn({ challengeResponse: 'TOTP' });
    if (setup.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP')
      throw new Error(setup.nextStep.signInStep);
    const secret = setup.nextStep.totpSetupDetails.sharedSecret;
    const done = await confirmSignIn({ challengeResponse: await totpCode(secret) });
    expect(done.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('mallory', STRICT_POOL_ID, STRICT_PUBLIC_CLIENT_ID);
  });

  it('mallory (strict): sets up EMAIL MFA instead, then the next sign-in asks for an email code', async () => {
    configure(STRICT_POOL_ID, STRICT_PUBLIC_CLIENT_ID);
    await signIn({ username: 'mallory', password: 'Passw0rd!' });
    const email = await confirmSignIn({ challengeResponse: 'EMAIL' });
    expect(email.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
    const code = await confirmSignIn({ challengeResponse: 'mallory@example.com' });
    expect(code.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const done = await confirmSignIn({ challengeResponse: latestCode(pool, 'mallory', 'EMAIL') });
    expect(done.nextStep.signInStep).toBe('DONE');
    await signOut();
    const again = await signIn({ username: 'mallory', password: 'Passw0rd!' });
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  });

  it('oscar (disabled) is refused with NotAuthorizedException', async () => {
    expect(await rejectionName(signIn({ username: 'oscar', password: 'Passw0rd!' }))).toBe(
      'NotAuthorizedException',
    );
  });

  it('carol remembers her device; the next sign-in skips SMS MFA', async () => {
    // Amplify names the device from navigator.userAgent, which Node 20 does not have; without it
    // Amplify silently skips ConfirmDevice.
    vi.stubGlobal('navigator', { userAgent: 'local-pool conformance test' });
    await signIn({ username: 'carol', password: 'Passw0rd!' });
    await confirmSignIn({ challengeResponse: latestCode(pool, 'carol', 'SMS') });
    await rememberDevice();
    await signOut();
    const sent = pool.outbox().length;
    const result = await signIn({ username: 'carol', password: 'Passw0rd!' });
    expect(result.nextStep.signInStep).toBe('DONE');
    expect(pool.outbox()).toHaveLength(sent);
    const { access } = await expectSignedIn('carol');
    expect(typeof access.device_key).toBe('string');
  });

  it('fetchAuthSession({ forceRefresh }) refreshes with GetTokensFromRefreshToken', async () => {
    await signIn({ username: 'alice', password: 'Passw0rd!' });
    const before = (await fetchAuthSession()).tokens?.accessToken.payload.jti;
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens?.accessToken.payload.jti;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    await expectSignedIn('alice');
  });

  it('signUp(autoSignIn USER_AUTH) → confirmSignUp → autoSignIn() signs in with the ConfirmSignUp Session', async () => {
    const signedUp = await signUp({
      username: 'pat',
      password: 'Passw0rd!',
      options: {
        userAttributes: { email: 'pat@example.com', name: 'Pat' },
        autoSignIn: { authFlowType: 'USER_AUTH' },
      },
    });
    expect(signedUp.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP');
    const confirmed = await confirmSignUp({
      username: 'pat',
      confirmationCode: latestCode(pool, 'pat', 'EMAIL'),
    });
    expect(confirmed.nextStep.signUpStep).toBe('COMPLETE_AUTO_SIGN_IN');
    // USER_AUTH without the Session would stop at SELECT_CHALLENGE: DONE means the Session worked.
    const signedIn = await autoSignIn();
    expect(signedIn.nextStep.signInStep).toBe('DONE');
    await expectSignedIn('pat');
  });
});
