import { describe, expect, it } from 'vitest';
import type { ReduceContext } from './effects';
import type { FlowState } from './flow-state';
import { reduce } from './machine';

const NOW = 1_700_000_000_000;
const context: ReduceContext = { now: NOW, accountName: 'Demo pool' };
const OPTIONS = '{"challenge":"abc","allowCredentials":[]}';

describe('USER_AUTH with a passkey (WEB_AUTHN)', () => {
  it('preferred WEB_AUTHN needs no password and asks Cognito for it', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' } },
      { type: 'start', username: 'alice', authFlow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
      context,
    );
    expect(t.effects).toEqual([
      {
        type: 'initiateAuth',
        authFlow: 'USER_AUTH',
        username: 'alice',
        preferredChallenge: 'WEB_AUTHN',
      },
    ]);
  });

  const atPasskey = reduce(
    { step: { name: 'SIGN_IN' }, username: 'alice', authFlow: 'USER_AUTH' },
    {
      type: 'authResult',
      result: {
        kind: 'challenge',
        challengeName: 'WEB_AUTHN',
        parameters: { USERNAME: 'alice', CREDENTIAL_REQUEST_OPTIONS: OPTIONS },
        session: 'S-WEB',
      },
    },
    context,
  ).state;

  it('the WEB_AUTHN challenge becomes the passkey step, and the assertion is the CREDENTIAL', () => {
    expect(atPasskey.step).toEqual({
      name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN',
      credentialRequestOptions: OPTIONS,
    });
    const t = reduce(
      atPasskey,
      { type: 'answer', answer: { kind: 'webAuthnCredential', credential: '{"id":"c"}' } },
      context,
    );
    expect(t.effects).toEqual([
      {
        type: 'respond',
        session: 'S-WEB',
        challengeName: 'WEB_AUTHN',
        responses: { USERNAME: 'alice', CREDENTIAL: '{"id":"c"}' },
      },
    ]);
  });

  it('a cancelled ceremony restarts USER_AUTH without a preference and keeps the reason on the selection', () => {
    const cancelled = reduce(
      atPasskey,
      {
        type: 'answer',
        answer: {
          kind: 'webAuthnFailed',
          code: 'PasskeyCancelled',
          message: 'The passkey request was cancelled or timed out.',
          recovery: 'Choose another way to sign in.',
        },
      },
      context,
    );
    expect(cancelled.effects).toEqual([
      { type: 'initiateAuth', authFlow: 'USER_AUTH', username: 'alice' },
    ]);
    expect(cancelled.state.pending).toBeUndefined();
    const selection = reduce(
      cancelled.state,
      {
        type: 'authResult',
        result: {
          kind: 'challenge',
          challengeName: 'SELECT_CHALLENGE',
          parameters: {},
          session: 'S-SEL',
          availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
        },
      },
      context,
    ).state;
    expect(selection.step).toEqual({
      name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
    });
    expect(selection.error?.code).toBe('PasskeyCancelled');

    // Choosing the passkey again from the selection answers SELECT_CHALLENGE with WEB_AUTHN.
    const again = reduce(
      selection,
      { type: 'answer', answer: { kind: 'selectFirstFactor', factor: 'WEB_AUTHN' } },
      context,
    );
    expect(again.effects).toEqual([
      {
        type: 'respond',
        session: 'S-SEL',
        challengeName: 'SELECT_CHALLENGE',
        responses: { USERNAME: 'alice', ANSWER: 'WEB_AUTHN' },
      },
    ]);
    expect(again.state.error).toBeUndefined();
  });

  it('other errors do not linger on a selection', () => {
    const state: FlowState = {
      step: { name: 'SIGN_IN' },
      username: 'alice',
      error: { code: 'NotAuthorizedException', message: 'm', recovery: 'r' },
    };
    const t = reduce(
      state,
      {
        type: 'authResult',
        result: {
          kind: 'challenge',
          challengeName: 'SELECT_CHALLENGE',
          parameters: {},
          session: 'S',
          availableChallenges: ['PASSWORD'],
        },
      },
      context,
    );
    expect(t.state.error).toBeUndefined();
  });
});
