import { describe, expect, it } from 'vitest';
import type { StepAnswer } from '../platform/protocol';
import type { FlowEvent, ReduceContext } from './effects';
import type { FlowState, PendingChallenge } from './flow-state';
import { reduce, type Transition } from './machine';
import type { SignInStep, StepName } from './steps';

const NOW = 1_700_000_000_000;
const context: ReduceContext = { now: NOW, accountName: 'Demo pool' };
const pending = (challengeName: string): PendingChallenge => ({
  challengeName,
  session: `session-${challengeName}`,
  expiresAt: NOW + 60_000,
  username: 'uid-1',
});

const user = { username: 'alice', sub: 'sub-1' };
const steps: Record<string, { step: SignInStep; challenge?: string }> = {
  SIGN_IN: { step: { name: 'SIGN_IN' } },
  SIGN_UP: { step: { name: 'SIGN_UP' } },
  CONFIRM_SIGN_IN_WITH_SMS_CODE: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: {} },
    challenge: 'SMS_MFA',
  },
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    challenge: 'SOFTWARE_TOKEN_MFA',
  },
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: {} },
    challenge: 'EMAIL_OTP',
  },
  CONFIRM_SIGN_IN_WITH_PASSWORD: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' },
    challenge: 'SELECT_CHALLENGE',
  },
  CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION: {
    step: {
      name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'],
    },
    challenge: 'SELECT_CHALLENGE',
  },
  CONTINUE_SIGN_IN_WITH_MFA_SELECTION: {
    step: { name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] },
    challenge: 'SELECT_MFA_TYPE',
  },
  CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION: {
    step: { name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] },
    challenge: 'MFA_SETUP',
  },
  CONTINUE_SIGN_IN_WITH_TOTP_SETUP: {
    step: {
      name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
      totpSetupDetails: { sharedSecret: 'S', otpauthUri: 'otpauth://totp/x' },
    },
    challenge: 'MFA_SETUP',
  },
  CONTINUE_SIGN_IN_WITH_EMAIL_SETUP: {
    step: { name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' },
    challenge: 'MFA_SETUP',
  },
  CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: {
    step: {
      name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
      missingAttributes: ['name'],
      currentAttributes: {},
    },
    challenge: 'NEW_PASSWORD_REQUIRED',
  },
  CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', parameters: {} },
    challenge: 'CUSTOM_CHALLENGE',
  },
  RESET_PASSWORD_REQUEST: { step: { name: 'RESET_PASSWORD', phase: 'REQUEST' } },
  RESET_PASSWORD_CONFIRM: { step: { name: 'RESET_PASSWORD', phase: 'CONFIRM' } },
  CONFIRM_SIGN_UP: { step: { name: 'CONFIRM_SIGN_UP' } },
  CONFIRM_SIGN_IN_WITH_WEB_AUTHN: {
    step: { name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN', credentialRequestOptions: '{}' },
    challenge: 'WEB_AUTHN',
  },
  DONE: { step: { name: 'DONE', user, accessTokenExpiresAt: NOW + 3_600_000 } },
};

function stateFor(key: string): FlowState {
  const fixture = steps[key];
  if (!fixture) throw new Error(key);
  return {
    step: fixture.step,
    username: 'alice',
    ...(fixture.challenge !== undefined && { pending: pending(fixture.challenge) }),
    ...(key === 'CONTINUE_SIGN_IN_WITH_PASSWORD' && {}),
  };
}

const answers: Record<StepAnswer['kind'], StepAnswer> = {
  code: { kind: 'code', code: '123456' },
  selectMfa: { kind: 'selectMfa', mfa: 'TOTP' },
  selectMfaSetup: { kind: 'selectMfaSetup', mfa: 'TOTP' },
  selectFirstFactor: { kind: 'selectFirstFactor', factor: 'EMAIL_OTP' },
  password: { kind: 'password', password: 'Passw0rd!' },
  totpSetup: { kind: 'totpSetup', code: '123456' },
  emailSetup: { kind: 'emailSetup', email: 'm@example.com' },
  newPassword: { kind: 'newPassword', newPassword: 'N3wPassw0rd!', attributes: { name: 'Frank' } },
  customChallenge: { kind: 'customChallenge', answer: '4242' },
  resetRequest: { kind: 'resetRequest', username: 'alice' },
  resetConfirm: { kind: 'resetConfirm', code: '123456', newPassword: 'N3wPassw0rd!' },
  confirmSignUp: { kind: 'confirmSignUp', code: '123456' },
  webAuthnCredential: { kind: 'webAuthnCredential', credential: '{"id":"x"}' },
  webAuthnFailed: {
    kind: 'webAuthnFailed',
    code: 'PasskeyCancelled',
    message: 'The passkey request was cancelled or timed out.',
    recovery: 'Choose another way to sign in.',
  },
};

