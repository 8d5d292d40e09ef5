/**
 * AWS SDK v3 (@aws-sdk/client-cognito-identity-provider) against the local pool, for what the
 * Amplify and ACIJ clients cannot express: app clients with a secret (SECRET_HASH), forged,
 * reused, expired and misdirected Sessions, refresh-token rotation and revocation, access-token
 * expiry, and disabled users. Error names are checked as the SDK reports them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalPool, type LocalPool } from '../server';
import {
  demoSeed,
  DEMO_CLIENT_SECRET,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_SECRET_CLIENT_ID,
} from '../seed';
import { secretHash } from '../secret-hash';
import type { PoolConfig } from '../config';
import { advanceClock, latestCode, resetPool, verifyTokens } from './support';

const ROTATING_CLIENT = '3test0rotating0client00000';
const SHORT_CLIENT = '3test0short0session0000000';

/** The demo seed plus test clients: rotation on, 1-minute access tokens, no USER_PASSWORD_AUTH. */
function testConfig(): PoolConfig {
  const config = demoSeed();
  const demo = config.pools[0];
  if (!demo) throw new Error('demo pool missing');
  demo.clients.push(
    {
      id: ROTATING_CLIENT,
      accessTokenValidityMinutes: 1,
      refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 0 },
      authSessionValidityMinutes: 3,
    },
    { id: SHORT_CLIENT, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
  );
  return config;
}

