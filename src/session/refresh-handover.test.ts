/**
 * The refresher leaves an account alone while a shared site holds its refresh token (the site's
 * "share the refresh token" option): with rotation, two refreshers sign each other out.
 */
import { describe, expect, it } from 'vitest';
import type { AuthTokens, CognitoGateway } from '../cognito/gateway';
import { memoryKeyStore } from '../platform/key-store';
import { createLogger } from '../platform/logger';
import { createSecretBox } from '../platform/secret-box';
import { memoryStorageArea } from '../platform/storage-area';
import { fakeJwt } from '../sites/testing/tokens';
import type { Account } from './accounts';
import { createRefresher, refreshAlarmName, type RefreshOutcome } from './refresh';
import { createTokenVault } from './token-vault';

const NOW = 1_700_000_000_000;
const account = { id: 'demo', clientId: 'client', staySignedIn: false } as Account;

function freshTokens(): AuthTokens {
  const claims = { sub: 'sub-1', username: 'alice', iat: NOW / 1000, exp: NOW / 1000 + 3600 };
  return {
    accessToken: fakeJwt({ ...claims, token_use: 'access', jti: 'new' }),
    idToken: fakeJwt({ ...claims, token_use: 'id', 'cognito:username': 'alice' }),
    expiresInSeconds: 3600,
  };
}

async function setup(handedOver: () => boolean) {
  const vault = createTokenVault({
    session: memoryStorageArea(),
    local: memoryStorageArea(),
    box: createSecretBox(memoryKeyStore()),
  });
  await vault.save(
    'demo',
    {
      idToken: 'old-id',
      accessToken: 'old-access',
      accessTokenExpiresAt: NOW - 1, // due
      clockDriftMs: 0,
      receivedAt: NOW - 3_600_000,
      user: { username: 'alice', sub: 'sub-1' },
    },
    'REFRESH-TOKEN',
    false,
  );
  const calls: string[] = [];
  const alarms = new Map<string, number>();
  const changes: RefreshOutcome[] = [];
  const gateway = {
    getTokensFromRefreshToken: () => {
      calls.push('GetTokensFromRefreshToken');
      return Promise.resolve(freshTokens());
    },
  } as unknown as CognitoGateway;
  const refresher = createRefresher({
    vault,
    account: () => Promise.resolve(account),
    gatewayFor: () => gateway,
    alarms: {
      create: (name, when) => {
        alarms.set(name, when);
        return Promise.resolve();
      },
      clear: (name) => {
        alarms.delete(name);
        return Promise.resolve();
      },
    },
    now: () => NOW,
    onChange: (_id, outcome) => {
      changes.push(outcome);
    },
    logger: createLogger('silent', () => undefined),
    handedOver: () => Promise.resolve(handedOver()),
  });
  return { refresher, vault, calls, alarms, changes };
}

describe('refresh handed over to a site', () => {
  it('does not call Cognito nor touch the tokens while a site holds the refresh token', async () => {
    const { refresher, vault, calls, alarms, changes } = await setup(() => true);
    await refresher.onAlarm(refreshAlarmName('demo'));
    expect(await refresher.refresh('demo')).toEqual({ kind: 'handedOver' });
    expect(calls).toEqual([]);
    expect(changes).toEqual([]);
    expect((await vault.load('demo'))?.accessToken).toBe('old-access');
    // It keeps looking, every five minutes, in case the person takes the token back.
    expect(alarms.get(refreshAlarmName('demo'))).toBe(NOW + 5 * 60 * 1000);
  });

  it('refreshes again once no site holds it any more', async () => {
    let held = true;
    const { refresher, vault, calls } = await setup(() => held);
    await refresher.onAlarm(refreshAlarmName('demo'));
    expect(calls).toEqual([]);
    held = false;
    await refresher.onAlarm(refreshAlarmName('demo'));
    expect(calls).toEqual(['GetTokensFromRefreshToken']);
    expect((await vault.load('demo'))?.accessToken).toBe(freshTokens().accessToken);
  });
});
