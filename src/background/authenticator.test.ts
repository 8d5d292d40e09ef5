import { createGuardrails, generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../otp/key-store';
import { createAuthenticatorVault, storageSlot } from '../otp/vault';
import { authenticatorFromVault } from './authenticator';

const SECRET = 'JBSWY3DPEHPK3PXP';
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

function memoryArea() {
  const values: Record<string, unknown> = {};
  return {
    get: (key: string) => Promise.resolve({ [key]: values[key] }),
    set: (items: Record<string, unknown>) => {
      Object.assign(values, items);
      return Promise.resolve();
    },
  };
}

function setup(nowMs: number) {
  const vault = createAuthenticatorVault({
    storage: storageSlot(memoryArea(), 'authenticatorVault'),
    keyStore: createMemoryKeyStore(),
    crypto: globalThis.crypto,
    newId: () => crypto.randomUUID(),
  });
  const slept: number[] = [];
  let now = nowMs;
  const authenticator = authenticatorFromVault(
    vault,
    () => now,
    (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  );
  return { vault, authenticator, slept };
}

describe('authenticatorFromVault', () => {
  it('saves a secret for the Cognito user and answers with its current code', async () => {
    const t = 1_700_000_020_000; // 10 s into a 30 s period
    const { vault, authenticator, slept } = setup(t);
    await expect(authenticator.codeFor('strict', 'mallory')).resolves.toBeUndefined();
    await authenticator.save({
      accountId: 'strict',
      username: 'mallory',
      secret: SECRET,
      issuer: 'Strict pool',
      account: 'mallory',
    });
    expect((await vault.list()).map((e) => [e.issuer, e.account, e.accountId, e.username])).toEqual(
      [['Strict pool', 'mallory', 'strict', 'mallory']],
    );
    await expect(authenticator.codeFor('strict', 'MALLORY')).resolves.toBe(
      await generate({ secret: SECRET, epoch: t / 1000, guardrails }),
    );
    expect(slept).toEqual([]);
  });

  it('waits for the next period when the current code is about to expire', async () => {
    const t = 1_700_000_038_000; // 2 s before the period ends
    const { authenticator, slept } = setup(t);
    await authenticator.save({
      accountId: 'a',
      username: 'bob',
      secret: SECRET,
      issuer: 'Demo',
      account: 'bob',
    });
    const code = await authenticator.codeFor('a', 'bob');
    expect(slept).toEqual([2_000]);
    expect(code).toBe(await generate({ secret: SECRET, epoch: (t + 2_000) / 1000, guardrails }));
  });
});

describe('authenticatorFromVault: never the same time step twice', () => {
  it('a second automatic answer in the same period waits for the next code', async () => {
    const t = 1_700_000_020_000; // 10 s into a 30 s period: 20 s left
    const { authenticator, slept } = setup(t);
    await authenticator.save({
      accountId: 'a',
      username: 'bob',
      secret: SECRET,
      issuer: 'Demo',
      account: 'bob',
    });
    const first = await authenticator.codeFor('a', 'bob');
    expect(slept).toEqual([]);
    const second = await authenticator.codeFor('a', 'BOB');
    expect(slept).toEqual([20_000]);
    expect(second).not.toBe(first);
    expect(second).toBe(await generate({ secret: SECRET, epoch: (t + 20_000) / 1000, guardrails }));
  });
});

describe('authenticatorFromVault: pre-fill and the auto-answer switch', () => {
  it('peeks the current code without waiting, and only for a known user', async () => {
    const t = 1_700_000_068_000; // 2 s before the period ends: peek still shows the current code
    const { authenticator, slept } = setup(t);
    await expect(authenticator.peek('demo', 'bob')).resolves.toBeUndefined();
    await authenticator.save({
      accountId: 'demo',
      username: 'bob',
      secret: SECRET,
      issuer: 'Demo',
      account: 'bob',
    });
    await expect(authenticator.peek('demo', 'bob')).resolves.toEqual({
      code: await generate({ secret: SECRET, epoch: t / 1000, guardrails }),
      secondsRemaining: 2,
    });
    await expect(authenticator.peek('demo', 'carol')).resolves.toBeUndefined();
    expect(slept).toEqual([]);
  });

  it('answers automatically only for accounts the person switched on', async () => {
    const vault = createAuthenticatorVault({
      storage: storageSlot(memoryArea(), 'authenticatorVault'),
      keyStore: createMemoryKeyStore(),
      crypto: globalThis.crypto,
      newId: () => crypto.randomUUID(),
    });
    const authenticator = authenticatorFromVault(vault, Date.now, () => Promise.resolve(), {
      list: () => Promise.resolve(['strict']),
    });
    await expect(authenticator.autoAnswers('strict')).resolves.toBe(true);
    await expect(authenticator.autoAnswers('demo')).resolves.toBe(false);
    await expect(authenticatorFromVault(vault, Date.now).autoAnswers('strict')).resolves.toBe(
      false,
    );
  });
});
