import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../platform/key-store';
import { createSecretBox } from '../platform/secret-box';
import { memoryStorageArea } from '../platform/storage-area';
import { createTokenVault, type SessionTokens } from './token-vault';

const tokens: SessionTokens = {
  idToken: 'id-token-value',
  accessToken: 'access-token-value',
  accessTokenExpiresAt: 1000,
  clockDriftMs: 0,
  receivedAt: 0,
  user: { username: 'alice', sub: 'sub-1' },
};

function setup() {
  const session = memoryStorageArea();
  const local = memoryStorageArea();
  const keys = memoryKeyStore();
  const vault = createTokenVault({ session, local, box: createSecretBox(keys) });
  return { session, local, keys, vault };
}

describe('token vault', () => {
  it('without "stay signed in" keeps everything in session storage', async () => {
    const { session, local, vault } = setup();
    await vault.save('acc', tokens, 'refresh-token-value', false);
    expect(Object.keys(local.dump())).toEqual([]);
    expect(session.dump()['refresh.acc']).toBe('refresh-token-value');
    await expect(vault.refreshToken('acc')).resolves.toBe('refresh-token-value');
  });

  it('with "stay signed in" seals the refresh token in local storage only', async () => {
    const { session, local, keys, vault } = setup();
    await vault.save('acc', tokens, 'refresh-token-value', true);
    expect(JSON.stringify(local.dump())).not.toContain('refresh-token-value');
    expect(JSON.stringify(local.dump())).not.toContain('access-token-value');
    expect(session.dump()['refresh.acc']).toBeUndefined();
    // A browser restart: session storage is empty, a new vault over the same key store.
    const restarted = createTokenVault({
      session: memoryStorageArea(),
      local,
      box: createSecretBox(keys),
    });
    await expect(restarted.refreshToken('acc')).resolves.toBe('refresh-token-value');
    await expect(restarted.user('acc')).resolves.toEqual(tokens.user);
    await expect(restarted.load('acc')).resolves.toBeNull();
  });

  it('clears tokens but keeps the remembered device', async () => {
    const { vault } = setup();
    const device = { deviceKey: 'us-east-1_d', deviceGroupKey: 'g', devicePassword: 'p' };
    await vault.save('acc', tokens, 'r', true);
    await vault.saveDevice('acc', 'Alice', device, true);
    await vault.clear('acc');
    await expect(vault.load('acc')).resolves.toBeNull();
    await expect(vault.refreshToken('acc')).resolves.toBeUndefined();
    await expect(vault.device('acc', 'alice')).resolves.toEqual(device);
    await vault.forgetDevice('acc', 'ALICE');
    await expect(vault.device('acc', 'alice')).resolves.toBeUndefined();
  });

  it('treats a sealed value it cannot open as absent', async () => {
    const { local, vault } = setup();
    await vault.save('acc', tokens, 'r', true);
    const other = createTokenVault({
      session: memoryStorageArea(),
      local,
      box: createSecretBox(memoryKeyStore()),
    });
    await expect(other.refreshToken('acc')).resolves.toBeUndefined();
  });
});