/** The one answer kind each step accepts, and what it leads to ("effect" or "→ STEP"). */
const accepted: Record<string, [StepAnswer['kind'], string] | undefined> = {
  SIGN_IN: undefined,
  SIGN_UP: undefined,
  CONFIRM_SIGN_IN_WITH_SMS_CODE: ['code', 'respond'],
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: ['code', 'respond'],
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: ['code', 'respond'],
  CONFIRM_SIGN_IN_WITH_PASSWORD: ['password', 'respond'],
  CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION: ['selectFirstFactor', 'respond'],
  CONTINUE_SIGN_IN_WITH_MFA_SELECTION: ['selectMfa', 'respond'],
  CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION: ['selectMfaSetup', 'associateTotp'],
  CONTINUE_SIGN_IN_WITH_TOTP_SETUP: ['totpSetup', 'verifyTotp'],
  CONTINUE_SIGN_IN_WITH_EMAIL_SETUP: ['emailSetup', 'respond'],
  CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: ['newPassword', 'respond'],
  CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE: ['customChallenge', 'respond'],
  RESET_PASSWORD_REQUEST: ['resetRequest', 'forgotPassword'],
  RESET_PASSWORD_CONFIRM: ['resetConfirm', 'confirmForgotPassword'],
  CONFIRM_SIGN_UP: ['confirmSignUp', 'confirmSignUp'],
  CONFIRM_SIGN_IN_WITH_WEB_AUTHN: ['webAuthnCredential', 'respond'],
  DONE: undefined,
};

/** The passkey step's second answer: a failed ceremony restarts USER_AUTH (first-factor fallback). */
const alsoAccepted: Record<string, [StepAnswer['kind'], string] | undefined> = {
  CONFIRM_SIGN_IN_WITH_WEB_AUTHN: ['webAuthnFailed', 'SIGN_IN|initiateAuth|PasskeyCancelled'],
};

function outcome(t: Transition): string {
  const effects = t.effects.map((e) => e.type).join(',');
  return [t.state.step.name, effects, t.state.error?.code ?? ''].join('|');
}

const stepKeys = Object.keys(steps);
const nameOf = (key: string): StepName => (steps[key] as { step: SignInStep }).step.name;

describe('reduce: every step × every answer kind', () => {
  const rows = stepKeys.flatMap((key) =>
    (Object.keys(answers) as StepAnswer['kind'][]).map((kind) => [key, kind] as const),
  );
  it.each(rows)('%s + answer %s', (key, kind) => {
    const before = stateFor(key);
    const t = reduce(before, { type: 'answer', answer: answers[kind] }, context);
    const accept = accepted[key];
    const second = alsoAccepted[key];
    if (second && second[0] === kind) {
      expect(outcome(t)).toBe(second[1]);
    } else if (accept && accept[0] === kind) {
      expect(outcome(t)).toBe(`${nameOf(key)}|${accept[1]}|`);
    } else {
      // Wrong input: same step, same data, no Cognito call, a clear error.
      expect(outcome(t)).toBe(`${nameOf(key)}||WrongInput`);
      expect(t.state.step).toEqual(before.step);
      expect(t.state.pending).toEqual(before.pending);
    }
  });
});