let pool: LocalPool;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true, config: testConfig() });
  sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: pool.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  sdk.destroy();
  await pool.close();
});
beforeEach(() => resetPool(pool));

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`,
  );

function passwordAuth(clientId: string, username: string, extra: Record<string, string> = {}) {
  return sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!', ...extra },
    }),
  );
}

describe('app client with a secret', () => {
  it('accepts a correct SECRET_HASH and the tokens verify', async () => {
    const result = await passwordAuth(DEMO_SECRET_CLIENT_ID, 'alice', {
      SECRET_HASH: secretHash(DEMO_CLIENT_SECRET, 'alice', DEMO_SECRET_CLIENT_ID),
    });
    const tokens = result.AuthenticationResult;
    if (!tokens?.IdToken || !tokens.AccessToken) throw new Error('no tokens');
    await verifyTokens(pool, DEMO_POOL_ID, DEMO_SECRET_CLIENT_ID, {
      idToken: tokens.IdToken,
      accessToken: tokens.AccessToken,
    });
    expect(tokens.TokenType).toBe('Bearer');
    expect(tokens.ExpiresIn).toBe(3600);
  });

  it('refuses a missing or wrong SECRET_HASH with NotAuthorizedException', async () => {
    expect(await errorName(passwordAuth(DEMO_SECRET_CLIENT_ID, 'alice'))).toBe(
      `NotAuthorizedException: Unable to verify secret hash for client ${DEMO_SECRET_CLIENT_ID}`,
    );
    expect(
      await errorName(
        passwordAuth(DEMO_SECRET_CLIENT_ID, 'alice', {
          SECRET_HASH: secretHash('not-the-secret', 'alice', DEMO_SECRET_CLIENT_ID),
        }),
      ),
    ).toMatch(/^NotAuthorizedException: Unable to verify secret hash/);
  });

  it('needs SECRET_HASH on RespondToAuthChallenge too', async () => {
    const hash = secretHash(DEMO_CLIENT_SECRET, 'carol', DEMO_SECRET_CLIENT_ID);
    const started = await passwordAuth(DEMO_SECRET_CLIENT_ID, 'carol', { SECRET_HASH: hash });
    expect(started.ChallengeName).toBe('SMS_MFA');
    const answer = (responses: Record<string, string>) =>
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: DEMO_SECRET_CLIENT_ID,
          ChallengeName: 'SMS_MFA',
          Session: started.Session,
          ChallengeResponses: {
            USERNAME: 'carol',
            SMS_MFA_CODE: latestCode(pool, 'carol'),
            ...responses,
          },
        }),
      );
    expect(await errorName(answer({}))).toMatch(
      /^NotAuthorizedException: Unable to verify secret hash/,
    );
    const done = await answer({ SECRET_HASH: hash });
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('Sessions', () => {
  async function carolChallenge(clientId = DEMO_PUBLIC_CLIENT_ID) {
    const started = await passwordAuth(clientId, 'carol');
    if (started.Session === undefined) throw new Error('no Session');
    return started.Session;
  }
  const respond = (session: string, clientId = DEMO_PUBLIC_CLIENT_ID) =>
    sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SMS_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: 'carol', SMS_MFA_CODE: latestCode(pool, 'carol') },
      }),
    );

  it('a forged Session is NotAuthorizedException', async () => {
    await carolChallenge();
    const forged = Buffer.from('forged session '.repeat(12)).toString('base64');
    expect(await errorName(respond(forged))).toBe(
      'NotAuthorizedException: Invalid session for the user.',
    );
  });

  it('a Session works once; reusing it is NotAuthorizedException', async () => {
    const session = await carolChallenge();
    expect((await respond(session)).AuthenticationResult?.IdToken).toBeTruthy();
    expect(await errorName(respond(session))).toBe(
      'NotAuthorizedException: Invalid session for the user.',
    );
  });

  it('a Session is bound to its app client', async () => {
    const session = await carolChallenge();
    expect(await errorName(respond(session, ROTATING_CLIENT))).toMatch(/^NotAuthorizedException/);
  });

  it('a Session expires after the client AuthSessionValidity (3 minutes)', async () => {
    const session = await carolChallenge(ROTATING_CLIENT);
    await advanceClock(pool, 3 * 60_000 + 1_000);
    expect(await errorName(respond(session, ROTATING_CLIENT))).toBe(
      'NotAuthorizedException: Invalid session for the user, session is expired.',
    );
  });

  it('a disabled user is refused before any challenge', async () => {
    expect(await errorName(passwordAuth(DEMO_PUBLIC_CLIENT_ID, 'oscar'))).toBe(
      'NotAuthorizedException: User is disabled.',
    );
  });

  it('ExplicitAuthFlows are enforced', async () => {
    expect(await errorName(passwordAuth(SHORT_CLIENT, 'alice'))).toBe(
      'InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client',
    );
  });
});

describe('tokens', () => {
  async function aliceTokens() {
    const result = await passwordAuth(ROTATING_CLIENT, 'alice');
    const tokens = result.AuthenticationResult;
    if (!tokens?.AccessToken || !tokens.RefreshToken) throw new Error('no tokens');
    return { accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken };
  }
  const getTokens = (refreshToken: string) =>
    sdk.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: ROTATING_CLIENT,
        RefreshToken: refreshToken,
      }),
    );

  it('a 1-minute access token is refused after a minute; refresh gives a working one', async () => {
    const { accessToken, refreshToken } = await aliceTokens();
    expect((await sdk.send(new GetUserCommand({ AccessToken: accessToken }))).Username).toBe(
      'alice',
    );
    await advanceClock(pool, 61_000);
    expect(await errorName(sdk.send(new GetUserCommand({ AccessToken: accessToken })))).toBe(
      'NotAuthorizedException: Access Token has expired',
    );
    const refreshed = await getTokens(refreshToken);
    const fresh = refreshed.AuthenticationResult?.AccessToken;
    if (!fresh) throw new Error('no access token');
    expect((await sdk.send(new GetUserCommand({ AccessToken: fresh }))).Username).toBe('alice');
  });

  it('rotation: GetTokensFromRefreshToken returns a new refresh token and retires the old one', async () => {
    const { refreshToken } = await aliceTokens();
    const first = await getTokens(refreshToken);
    const rotated = first.AuthenticationResult?.RefreshToken;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(refreshToken);
    await advanceClock(pool, 1_000);
    expect(await errorName(getTokens(refreshToken))).toMatch(/^NotAuthorizedException/);
    expect((await getTokens(rotated ?? '')).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('without rotation, refresh keeps the same refresh token (REFRESH_TOKEN_AUTH)', async () => {
    const result = await passwordAuth(DEMO_PUBLIC_CLIENT_ID, 'alice');
    const refreshToken = result.AuthenticationResult?.RefreshToken ?? '';
    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
  });

  it('RevokeToken: the refresh token and its access tokens stop working', async () => {
    const { accessToken, refreshToken } = await aliceTokens();
    await sdk.send(new RevokeTokenCommand({ ClientId: ROTATING_CLIENT, Token: refreshToken }));
    expect(await errorName(getTokens(refreshToken))).toBe(
      'NotAuthorizedException: Refresh Token has been revoked',
    );
    expect(await errorName(sdk.send(new GetUserCommand({ AccessToken: accessToken })))).toBe(
      'NotAuthorizedException: Access Token has been revoked',
    );
  });

  it('a token signed by another key is refused', async () => {
    const { accessToken } = await aliceTokens();
    const [header, payload] = accessToken.split('.');
    const forged = `${header ?? ''}.${payload ?? ''}.${Buffer.from('not a signature').toString('base64url')}`;
    expect(await errorName(sdk.send(new GetUserCommand({ AccessToken: forged })))).toBe(
      'NotAuthorizedException: Invalid Access Token',
    );
  });
});
