/**
 * A flaky or hostile backend during sign-in: the pool unreachable, HTTP 500, throttling, a
 * 10-second stall, a cut-off answer. Promises: the person gets a clear error with what to do,
 * the step and its Session are kept, RespondToAuthChallenge is sent exactly once (Sessions are
 * single-use), InitiateAuth is repeated with backoff only where that is safe, and everything
 * works again once the pool is back. Counts come from the pool itself (`/_local/faults`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../local-pool/faults';
import type { FlowView } from '../../src/signin/steps';
import { ACCOUNT, PASSWORD, startFaultHarness, type FaultHarness } from './fault-harness';

let h: FaultHarness;
beforeEach(async () => {
  h = await startFaultHarness();
});
afterEach(async () => {
  await h.close();
});

async function flow(request: Parameters<FaultHarness['state']>[0]): Promise<FlowView> {
  const state = await h.state(request);
  if (!state.flow) throw new Error('no flow');
  return state.flow;
}
const start = (username: string) =>
  flow({ type: 'startSignIn', accountId: ACCOUNT, username, password: PASSWORD });
const answerCode = (code: string) =>
  flow({ type: 'answer', accountId: ACCOUNT, answer: { kind: 'code', code } });

function expectClearError(view: FlowView, code: string) {
  expect(view.error?.code).toBe(code);
  expect(view.error?.message.length).toBeGreaterThan(10);
  expect(view.error?.recovery.length).toBeGreaterThan(10);
  // Nothing raw from the wire: no stack, no "Deserialization", no injected-fault text.
  const shown = `${view.error?.message ?? ''} ${view.error?.recovery ?? ''}`;
  expect(shown).not.toMatch(/Injected fault|Deserialization|\.ts:|[{}]/);
}

describe('InitiateAuth (safe to repeat: a new attempt, no Session spent)', () => {
  it.each<[FaultKind, number]>([
    ['throttle', 2],
    ['http500', 2],
    ['drop', 2],
  ])('%s ×%i: repeated with backoff, signs in, 3 requests', async (kind, times) => {
    await h.faults([{ operation: 'InitiateAuth', kind, times }]);
    const view = await start('alice');
    expect(view.step.name).toBe('DONE');
    const report = await h.report();
    expect(report.calls.InitiateAuth).toBe(3);
    expect(report.injected).toHaveLength(times);
  });

  it.each<[FaultKind, string]>([
    ['throttle', 'TooManyRequestsException'],
    ['http500', 'InternalErrorException'],
    ['drop', 'NetworkError'],
  ])(
    '%s every time: gives up after 3 requests with %s, keeps the username, recovers',
    async (kind, code) => {
      await h.faults([{ operation: 'InitiateAuth', kind }]);
      const failed = await start('alice');
      expect(failed.step.name).toBe('SIGN_IN');
      expect(failed.username).toBe('alice');
      expectClearError(failed, code);
      expect((await h.report()).calls.InitiateAuth).toBe(3);

      await h.faults([]);
      expect((await start('alice')).step.name).toBe('DONE');
    },
  );

  it('pool unreachable (connection refused): a clear error, then signs in once it is back', async () => {
    await h.relay.down();
    const started = Date.now();
    const failed = await start('alice');
    expectClearError(failed, 'NetworkError');
    expect(failed.error?.message).toBe('Cognito could not be reached.');
    expect(failed.step.name).toBe('SIGN_IN');
    expect(Date.now() - started).toBeLessThan(5_000);
    await h.relay.up();
    expect((await start('alice')).step.name).toBe('DONE');
  });

  it('a cut-off answer: MalformedResponse, not repeated, then signs in', async () => {
    await h.faults([{ operation: 'InitiateAuth', kind: 'truncated', times: 1 }]);
    const failed = await start('alice');
    expectClearError(failed, 'MalformedResponse');
    expect((await h.report()).calls.InitiateAuth).toBe(1);
    expect((await start('alice')).step.name).toBe('DONE');
  });

  it('a 10 s stall: RequestTimeout after the 8 s deadline, not repeated, then signs in', async () => {
    await h.faults([{ operation: 'InitiateAuth', kind: 'delay', delayMs: 10_000, times: 1 }]);
    const started = Date.now();
    const failed = await start('alice');
    const waited = Date.now() - started;
    expectClearError(failed, 'RequestTimeout');
    expect(failed.error?.message).toBe('Cognito did not answer within 8 seconds.');
    expect(waited).toBeGreaterThanOrEqual(7_900);
    expect(waited).toBeLessThan(9_900);
    expect((await h.report()).calls.InitiateAuth).toBe(1);
    expect((await start('alice')).step.name).toBe('DONE');
  }, 30_000);
});

describe('RespondToAuthChallenge (never repeated: the Session is single-use)', () => {
  /** carol up to her SMS step; returns what the popup shows there. */
  async function atSmsStep(): Promise<FlowView> {
    const shown = await start('carol');
    expect(shown.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    return shown;
  }

  it.each<[FaultKind, string]>([
    ['throttle', 'TooManyRequestsException'],
    ['http500', 'InternalErrorException'],
    ['drop', 'NetworkError'],
  ])(
    '%s on the code: %s, sent once, step and Session kept; the same code then signs in',
    async (kind, code) => {
      const shown = await atSmsStep();
      await h.faults([{ operation: 'RespondToAuthChallenge', kind, times: 1 }]);
      const failed = await answerCode(h.latestCode('carol'));
      expectClearError(failed, code);
      expect(failed.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
      expect(failed.sessionExpiresAt).toBe(shown.sessionExpiresAt);
      expect((await h.report()).calls.RespondToAuthChallenge).toBe(1);
      // A worker stop in between changes nothing: the step and Session are in storage.
      h.restartWorker();
      const again = await flow({ type: 'getState' });
      expect(again.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
      const done = await answerCode(h.latestCode('carol'));
      expect(done.step.name).toBe('DONE');
      expect((await h.report()).calls.RespondToAuthChallenge).toBe(2);
    },
  );

  it('a cut-off answer to the code: MalformedResponse, sent once; the spent Session says "start again", and starting again works', async () => {
    await atSmsStep();
    await h.faults([{ operation: 'RespondToAuthChallenge', kind: 'truncated', times: 1 }]);
    const failed = await answerCode(h.latestCode('carol'));
    expectClearError(failed, 'MalformedResponse');
    expect(failed.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect((await h.report()).calls.RespondToAuthChallenge).toBe(1);
    // Cognito did take the code: the Session is spent. Re-sending says so plainly.
    const spent = await answerCode(h.latestCode('carol'));
    expect(spent.error?.message).toBe('This sign-in attempt has expired.');
    expect(spent.username).toBe('carol');
    await atSmsStep();
    expect((await answerCode(h.latestCode('carol'))).step.name).toBe('DONE');
  });

  it('a 10 s stall on the code: RequestTimeout after 8 s, sent once, step kept', async () => {
    const shown = await atSmsStep();
    await h.faults([
      { operation: 'RespondToAuthChallenge', kind: 'delay', delayMs: 10_000, times: 1 },
    ]);
    const started = Date.now();
    const failed = await answerCode(h.latestCode('carol'));
    expect(Date.now() - started).toBeLessThan(9_900);
    expectClearError(failed, 'RequestTimeout');
    expect(failed.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    expect(failed.sessionExpiresAt).toBe(shown.sessionExpiresAt);
    expect((await h.report()).calls.RespondToAuthChallenge).toBe(1);
  }, 30_000);

  it('the pool unreachable at the code step: NetworkError, nothing sent, then the same code signs in', async () => {
    await atSmsStep();
    await h.relay.down();
    const failed = await answerCode(h.latestCode('carol'));
    expectClearError(failed, 'NetworkError');
    expect(failed.step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    await h.relay.up();
    expect((await answerCode(h.latestCode('carol'))).step.name).toBe('DONE');
    expect((await h.report()).calls.RespondToAuthChallenge).toBe(2); // PASSWORD_VERIFIER + code
  });

  it('PASSWORD_VERIFIER (inside the SRP start) is not repeated either', async () => {
    await h.faults([{ operation: 'RespondToAuthChallenge', kind: 'http500' }]);
    const failed = await start('alice');
    expectClearError(failed, 'InternalErrorException');
    const report = await h.report();
    expect(report.calls.InitiateAuth).toBe(1);
    expect(report.calls.RespondToAuthChallenge).toBe(1);
  });
});