describe('reduce: every step × every other user event', () => {
  const userEvents: Record<string, FlowEvent> = {
    start: { type: 'start', username: 'bob', password: 'Passw0rd!', authFlow: 'USER_SRP_AUTH' },
    resend: { type: 'resend' },
    restart: { type: 'restart' },
    showSignUp: { type: 'showSignUp' },
    showResetPassword: { type: 'showResetPassword' },
    signUp: {
      type: 'signUp',
      username: 'zoe',
      password: 'Passw0rd!',
      attributes: { email: 'z@example.com' },
    },
    signedOut: { type: 'signedOut' },
  };
  const expected = (key: string, event: string): string => {
    const done = key === 'DONE';
    const here = nameOf(key);
    switch (event) {
      case 'start':
        return done ? 'DONE||WrongInput' : 'SIGN_IN|initiateAuth|';
      case 'resend':
        if (key === 'CONFIRM_SIGN_UP') return 'CONFIRM_SIGN_UP|resendSignUpCode|';
        if (key === 'RESET_PASSWORD_CONFIRM') return 'RESET_PASSWORD|forgotPassword|';
        return `${here}||WrongInput`;
      case 'restart':
        return done ? 'DONE||' : 'SIGN_IN||';
      case 'showSignUp':
        return done ? 'DONE||WrongInput' : 'SIGN_UP||';
      case 'showResetPassword':
        return done ? 'DONE||WrongInput' : 'RESET_PASSWORD||';
      case 'signUp':
        return key === 'SIGN_UP' ? 'SIGN_UP|signUp|' : `${here}||WrongInput`;
      default:
        return 'SIGN_IN||';
    }
  };
  const rows = stepKeys.flatMap((key) =>
    Object.keys(userEvents).map((event) => [key, event] as const),
  );
  it.each(rows)('%s + %s', (key, event) => {
    const t = reduce(stateFor(key), userEvents[event] as FlowEvent, context);
    expect(outcome(t)).toBe(expected(key, event));
    if (event === 'restart' || event === 'signedOut' || event === 'showSignUp') {
      expect(t.state.username).toBe('alice');
    }
  });
});

describe('reduce: every step × every runner result', () => {
  const results: Record<string, [FlowEvent, string]> = {
    challenge: [
      {
        type: 'authResult',
        result: {
          kind: 'challenge',
          challengeName: 'SMS_MFA',
          parameters: { USER_ID_FOR_SRP: 'uid-9' },
          session: 's2',
        },
      },
      'CONFIRM_SIGN_IN_WITH_SMS_CODE||',
    ],
    unknownChallenge: [
      {
        type: 'authResult',
        result: { kind: 'challenge', challengeName: 'MAGIC', parameters: {}, session: 's2' },
      },
      'SIGN_IN||UnsupportedChallenge',
    ],
    tokens: [
      {
        type: 'authResult',
        result: {
          kind: 'tokens',
          tokens: { accessToken: 'a', idToken: 'i', expiresInSeconds: 3600 },
        },
      },
      '*|completeSignIn|',
    ],
    totpAssociated: [
      { type: 'totpAssociated', secretCode: 'SECRET', session: 's3' },
      'CONTINUE_SIGN_IN_WITH_TOTP_SETUP||',
    ],
    signedIn: [{ type: 'signedIn', user, accessTokenExpiresAt: NOW + 1000 }, 'DONE||'],
    resetCodeSent: [{ type: 'codeSent', purpose: 'reset' }, 'RESET_PASSWORD||'],
    signUpCodeSent: [{ type: 'codeSent', purpose: 'signUp' }, 'CONFIRM_SIGN_UP||'],
    confirmedNoSession: [{ type: 'signUpConfirmed' }, 'SIGN_IN||'],
    confirmedWithSession: [{ type: 'signUpConfirmed', session: 'su' }, '*|initiateAuth|'],
    passwordReset: [{ type: 'passwordReset' }, 'SIGN_IN||'],
    codeMismatch: [
      {
        type: 'failed',
        effect: 'respond',
        error: { code: 'CodeMismatchException', message: 'm', recovery: 'r' },
      },
      '*||CodeMismatchException',
    ],
  };
  const rows = stepKeys.flatMap((key) => Object.keys(results).map((r) => [key, r] as const));
  it.each(rows)('%s + %s', (key, name) => {
    const [event, want] = results[name] as [FlowEvent, string];
    const got = outcome(reduce(stateFor(key), event, context));
    expect(got).toBe(want.replace('*', nameOf(key)));
  });
});

