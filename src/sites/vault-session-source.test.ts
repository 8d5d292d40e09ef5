import { describe, expect, it } from 'vitest';
import { makeTokens, TEST_CLIENT_ID } from './testing/tokens';
import { issuedAt, sessionSourceFromVault } from './vault-session-source';

const tokens = makeTokens({ issuedAt: 1_763_000_000, receivedAt: 1_763_000_000_250 });

function source(stored: boolean, refreshToken?: string) {
  return sessionSourceFromVault(
    {
      load: (id) =>
        Promise.resolve(
          stored && id === 'demo'
            ? {
                idToken: tokens.idToken,
                accessToken: tokens.accessToken,
                receivedAt: tokens.receivedAt,
                user: { username: 'alice' },
              }
            : null,
        ),
      refreshToken: () => Promise.resolve(refreshToken),
    },
    {
      get: (id) => Promise.resolve(id === 'demo' ? { clientId: TEST_CLIENT_ID } : undefined),
    },
  );
}

describe('sessionSourceFromVault', () => {
  it('maps a signed-in account, with iat read from the tokens', async () => {
    expect(await source(true, 'r').getAccountSession('demo')).toEqual({
      clientId: TEST_CLIENT_ID,
      tokens: {
        username: 'alice',
        idToken: tokens.idToken,
        accessToken: tokens.accessToken,
        refreshToken: 'r',
        idTokenIat: 1_763_000_000,
        accessTokenIat: 1_763_000_000,
        receivedAt: 1_763_000_000_250,
      },
    });
  });

  it('keeps the client id of a signed-out account, and knows no unknown account', async () => {
    expect(await source(false).getAccountSession('demo')).toEqual({
      clientId: TEST_CLIENT_ID,
      tokens: undefined,
    });
    expect(await source(true).getAccountSession('nobody')).toBeUndefined();
  });

  it('reads iat defensively', () => {
    expect(issuedAt('not-a-jwt')).toBe(0);
    expect(issuedAt('a.e30.c')).toBe(0);
  });
});
