import { describe, expect, it } from 'vitest';
import { createPasskeyHandler, REUSE_START_MS } from './handler';
import type { PasskeyGateway, PasskeyView } from './passkey-gateway';

const config = { region: 'us-east-1', userPoolId: 'us-east-1_X', clientId: 'client' };

/** A pool with one account's passkeys in memory, counting what the handler asks of it. */
function fakePool() {
  const passkeys: PasskeyView[] = [
    { credentialId: 'a', friendlyName: 'Laptop', relyingPartyId: 'x', createdAt: 0 },
  ];
  const calls: string[] = [];
  const gateway: PasskeyGateway = {
    startRegistration: () => {
      calls.push('start');
      return Promise.resolve({ challenge: 'c' });
    },
    completeRegistration: () => {
      calls.push('complete');
      passkeys.push({ credentialId: 'b', friendlyName: 'Key', relyingPartyId: 'x', createdAt: 1 });
      return Promise.resolve();
    },
    list: () => {
      calls.push('list');
      return Promise.resolve(passkeys.map((p) => ({ ...p })));
    },
    remove: (_token, id) => {
      calls.push('remove');
      passkeys.splice(
        passkeys.findIndex((p) => p.credentialId === id),
        1,
      );
      return Promise.resolve();
    },
  };
  return { gateway, calls };
}

function handlerWith(
  pool: ReturnType<typeof fakePool>,
  token: { value: string | undefined },
  clock = { now: 0 },
) {
  return createPasskeyHandler({
    account: (id) => Promise.resolve(id === 'demo' ? config : undefined),
    accessToken: () => Promise.resolve(token.value),
    gatewayFor: () => pool.gateway,
    now: () => clock.now,
  });
}

describe('passkey handler', () => {
  it('asks Cognito for the list once per access token, however often the popup opens', async () => {
    const pool = fakePool();
    const token = { value: 'token-1' as string | undefined };
    const handle = handlerWith(pool, token);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => handle({ type: 'passkeys:list', accountId: 'demo' })),
    );
    expect(replies.every((reply) => reply.ok && reply.passkeys.length === 1)).toBe(true);
    await handle({ type: 'passkeys:list', accountId: 'demo' });
    expect(pool.calls).toEqual(['list']);

    token.value = 'token-2';
    await handle({ type: 'passkeys:list', accountId: 'demo' });
    expect(pool.calls).toEqual(['list', 'list']);
  });

  it('lists afresh after adding or deleting, so the answer shows the change', async () => {
    const pool = fakePool();
    const handle = handlerWith(pool, { value: 'token' });
    await handle({ type: 'passkeys:list', accountId: 'demo' });
    const started = await handle({ type: 'passkeys:startRegistration', accountId: 'demo' });
    expect(started.ok && started.creationOptions).toEqual({ challenge: 'c' });
    const added = await handle({
      type: 'passkeys:completeRegistration',
      accountId: 'demo',
      credential: {
        id: 'b',
        rawId: 'b',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'e30', attestationObject: 'o', transports: ['internal'] },
      },
    });
    expect(added.ok && added.passkeys.map((p) => p.credentialId)).toEqual(['a', 'b']);
    const deleted = await handle({ type: 'passkeys:delete', accountId: 'demo', credentialId: 'a' });
    expect(deleted.ok && deleted.passkeys.map((p) => p.credentialId)).toEqual(['b']);
    expect(pool.calls).toEqual(['list', 'start', 'complete', 'list', 'remove', 'list']);
  });

  it('the tab ceremony takes the start the popup just made, once, instead of a second challenge', async () => {
    const pool = fakePool();
    let challenges = 0;
    pool.gateway.startRegistration = () => {
      pool.calls.push('start');
      challenges += 1;
      return Promise.resolve({ challenge: `c${String(challenges)}` });
    };
    const token = { value: 'token' as string | undefined };
    const clock = { now: 1_000 };
    const handle = handlerWith(pool, token, clock);
    const start = { type: 'passkeys:startRegistration', accountId: 'demo' } as const;
    const reuse = { ...start, reuseRecent: true } as const;
    const options = async (request: typeof start | typeof reuse) => {
      const reply = await handle(request);
      return reply.ok ? reply.creationOptions : reply.error.code;
    };

    expect(await options(start)).toEqual({ challenge: 'c1' });
    clock.now += REUSE_START_MS - 1;
    expect(await options(reuse)).toEqual({ challenge: 'c1' });
    // Taken: the next taker asks Cognito again.
    expect(await options(reuse)).toEqual({ challenge: 'c2' });
    // Too old.
    clock.now += REUSE_START_MS;
    expect(await options(reuse)).toEqual({ challenge: 'c3' });
    // Another token (another sign-in) never gets the previous user's challenge.
    token.value = 'token-b';
    expect(await options(reuse)).toEqual({ challenge: 'c4' });
    // Without the flag (the person pressed "Add a passkey" again), always a fresh start.
    expect(await options(start)).toEqual({ challenge: 'c5' });
    expect(pool.calls.filter((call) => call === 'start')).toHaveLength(5);
  });

  it('asks again after a failed list instead of remembering the failure', async () => {
    const pool = fakePool();
    const list = pool.gateway.list.bind(pool.gateway);
    let failures = 1;
    pool.gateway.list = (token) =>
      failures-- > 0 ? Promise.reject(new Error('network')) : list(token);
    const handle = handlerWith(pool, { value: 'token' });
    const failed = await handle({ type: 'passkeys:list', accountId: 'demo' });
    expect(failed.ok).toBe(false);
    const again = await handle({ type: 'passkeys:list', accountId: 'demo' });
    expect(again.ok && again.passkeys.length).toBe(1);
  });

  it('refuses without an account or a signed-in user, asking Cognito nothing', async () => {
    const pool = fakePool();
    const signedOut = handlerWith(pool, { value: undefined });
    const noToken = await signedOut({ type: 'passkeys:list', accountId: 'demo' });
    expect(!noToken.ok && noToken.error.code).toBe('NotSignedIn');
    const noAccount = await signedOut({ type: 'passkeys:list', accountId: 'gone' });
    expect(!noAccount.ok && noAccount.error.code).toBe('UnknownAccount');
    expect(pool.calls).toEqual([]);
  });
});