describe('reduce: specific transitions', () => {
  it('never keeps a password in the state', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' } },
      { type: 'start', username: 'alice', password: 'Sup3rSecret!', authFlow: 'USER_SRP_AUTH' },
      context,
    );
    expect(JSON.stringify(t.state)).not.toContain('Sup3rSecret!');
    expect(t.effects).toEqual([
      {
        type: 'initiateAuth',
        authFlow: 'USER_SRP_AUTH',
        username: 'alice',
        password: 'Sup3rSecret!',
      },
    ]);
  });

  it.each(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP'] as const)(
    '%s without a password asks for it',
    (authFlow) => {
      const t = reduce(
        { step: { name: 'SIGN_IN' } },
        { type: 'start', username: 'alice', authFlow },
        context,
      );
      expect(outcome(t)).toBe('SIGN_IN||PasswordRequired');
    },
  );

  it('CUSTOM_AUTH and USER_AUTH start without a password; preferred challenge passes through', () => {
    expect(
      reduce(
        { step: { name: 'SIGN_IN' } },
        { type: 'start', username: 'ivan', authFlow: 'CUSTOM_AUTH' },
        context,
      ).effects,
    ).toEqual([{ type: 'initiateAuth', authFlow: 'CUSTOM_AUTH', username: 'ivan' }]);
    expect(
      reduce(
        { step: { name: 'SIGN_IN' } },
        { type: 'start', username: 'judy', authFlow: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
        context,
      ).effects,
    ).toEqual([
      {
        type: 'initiateAuth',
        authFlow: 'USER_AUTH',
        username: 'judy',
        preferredChallenge: 'EMAIL_OTP',
      },
    ]);
  });

  it('keeps USER_ID_FOR_SRP as the username for answers and the Session expiry', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' }, username: 'bob@example.com' },
      {
        type: 'authResult',
        result: {
          kind: 'challenge',
          challengeName: 'SOFTWARE_TOKEN_MFA',
          parameters: { USER_ID_FOR_SRP: 'bob' },
          session: 'S',
        },
      },
      context,
    );
    expect(t.state.pending).toEqual({
      challengeName: 'SOFTWARE_TOKEN_MFA',
      session: 'S',
      expiresAt: NOW + 180_000,
      username: 'bob',
    });
    const answered = reduce(t.state, { type: 'answer', answer: answers.code }, context);
    expect(answered.effects).toEqual([
      {
        type: 'respond',
        session: 'S',
        challengeName: 'SOFTWARE_TOKEN_MFA',
        responses: { USERNAME: 'bob', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      },
    ]);
  });

  it('refuses an answer after the Session expired, without calling Cognito', () => {
    const t = reduce(
      stateFor('CONFIRM_SIGN_IN_WITH_TOTP_CODE'),
      { type: 'answer', answer: answers.code },
      { ...context, now: NOW + 60_000 },
    );
    expect(outcome(t)).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE||SessionExpired');
  });

  it('choosing PASSWORD or PASSWORD_SRP at first-factor selection is local', () => {
    for (const factor of ['PASSWORD', 'PASSWORD_SRP'] as const) {
      const t = reduce(
        stateFor('CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'),
        { type: 'answer', answer: { kind: 'selectFirstFactor', factor } },
        context,
      );
      expect(outcome(t)).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD||');
      expect(t.state.pending?.chosenFactor).toBe(factor);
      const answered = reduce(t.state, { type: 'answer', answer: answers.password }, context);
      expect(answered.effects[0]).toMatchObject({
        type: 'respond',
        challengeName: 'SELECT_CHALLENGE',
        responses: { ANSWER: factor },
      });
    }
  });

  it('choosing EMAIL at MFA setup selection shows the email setup step', () => {
    const t = reduce(
      stateFor('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'),
      { type: 'answer', answer: { kind: 'selectMfaSetup', mfa: 'EMAIL' } },
      context,
    );
    expect(outcome(t)).toBe('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP||');
  });

  it('MFA_SETUP with TOTP only associates a software token, then shows the otpauth URI with the account name', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' }, username: 'mallory' },
      {
        type: 'authResult',
        result: {
          kind: 'challenge',
          challengeName: 'MFA_SETUP',
          parameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'mallory' },
          session: 'S1',
        },
      },
      context,
    );
    expect(t.effects).toEqual([{ type: 'associateTotp', session: 'S1' }]);
    const shown = reduce(
      t.state,
      { type: 'totpAssociated', secretCode: 'ABC', session: 'S2' },
      context,
    );
    expect(shown.state.step).toMatchObject({ totpSetupDetails: { sharedSecret: 'ABC' } });
    expect(JSON.stringify(shown.state.step)).toContain(
      'otpauth://totp/Demo%20pool:mallory?secret=ABC',
    );
    expect(shown.state.pending?.session).toBe('S2');
    const verify = reduce(
      shown.state,
      { type: 'answer', answer: { kind: 'totpSetup', code: '123456', deviceName: 'Laptop' } },
      context,
    );
    expect(verify.effects).toEqual([
      {
        type: 'verifyTotp',
        session: 'S2',
        code: '123456',
        username: 'mallory',
        friendlyDeviceName: 'Laptop',
      },
    ]);
  });

  it('PasswordResetRequired at sign-in sends a code and shows RESET_PASSWORD (CONFIRM)', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' }, username: 'heidi' },
      {
        type: 'failed',
        effect: 'initiateAuth',
        error: { code: 'PasswordResetRequiredException', message: 'm', recovery: 'r' },
      },
      context,
    );
    expect(outcome(t)).toBe('RESET_PASSWORD|forgotPassword|');
    expect(t.state.step).toEqual({ name: 'RESET_PASSWORD', phase: 'CONFIRM' });
  });

  it('UserNotConfirmed at sign-in resends the code and shows CONFIRM_SIGN_UP', () => {
    const t = reduce(
      { step: { name: 'SIGN_IN' }, username: 'grace' },
      {
        type: 'failed',
        effect: 'initiateAuth',
        error: { code: 'UserNotConfirmedException', message: 'm', recovery: 'r' },
      },
      context,
    );
    expect(outcome(t)).toBe('CONFIRM_SIGN_UP|resendSignUpCode|');
  });

  it('NotAuthorized on an answer (failAuthentication, spent Session) restarts with the username kept', () => {
    const t = reduce(
      stateFor('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'),
      {
        type: 'failed',
        effect: 'respond',
        error: { code: 'NotAuthorizedException', message: 'm', recovery: 'r' },
      },
      context,
    );
    expect(outcome(t)).toBe('SIGN_IN||NotAuthorizedException');
    expect(t.state.username).toBe('alice');
    expect(t.state.pending).toBeUndefined();
  });

  it('sign-up keeps its Session for the automatic sign-in after confirmation', () => {
    const signedUp = reduce(
      { step: { name: 'SIGN_UP' }, username: 'zoe' },
      {
        type: 'codeSent',
        purpose: 'signUp',
        session: 'SU1',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL' },
      },
      context,
    );
    expect(signedUp.state.signUpSession).toEqual({ session: 'SU1', expiresAt: NOW + 180_000 });
    const confirm = reduce(
      signedUp.state,
      { type: 'answer', answer: answers.confirmSignUp },
      context,
    );
    expect(confirm.effects).toEqual([
      { type: 'confirmSignUp', username: 'zoe', code: '123456', session: 'SU1' },
    ]);
    const auto = reduce(confirm.state, { type: 'signUpConfirmed', session: 'SU2' }, context);
    expect(auto.effects).toEqual([
      { type: 'initiateAuth', authFlow: 'USER_AUTH', username: 'zoe', session: 'SU2' },
    ]);
    const fallback = reduce(
      auto.state,
      {
        type: 'failed',
        effect: 'initiateAuth',
        autoSignIn: true,
        error: { code: 'NotAuthorizedException', message: 'm', recovery: 'r' },
      },
      context,
    );
    expect(outcome(fallback)).toBe('SIGN_IN||');
    expect(fallback.state.notice).toMatch(/confirmed/);
    expect(fallback.state.username).toBe('zoe');
  });

  it('a pool that confirms at sign-up goes straight to the automatic sign-in', () => {
    const t = reduce(
      { step: { name: 'SIGN_UP' }, username: 'zoe' },
      { type: 'codeSent', purpose: 'signUp', userConfirmed: true, session: 'SU1' },
      context,
    );
    expect(t.effects).toEqual([
      { type: 'initiateAuth', authFlow: 'USER_AUTH', username: 'zoe', session: 'SU1' },
    ]);
  });

  it('a successful reset returns to SIGN_IN with a notice', () => {
    const t = reduce(stateFor('RESET_PASSWORD_CONFIRM'), { type: 'passwordReset' }, context);
    expect(t.state.step).toEqual({ name: 'SIGN_IN' });
    expect(t.state.username).toBe('alice');
    expect(t.state.notice).toMatch(/password was changed/);
  });
});
