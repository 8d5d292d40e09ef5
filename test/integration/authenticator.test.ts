import { createGuardrails, generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { BOB_TOTP_SECRET } from '../../local-pool/seed';
import type { Authenticator } from '../../src/background/service';
import { expectStep, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** A minimal in-memory authenticator with the interface src/otp's vault is wired through. */
function memoryAuthenticator(seed: Record<string, string>, autoAnswer = ['demo-public', 'strict']) {
  const secrets = new Map(Object.entries(seed));
  const saved: { accountId: string; username: string; issuer: string }[] = [];
  const make = (clock: { now: () => number }): Authenticator => ({
    async codeFor(accountId, username) {
      const secret = secrets.get(`${accountId}/${username}`);
      return secret === undefined
        ? undefined
        : generate({ secret, epoch: Math.floor(clock.now() / 1000), guardrails });
    },
    async peek(accountId, username) {
      const secret = secrets.get(`${accountId}/${username}`);
      if (secret === undefined) return undefined;
      const seconds = Math.floor(clock.now() / 1000);
      return {
        code: await generate({ secret, epoch: seconds, guardrails }),
        secondsRemaining: 30 - (seconds % 30),
      };
    },
    autoAnswers(accountId) {
      return Promise.resolve(autoAnswer.includes(accountId));
    },
    save(input) {
      secrets.set(`${input.accountId}/${input.username}`, input.secret);
      saved.push({ accountId: input.accountId, username: input.username, issuer: input.issuer });
      return Promise.resolve();
    },
  });
  return { make, saved };
}

describe('built-in authenticator', () => {
  it('answers the TOTP step by itself when it holds the secret', async () => {
    const auth = memoryAuthenticator({ 'demo-public/bob': BOB_TOTP_SECRET });
    h = await startHarness({ authenticator: auth.make });
    expectStep(
      await h.flow({
        type: 'startSignIn',
        accountId: 'demo-public',
        username: 'bob',
        password: PASSWORD,
      }),
      'DONE',
    );
  });

  it('without auto-answer, the step waits for the person with the code pre-filled', async () => {
    const auth = memoryAuthenticator({ 'demo-public/bob': BOB_TOTP_SECRET }, []);
    h = await startHarness({ authenticator: auth.make });
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: 'demo-public',
      username: 'bob',
      password: PASSWORD,
    });
    expect(flow.step.name).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const expected = await h.totp(BOB_TOTP_SECRET);
    expect(flow.authenticatorCode).toMatchObject({ code: expected, autoAnswer: false });
    expectStep(await h.answer('demo-public', { kind: 'code', code: expected }), 'DONE');
  });

  it('a wrong stored secret leaves the step to the person (no loop)', async () => {
    const auth = memoryAuthenticator({ 'demo-public/bob': 'KRSXG5CTMVRXEZLU' });
    h = await startHarness({ authenticator: auth.make });
    const flow = await h.flow({
      type: 'startSignIn',
      accountId: 'demo-public',
      username: 'bob',
      password: PASSWORD,
    });
    expect(flow.step.name).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(flow.error?.code).toBe('CodeMismatchException');
    expectStep(
      await h.answer('demo-public', { kind: 'code', code: await h.totp(BOB_TOTP_SECRET) }),
      'DONE',
    );
  });

  it('keeps a secret set up during sign-in and uses it next time', async () => {
    const auth = memoryAuthenticator({});
    h = await startHarness({ authenticator: auth.make });
    await h.flow({
      type: 'startSignIn',
      accountId: 'strict',
      username: 'mallory',
      password: PASSWORD,
    });
    const setup = await h.answer('strict', { kind: 'selectMfaSetup', mfa: 'TOTP' });
    if (setup.step.name !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') throw new Error(setup.step.name);
    const code = await h.totp(setup.step.totpSetupDetails.sharedSecret);
    expectStep(
      await h.answer('strict', { kind: 'totpSetup', code, saveToAuthenticator: true }),
      'DONE',
    );
    expect(auth.saved).toEqual([
      { accountId: 'strict', username: 'mallory', issuer: 'Strict pool' },
    ]);
    await h.request({ type: 'signOut', accountId: 'strict', global: false });
    h.clock.advance(30_000);
    expectStep(
      await h.flow({
        type: 'startSignIn',
        accountId: 'strict',
        username: 'mallory',
        password: PASSWORD,
      }),
      'DONE',
    );
  });
});
