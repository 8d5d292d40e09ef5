import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed, DEMO_PUBLIC_CLIENT_ID } from './seed';
import { startLocalPool, type LocalPool } from './server';

async function initiateAuth(pool: LocalPool, username: string): Promise<number> {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' },
    }),
  });
  return response.status;
}

describe('useConfig: a running pool starts over with another configuration', () => {
  let pool: LocalPool;
  beforeAll(async () => {
    pool = await startLocalPool({ port: 0, quiet: true });
  });
  afterAll(() => pool.close());

  it('serves the new users on the same URL, and the old configuration again when given back', async () => {
    const url = pool.url;
    expect(await initiateAuth(pool, 'alice')).toBe(200);
    const withoutAlice = demoSeed();
    for (const each of withoutAlice.pools)
      each.users = each.users.filter((user) => user.username !== 'alice');
    await pool.useConfig(withoutAlice);
    expect(pool.url).toBe(url);
    expect(await initiateAuth(pool, 'alice')).toBe(400);
    await pool.useConfig(demoSeed());
    expect(await initiateAuth(pool, 'alice')).toBe(200);
  });
});
