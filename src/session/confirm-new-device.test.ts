import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { memoryKeyStore } from '../platform/key-store';
import { createSecretBox } from '../platform/secret-box';
import { memoryStorageArea } from '../platform/storage-area';
import { confirmNewDevice, DEVICE_NAME } from './confirm-new-device';
import { createTokenVault } from './token-vault';

const newDevice = { deviceKey: 'us-east-1_device', deviceGroupKey: '-group' };

function setup(userConfirmationNecessary: boolean, failWith?: Error) {
  const calls: { op: string; input: Record<string, unknown> }[] = [];
  const warnings: string[] = [];
  const vault = createTokenVault({
    session: memoryStorageArea(),
    local: memoryStorageArea(),
    box: createSecretBox(memoryKeyStore()),
  });
  const gateway = {
    confirmDevice(input: Record<string, unknown>) {
      calls.push({ op: 'confirmDevice', input });
      return failWith ? Promise.reject(failWith) : Promise.resolve({ userConfirmationNecessary });
    },
    updateDeviceStatus(input: Record<string, unknown>) {
      calls.push({ op: 'updateDeviceStatus', input });
      return Promise.resolve();
    },
  };
  const logger = createLogger('debug', (level, message) => {
    if (level === 'warn') warnings.push(message);
  });
  return { calls, warnings, vault, gateway, logger };
}

describe('confirmNewDevice', () => {
  it('confirms with a fresh verifier, remembers it when staying signed in, saves it under every name', async () => {
    const t = setup(true);
    await confirmNewDevice({
      account: { id: 'acc', staySignedIn: true },
      accessToken: 'access',
      newDevice,
      names: ['alice', 'alice@example.com', 'alice'],
      gateway: t.gateway,
      vault: t.vault,
      logger: t.logger,
    });
    expect(t.calls.map((c) => c.op)).toEqual(['confirmDevice', 'updateDeviceStatus']);
    expect(t.calls[0]?.input).toMatchObject({
      accessToken: 'access',
      deviceKey: newDevice.deviceKey,
      deviceName: DEVICE_NAME,
    });
    expect(t.calls[0]?.input['passwordVerifier']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(t.calls[1]?.input).toEqual({
      accessToken: 'access',
      deviceKey: newDevice.deviceKey,
      remembered: true,
    });
    const byUsername = await t.vault.device('acc', 'alice');
    expect(byUsername).toMatchObject(newDevice);
    expect(byUsername?.devicePassword).toMatch(/.{20,}/);
    await expect(t.vault.device('acc', 'alice@example.com')).resolves.toEqual(byUsername);
  });

  it('does not mark the device remembered for a session-only account', async () => {
    const t = setup(true);
    await confirmNewDevice({
      account: { id: 'acc', staySignedIn: false },
      accessToken: 'access',
      newDevice,
      names: ['bob'],
      gateway: t.gateway,
      vault: t.vault,
      logger: t.logger,
    });
    expect(t.calls.map((c) => c.op)).toEqual(['confirmDevice']);
    await expect(t.vault.device('acc', 'bob')).resolves.toMatchObject(newDevice);
  });

  it('a refused confirmation saves nothing and only warns', async () => {
    const t = setup(true, new Error('NotAuthorizedException'));
    await confirmNewDevice({
      account: { id: 'acc', staySignedIn: true },
      accessToken: 'access',
      newDevice,
      names: ['carol'],
      gateway: t.gateway,
      vault: t.vault,
      logger: t.logger,
    });
    await expect(t.vault.device('acc', 'carol')).resolves.toBeUndefined();
    expect(t.warnings).toEqual([
      'device confirmation failed; signed in without a remembered device',
    ]);
  });
});
