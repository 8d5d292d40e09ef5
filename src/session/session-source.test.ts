import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../platform/key-store';
import { createSecretBox } from '../platform/secret-box';
import { memoryStorageArea } from '../platform/storage-area';
import { makeTokens } from '../sites/testing/tokens';
import type { Account } from './accounts';
import { createSessionSource } from './session-source';
import { createTokenVault } from './token-vault';

const account = { id: 'demo', clientId: '3demo0public0client0000000' } as Account;

async function setup() {
  const vault = createTokenVault({
    session: memoryStorageArea(),
    local: memoryStorageArea(),
    box: createSecretBox(memoryKeyStore()),
  });
  const jwt = makeTokens({ issuedAt: 1_700_000_000, receivedAt: 1_700_000_000_500 });
  await vault.save(
    'demo',
    {
      idToken: jwt.idToken,
      accessToken: jwt.accessToken,
      accessTokenExpiresAt: 1_700_003_600_000,
      clockDriftMs: 0,
      receivedAt: 1_700_000_000_500,
      user: { username: 'alice', sub: 'sub-1' },
    },
    'REFRESH-TOKEN-OF-ALICE',
    false,
  );
  const source = createSessionSource({
    account: (id) => Promise.resolve(id === 'demo' ? account : undefined),
    vault,
    signIn: () => Promise.resolve({ username: 'alice@example.com', authFlow: 'USER_SRP_AUTH' }),
  });
  return { source, vault };
}

describe('the vault as a session source for sites', () => {
  it('leaves the refresh token in the vault by default', async () => {
    const { source } = await setup();
    const session = await source.getAccountSession('demo');
    expect(session?.clientId).toBe(account.clientId);
    expect(session?.tokens?.username).toBe('alice');
    expect(session?.tokens?.idTokenIat).toBe(1_700_000_000);
    expect(session?.tokens?.signInDetails).toEqual({
      loginId: 'alice@example.com',
      authFlowType: 'USER_SRP_AUTH',
    });
    expect(JSON.stringify(session)).not.toContain('REFRESH-TOKEN-OF-ALICE');
  });

  it('includes it only when asked (a site set to hold the refresh token)', async () => {
    const { source } = await setup();
    const session = await source.getAccountSession('demo', { includeRefreshToken: true });
    expect(session?.tokens?.refreshToken).toBe('REFRESH-TOKEN-OF-ALICE');
  });

  it('knows signed-out and unknown accounts apart', async () => {
    const { source, vault } = await setup();
    await vault.clear('demo');
    await expect(source.getAccountSession('demo', { includeRefreshToken: true })).resolves.toEqual({
      clientId: account.clientId,
      tokens: undefined,
    });
    await expect(source.getAccountSession('nobody')).resolves.toBeUndefined();
  });
});
