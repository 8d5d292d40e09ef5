import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from './server';
import { DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from './seed';
import { callJson, srpSignIn } from './srp-client';
import { cognitoTimestamp } from '../src/cognito/srp/primitives';

let pool: LocalPool;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

const alice = (extra: { password?: string; timestamp?: string } = {}) =>
  srpSignIn({
    url: pool.url,
    poolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    username: 'alice',
    password: extra.password ?? 'Passw0rd!',
    ...(extra.timestamp === undefined ? {} : { timestamp: extra.timestamp }),
  });

describe('USER_SRP_AUTH (plain client from the shared primitives)', () => {
  it('signs in with the right password', async () => {
    const result = await alice();
    expect(result.ok).toBe(true);
    expect(result.body.AuthenticationResult).toHaveProperty('AccessToken');
  });

  it('a wrong password is NotAuthorizedException', async () => {
    expect((await alice({ password: 'Passw0rd?' })).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('a zero-padded day in TIMESTAMP is refused with Cognito message', async () => {
    // The format is checked before the clock skew, so any date shows it.
    const padded = 'Thu Mar 05 09:07:03 UTC 2026';
    expect((await alice({ timestamp: padded })).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    });
  });

  it('a TIMESTAMP more than 5 minutes off is refused', async () => {
    const skewed = cognitoTimestamp(new Date(Date.now() - 6 * 60_000));
    expect((await alice({ timestamp: skewed })).body.__type).toBe('NotAuthorizedException');
    const close = cognitoTimestamp(new Date(Date.now() - 2 * 60_000));
    expect((await alice({ timestamp: close })).ok).toBe(true);
  });

  it('PASSWORD_VERIFIER is single-use even with a valid signature', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'alice', SRP_A: 'abc123' },
    });
    expect(started.body.ChallengeName).toBe('PASSWORD_VERIFIER');
    const answer = {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Session: started.body.Session,
      ChallengeResponses: {
        USERNAME: 'alice',
        PASSWORD_CLAIM_SECRET_BLOCK: (started.body.ChallengeParameters as Record<string, string>)
          .SECRET_BLOCK,
        TIMESTAMP: cognitoTimestamp(new Date()),
        PASSWORD_CLAIM_SIGNATURE: 'bm90IGEgc2lnbmF0dXJl',
      },
    };
    expect((await callJson(pool.url, 'RespondToAuthChallenge', answer)).body.__type).toBe(
      'NotAuthorizedException',
    );
    expect((await callJson(pool.url, 'RespondToAuthChallenge', answer)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('SRP_A = 0 mod N is refused', async () => {
    const result = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'alice', SRP_A: '0' },
    });
    expect(result.body.__type).toBe('InvalidParameterException');
  });
});

describe('USER_AUTH and challenge answers', () => {
  it('an answer outside AvailableChallenges is InvalidParameterException', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'alice' },
    });
    expect(started.body.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const answer = await callJson(pool.url, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'alice', ANSWER: 'SMS_OTP' },
    });
    expect(answer.body.__type).toBe('InvalidParameterException');
  });

  it('a Session answered under another ChallengeName is refused', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' },
    });
    expect(started.body.ChallengeName).toBe('SMS_MFA');
    const answer = await callJson(pool.url, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'carol', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(answer.body.__type).toBe('NotAuthorizedException');
  });

  it('three wrong SMS codes end the Session', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' },
    });
    const code = pool.outbox().at(-1)?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    const answer = (value: string) =>
      callJson(pool.url, 'RespondToAuthChallenge', {
        ChallengeName: 'SMS_MFA',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        Session: started.body.Session,
        ChallengeResponses: { USERNAME: 'carol', SMS_MFA_CODE: value },
      });
    expect((await answer(wrong)).body.__type).toBe('CodeMismatchException');
    expect((await answer(wrong)).body.__type).toBe('CodeMismatchException');
    expect((await answer(wrong)).body.__type).toBe('CodeMismatchException');
    expect((await answer(code)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('an SMS code expires with the pool clock', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' },
    });
    await fetch(`${pool.url}/_local/clock`, { method: 'POST', body: '{"advanceMs":181000}' });
    const answer = await callJson(pool.url, 'RespondToAuthChallenge', {
      ChallengeName: 'SMS_MFA',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      Session: started.body.Session,
      ChallengeResponses: { USERNAME: 'carol', SMS_MFA_CODE: pool.outbox().at(-1)?.code ?? '' },
    });
    expect(answer.body.message).toBe('Invalid session for the user, session is expired.');
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('a weak password or a missing attribute can be corrected on the same Session', async () => {
    const started = await callJson(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'frank', PASSWORD: 'TempPassw0rd!' },
    });
    expect(started.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(
      JSON.parse(
        (started.body.ChallengeParameters as Record<string, string>).requiredAttributes ?? '',
      ),
    ).toEqual(['userAttributes.name']);
    const answer = (responses: Record<string, string>) =>
      callJson(pool.url, 'RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        Session: started.body.Session,
        ChallengeResponses: { USERNAME: 'frank', ...responses },
      });
    expect(
      (await answer({ NEW_PASSWORD: 'weak', 'userAttributes.name': 'Frank' })).body.__type,
    ).toBe('InvalidPasswordException');
    expect((await answer({ NEW_PASSWORD: 'N3w-Passw0rd!' })).body.__type).toBe(
      'InvalidParameterException',
    );
    const done = await answer({ NEW_PASSWORD: 'N3w-Passw0rd!', 'userAttributes.name': 'Frank' });
    expect(done.body.AuthenticationResult).toHaveProperty('IdToken');
    expect(
      (await answer({ NEW_PASSWORD: 'N3w-Passw0rd!', 'userAttributes.name': 'Frank' })).body
        .message,
    ).toBe('Invalid session for the user.');
  });
});
