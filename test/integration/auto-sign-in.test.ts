/**
 * Sign-up → CONFIRM_SIGN_UP → DONE without typing the password again: the background passes the
 * SignUp Session to ConfirmSignUp and signs in with InitiateAuth USER_AUTH + the Session that
 * ConfirmSignUp returns, as Cognito allows for app clients with ALLOW_USER_AUTH.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CognitoGateway } from '../../src/cognito/gateway';
import { expectStep, PASSWORD, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const A = 'demo-public';
type InitiateInput = Parameters<CognitoGateway['initiateAuth']>[0];

/** Records every InitiateAuth input; `tamper` may change a Session before it is sent. */
function recordingInitiate(seen: InitiateInput[], tamper?: (session: string) => string) {
  return (gateway: CognitoGateway): CognitoGateway =>
    new Proxy(gateway, {
      get(target, prop, receiver) {
        if (prop !== 'initiateAuth') return Reflect.get(target, prop, receiver) as unknown;
        return (input: InitiateInput) => {
          seen.push(input);
          const session =
            input.session !== undefined && tamper ? tamper(input.session) : input.session;
          return target.initiateAuth({ ...input, ...(session !== undefined && { session }) });
        };
      },
    });
}

async function signUpZoe() {
  expectStep(await h.flow({ type: 'showSignUp', accountId: A }), 'SIGN_UP');
  const signedUp = await h.flow({
    type: 'signUp',
    accountId: A,
    username: 'zoe',
    password: PASSWORD,
    attributes: { email: 'zoe@example.com', name: 'Zoe' },
  });
  expectStep(signedUp, 'CONFIRM_SIGN_UP');
  return signedUp;
}

describe('auto sign-in after confirming a sign-up', () => {
  it('the right code signs in at once: USER_AUTH with the ConfirmSignUp Session, no password', async () => {
    const seen: InitiateInput[] = [];
    h = await startHarness({ wrapGateway: recordingInitiate(seen) });
    await signUpZoe();
    const done = await h.answer(A, { kind: 'confirmSignUp', code: h.latestCode('zoe') });
    expectStep(done, 'DONE');
    expect(done.step.name === 'DONE' && done.step.user).toMatchObject({
      username: 'zoe',
      email: 'zoe@example.com',
    });
    // Then the new device is confirmed (the demo pool tracks devices); no challenge is answered.
    expect(h.gatewayCalls).toEqual([
      'signUp',
      'confirmSignUp',
      'initiateAuth',
      'confirmDevice',
      'updateDeviceStatus',
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authFlow: 'USER_AUTH', parameters: { USERNAME: 'zoe' } });
    expect(Object.keys(seen[0]?.parameters ?? {})).toEqual(['USERNAME']);
    expect(typeof seen[0]?.session).toBe('string');
    expect(h.tokenChanges).toContain(A);
  });

  it('a wrong code first: same step with an error, then the right code still signs in', async () => {
    h = await startHarness();
    await signUpZoe();
    const code = h.latestCode('zoe');
    const wrongCode = `${String((Number(code[0]) + 1) % 10)}${code.slice(1)}`;
    const wrong = await h.answer(A, { kind: 'confirmSignUp', code: wrongCode });
    expect(wrong.step.name).toBe('CONFIRM_SIGN_UP');
    expect(wrong.error?.code).toBe('CodeMismatchException');
    expectStep(await h.answer(A, { kind: 'confirmSignUp', code }), 'DONE');
  });

  it('after the SignUp Session expired (slow email), ConfirmSignUp still gives a Session', async () => {
    h = await startHarness();
    await signUpZoe();
    h.clock.advance(10 * 60_000);
    expectStep(await h.answer(A, { kind: 'confirmSignUp', code: h.latestCode('zoe') }), 'DONE');
  });

  it('a refused auto sign-in falls back to SIGN_IN with the "confirmed" notice', async () => {
    h = await startHarness({ wrapGateway: recordingInitiate([], (session) => `${session}x`) });
    await signUpZoe();
    const confirmed = await h.answer(A, { kind: 'confirmSignUp', code: h.latestCode('zoe') });
    expectStep(confirmed, 'SIGN_IN');
    expect(confirmed.username).toBe('zoe');
    expect(confirmed.notice).toMatch(/confirmed/);
    expect(confirmed.error).toBeUndefined();
    expectStep(
      await h.flow({ type: 'startSignIn', accountId: A, username: 'zoe', password: PASSWORD }),
      'DONE',
    );
  });
});
