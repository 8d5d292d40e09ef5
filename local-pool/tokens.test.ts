import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { startLocalPool, type LocalPool } from './server';
import { callPool } from './conformance/support';
import { DEMO_POOL_ID, DEMO_PUBLIC_CLIENT_ID } from './seed';

let pool: LocalPool;
let now = Date.UTC(2026, 10, 21, 12, 0, 0);
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true, now: () => now });
});
afterAll(() => pool.close());

async function aliceResult() {
  const result = await callPool(pool, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
  });
  return result.body.AuthenticationResult as {
    IdToken: string;
    AccessToken: string;
    RefreshToken: string;
    ExpiresIn: number;
    TokenType: string;
    NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
  };
}

describe('JWTs', () => {
  it('are RS256, verify against the JWKS and carry Cognito claims', async () => {
    const result = await aliceResult();
    expect(result.TokenType).toBe('Bearer');
    expect(result.ExpiresIn).toBe(3600);
    expect(result.NewDeviceMetadata?.DeviceKey).toMatch(/^us-east-1_/);
    const issuer = `${pool.url}/${DEMO_POOL_ID}`;
    const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    expect(decodeProtectedHeader(result.IdToken).alg).toBe('RS256');
    const options = { issuer, currentDate: new Date(now) };
    const id = (
      await jwtVerify(result.IdToken, keys, { ...options, audience: DEMO_PUBLIC_CLIENT_ID })
    ).payload;
    const access = (await jwtVerify(result.AccessToken, keys, options)).payload;
    expect(Object.keys(id).sort()).toEqual(
      [
        'aud',
        'auth_time',
        'cognito:username',
        'email',
        'email_verified',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'name',
        'origin_jti',
        'sub',
        'token_use',
      ].sort(),
    );
    expect(Object.keys(access).sort()).toEqual(
      [
        'auth_time',
        'client_id',
        'device_key',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'origin_jti',
        'scope',
        'sub',
        'token_use',
        'username',
      ].sort(),
    );
    expect(id).toMatchObject({
      'cognito:username': 'alice',
      email: 'alice@example.com',
      email_verified: true,
      token_use: 'id',
    });
    expect(access).toMatchObject({
      username: 'alice',
      client_id: DEMO_PUBLIC_CLIENT_ID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(access.sub).toBe(id.sub);
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access.jti).not.toBe(id.jti);
    expect(access.device_key).toBe(result.NewDeviceMetadata?.DeviceKey);
    expect(id.iat).toBe(Math.floor(now / 1000));
    expect(id.exp).toBe(Math.floor(now / 1000) + 3600);
  });

  it('the issuer follows the address the pool was reached at', async () => {
    const localhostUrl = pool.url.replace('127.0.0.1', 'localhost');
    const response = await fetch(
      `${localhostUrl}/${DEMO_POOL_ID}/.well-known/openid-configuration`,
    );
    const config = (await response.json()) as { issuer: string; jwks_uri: string };
    expect(config.issuer).toBe(`${localhostUrl}/${DEMO_POOL_ID}`);
    expect(config.jwks_uri).toBe(`${localhostUrl}/${DEMO_POOL_ID}/.well-known/jwks.json`);
    const jwks = (await (await fetch(config.jwks_uri)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('an unknown pool has no JWKS', async () => {
    const response = await fetch(`${pool.url}/us-east-1_Nope/.well-known/jwks.json`);
    expect(response.status).toBe(400);
  });

  it('access tokens stop working when the pool clock passes exp', async () => {
    const result = await aliceResult();
    expect((await callPool(pool, 'GetUser', { AccessToken: result.AccessToken })).status).toBe(200);
    now += 3600_000;
    const expired = await callPool(pool, 'GetUser', { AccessToken: result.AccessToken });
    expect(expired.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });
});
