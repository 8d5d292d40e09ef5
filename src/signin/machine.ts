/**
 * The sign-in machine: `(state, event, context) → { state, effects }`. Pure: no I/O, no clock
 * of its own (the time comes in the context), effects are data the runner performs.
 */
import { localErrors } from '../cognito/auth-error';
import type { AuthFlow, StepAnswer } from '../platform/protocol';
import { answerToResponses } from './answer-to-responses';
import { challengeToStep, totpSetupStep } from './challenge-to-step';
import type { Effect, FlowEvent, ReduceContext, ResultEvent, UserEvent } from './effects';
import { DEFAULT_SESSION_VALIDITY_MS, initialFlowState, type FlowState } from './flow-state';
import type { AuthErrorView, SignInStep } from './steps';

export interface Transition {
  state: FlowState;
  effects: Effect[];
}

const NOTICE_CONFIRMED = 'Your account is confirmed. Sign in with your password.';
const NOTICE_PASSWORD_RESET = 'Your password was changed. Sign in with the new password.';

export function reduce(state: FlowState, event: FlowEvent, context: ReduceContext): Transition {
  switch (event.type) {
    case 'start':
    case 'answer':
    case 'resend':
    case 'restart':
    case 'showSignUp':
    case 'showResetPassword':
    case 'signUp':
    case 'signedOut':
      return reduceUserEvent(state, event, context);
    default:
      return reduceResult(state, event, context);
  }
}

function reduceUserEvent(state: FlowState, event: UserEvent, context: ReduceContext): Transition {
  const done = state.step.name === 'DONE';
  switch (event.type) {
    case 'signedOut':
      return stay(signIn(state.username));
    case 'restart':
      return done ? stay(state) : stay(signIn(state.username));
    case 'start':
      if (done) return wrongInput(state);
      return start(state, event);
    case 'showSignUp':
      if (done) return wrongInput(state);
      return stay(withUsername({ step: { name: 'SIGN_UP' } }, state.username));
    case 'showResetPassword': {
      if (done) return wrongInput(state);
      const username =
        event.username !== undefined && event.username !== '' ? event.username : state.username;
      return stay(withUsername({ step: { name: 'RESET_PASSWORD', phase: 'REQUEST' } }, username));
    }
    case 'signUp':
      if (state.step.name !== 'SIGN_UP') return wrongInput(state);
      return {
        state: { step: state.step, username: event.username },
        effects: [
          {
            type: 'signUp',
            username: event.username,
            password: event.password,
            attributes: event.attributes,
          },
        ],
      };
    case 'resend':
      return resend(state);
    case 'answer':
      return answer(state, event.answer, context);
  }
}

function start(state: FlowState, event: Extract<UserEvent, { type: 'start' }>): Transition {
  const needsPassword =
    event.authFlow === 'USER_SRP_AUTH' ||
    event.authFlow === 'USER_PASSWORD_AUTH' ||
    event.authFlow === 'CUSTOM_WITH_SRP' ||
    (event.authFlow === 'USER_AUTH' &&
      (event.preferredChallenge === 'PASSWORD' || event.preferredChallenge === 'PASSWORD_SRP'));
  const base: FlowState = {
    step: { name: 'SIGN_IN' },
    username: event.username,
    authFlow: event.authFlow,
  };
  if (needsPassword && event.password === undefined) {
    return stay({ ...base, error: localErrors.passwordRequired().toView() });
  }
  const usesPassword =
    needsPassword || (event.authFlow === 'USER_AUTH' && event.password !== undefined);
  return {
    state: base,
    effects: [
      {
        type: 'initiateAuth',
        authFlow: event.authFlow,
        username: event.username,
        ...(usesPassword && event.password !== undefined && { password: event.password }),
        ...(event.authFlow === 'USER_AUTH' &&
          event.preferredChallenge !== undefined && {
            preferredChallenge: event.preferredChallenge,
          }),
      },
    ],
  };
}

function resend(state: FlowState): Transition {
  const username = state.username;
  if (username === undefined) return wrongInput(state);
  const clean = withoutMessages(state);
  if (state.step.name === 'CONFIRM_SIGN_UP') {
    return { state: clean, effects: [{ type: 'resendSignUpCode', username }] };
  }
  if (state.step.name === 'RESET_PASSWORD' && state.step.phase === 'CONFIRM') {
    return { state: clean, effects: [{ type: 'forgotPassword', username }] };
  }
  return wrongInput(state);
}

function answer(state: FlowState, given: StepAnswer, context: ReduceContext): Transition {
  const { step } = state;
  const clean = withoutMessages(state);

  // Answers that never need a challenge Session.
  switch (step.name) {
    case 'RESET_PASSWORD':
      if (step.phase === 'REQUEST' && given.kind === 'resetRequest') {
        return {
          state: { ...clean, username: given.username },
          effects: [{ type: 'forgotPassword', username: given.username }],
        };
      }
      if (
        step.phase === 'CONFIRM' &&
        given.kind === 'resetConfirm' &&
        state.username !== undefined
      ) {
        return {
          state: clean,
          effects: [
            {
              type: 'confirmForgotPassword',
              username: state.username,
              code: given.code,
              newPassword: given.newPassword,
            },
          ],
        };
      }
      return wrongInput(state);
    case 'CONFIRM_SIGN_UP':
      if (given.kind !== 'confirmSignUp' || state.username === undefined) return wrongInput(state);
      return {
        state: clean,
        effects: [
          {
            type: 'confirmSignUp',
            username: state.username,
            code: given.code,
            ...(state.signUpSession &&
              state.signUpSession.expiresAt > context.now && {
                session: state.signUpSession.session,
              }),
          },
        ],
      };
    case 'SIGN_IN':
    case 'SIGN_UP':
    case 'DONE':
      return wrongInput(state);
    default:
      break;
  }

  const pending = state.pending;
  if (!pending) return wrongInput(state);

  if (step.name === 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN' && given.kind === 'webAuthnFailed') {
    return passkeyFallback(state, given);
  }

  // Local choices first: they change the step without spending the Session.
  if (
    step.name === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' &&
    given.kind === 'selectFirstFactor'
  ) {
    if (
      (given.factor === 'PASSWORD' || given.factor === 'PASSWORD_SRP') &&
      step.availableChallenges.includes(given.factor)
    ) {
      return stay({
        ...clean,
        step: { name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' },
        pending: { ...pending, chosenFactor: given.factor },
      });
    }
  }
  if (step.name === 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION') {
    if (given.kind !== 'selectMfaSetup' || !step.allowedMFATypes.includes(given.mfa)) {
      return wrongInput(state);
    }
    if (given.mfa === 'EMAIL')
      return stay({ ...clean, step: { name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } });
    if (context.now >= pending.expiresAt) return expired(state);
    return { state: clean, effects: [{ type: 'associateTotp', session: pending.session }] };
  }

  if (step.name === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') {
    if (given.kind !== 'totpSetup') return wrongInput(state);
    if (context.now >= pending.expiresAt) return expired(state);
    return {
      state: clean,
      effects: [
        {
          type: 'verifyTotp',
          session: pending.session,
          code: given.code,
          username: pending.username,
          ...(given.deviceName !== undefined &&
            given.deviceName !== '' && { friendlyDeviceName: given.deviceName }),
        },
      ],
    };
  }

  const mapped = answerToResponses(
    {
      step,
      challengeName: pending.challengeName,
      username: pending.username,
      chosenFactor: pending.chosenFactor,
    },
    given,
  );
  if (!mapped) return wrongInput(state);
  if (context.now >= pending.expiresAt) return expired(state);
  return { state: clean, effects: [{ type: 'respond', session: pending.session, ...mapped }] };
}

function reduceResult(state: FlowState, event: ResultEvent, context: ReduceContext): Transition {
  const validity = context.sessionValidityMs ?? DEFAULT_SESSION_VALIDITY_MS;
  switch (event.type) {
    case 'authResult': {
      const { result } = event;
      if (result.kind === 'tokens') {
        return {
          state: withoutMessages(state),
          effects: [{ type: 'completeSignIn', tokens: result.tokens }],
        };
      }
      const mapping = challengeToStep(result);
      const answerUsername =
        result.parameters.USER_ID_FOR_SRP ??
        result.parameters.USERNAME ??
        state.pending?.username ??
        state.username ??
        '';
      const pending = {
        challengeName: result.challengeName,
        session: result.session,
        expiresAt: context.now + validity,
        username: answerUsername,
      };
      switch (mapping.kind) {
        case 'step':
          return stay({
            ...withoutMessages(state),
            ...keptPasskeyError(state, mapping.step),
            step: mapping.step,
            pending,
          });
        case 'associateTotp':
          return {
            state: { ...withoutMessages(state), pending },
            effects: [{ type: 'associateTotp', session: result.session }],
          };
        case 'internal':
          // The runner answers these itself; reaching here means it could not.
          return stay({
            ...signIn(state.username),
            error: localErrors.unsupportedChallenge(result.challengeName).toView(),
          });
        case 'error':
          return stay({ ...signIn(state.username), error: mapping.error.toView() });
      }
      break;
    }
    case 'totpAssociated': {
      const previous = state.pending;
      return stay({
        ...withoutMessages(state),
        step: totpSetupStep({
          secretCode: event.secretCode,
          issuer: context.accountName,
          account: state.username ?? previous?.username ?? '',
        }),
        pending: {
          challengeName: 'MFA_SETUP',
          session: event.session,
          expiresAt: context.now + validity,
          username: previous?.username ?? state.username ?? '',
        },
      });
    }
    case 'signedIn':
      return stay(
        withUsername(
          {
            step: {
              name: 'DONE',
              user: event.user,
              accessTokenExpiresAt: event.accessTokenExpiresAt,
            },
            // Kept for Amplify's signInDetails when the session is shared with a site.
            ...(state.authFlow && { authFlow: state.authFlow }),
          },
          state.username,
        ),
      );
    case 'codeSent':
      return codeSent(state, event, context);
    case 'signUpConfirmed':
      if (event.session !== undefined && state.username !== undefined) {
        return {
          state: omit(withoutMessages(state), 'signUpSession'),
          effects: [
            {
              type: 'initiateAuth',
              authFlow: 'USER_AUTH',
              username: state.username,
              session: event.session,
            },
          ],
        };
      }
      return stay({ ...signIn(state.username), notice: NOTICE_CONFIRMED });
    case 'passwordReset':
      return stay({ ...signIn(state.username), notice: NOTICE_PASSWORD_RESET });
    case 'failed':
      return failed(state, event);
  }
  return stay(state);
}

function codeSent(
  state: FlowState,
  event: Extract<ResultEvent, { type: 'codeSent' }>,
  context: ReduceContext,
): Transition {
  const delivery = event.codeDeliveryDetails;
  if (event.purpose === 'reset') {
    return stay({
      ...omit(withoutMessages(state), 'pending'),
      step: {
        name: 'RESET_PASSWORD',
        phase: 'CONFIRM',
        ...(delivery && { codeDeliveryDetails: delivery }),
      },
    });
  }
  const signUpSession =
    event.session !== undefined
      ? {
          session: event.session,
          expiresAt: context.now + (context.sessionValidityMs ?? DEFAULT_SESSION_VALIDITY_MS),
        }
      : state.signUpSession;
  if (event.userConfirmed === true) {
    // Nothing to confirm: go straight to the automatic sign-in.
    return reduceResult(
      { ...state, ...(signUpSession && { signUpSession }) },
      { type: 'signUpConfirmed', ...(event.session !== undefined && { session: event.session }) },
      context,
    );
  }
  return stay({
    ...omit(withoutMessages(state), 'pending'),
    step: { name: 'CONFIRM_SIGN_UP', ...(delivery && { codeDeliveryDetails: delivery }) },
    ...(signUpSession && { signUpSession }),
  });
}

function failed(state: FlowState, event: Extract<ResultEvent, { type: 'failed' }>): Transition {
  const { error } = event;
  const username = state.username;
  const atSignIn = event.effect === 'initiateAuth' || event.effect === 'respond';

  if (atSignIn && error.code === 'PasswordResetRequiredException' && username !== undefined) {
    // Cognito does not send a code by itself here: ForgotPassword sends one.
    return {
      state: withUsername(
        { step: { name: 'RESET_PASSWORD', phase: 'CONFIRM' }, notice: error.message },
        username,
      ),
      effects: [{ type: 'forgotPassword', username }],
    };
  }
  if (atSignIn && error.code === 'UserNotConfirmedException' && username !== undefined) {
    return {
      state: withUsername({ step: { name: 'CONFIRM_SIGN_UP' }, notice: error.message }, username),
      effects: [{ type: 'resendSignUpCode', username }],
    };
  }
  if (event.effect === 'initiateAuth' && event.autoSignIn === true) {
    return stay({ ...signIn(username), notice: NOTICE_CONFIRMED });
  }
  if (event.effect === 'initiateAuth' || event.effect === 'completeSignIn') {
    return stay({
      ...signIn(username),
      ...(state.authFlow && { authFlow: state.authFlow }),
      error,
    });
  }
  if (
    (event.effect === 'respond' ||
      event.effect === 'verifyTotp' ||
      event.effect === 'associateTotp') &&
    sessionIsGone(error)
  ) {
    // NotAuthorized on an answer ends the attempt (wrong password at CONFIRM_SIGN_IN_WITH_PASSWORD,
    // failAuthentication of a custom challenge, a spent or expired Session): start over.
    return stay({ ...signIn(username), error });
  }
  return stay({ ...withoutMessages(state), error });
}

/**
 * The passkey ceremony failed in the page. The WEB_AUTHN Session cannot be turned into another
 * factor, so USER_AUTH starts again without a preference: Cognito answers with the first-factor
 * selection, and the reason stays on screen until the person picks something.
 */
function passkeyFallback(
  state: FlowState,
  failure: Extract<StepAnswer, { kind: 'webAuthnFailed' }>,
): Transition {
  const username = state.username ?? state.pending?.username;
  const error = { code: failure.code, message: failure.message, recovery: failure.recovery };
  if (username === undefined) return stay({ ...signIn(undefined), error });
  return {
    state: { ...signIn(username), authFlow: 'USER_AUTH', error },
    effects: [{ type: 'initiateAuth', authFlow: 'USER_AUTH', username }],
  };
}

const PASSKEY_FALLBACK_CODES = new Set([
  'PasskeyCancelled',
  'PasskeyWrongPlace',
  'PasskeyAlreadyRegistered',
  'PasskeyUnavailable',
  'PasskeyFailed',
]);

function keptPasskeyError(state: FlowState, next: SignInStep): Pick<FlowState, 'error'> {
  const error = state.error;
  return error !== undefined &&
    next.name === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' &&
    PASSKEY_FALLBACK_CODES.has(error.code)
    ? { error }
    : {};
}

function sessionIsGone(error: AuthErrorView): boolean {
  return error.code === 'NotAuthorizedException' || error.code === 'SessionExpired';
}

function signIn(username: string | undefined): FlowState {
  return initialFlowState(username);
}

function withUsername(state: FlowState, username: string | undefined): FlowState {
  return username === undefined ? state : { ...state, username };
}

function withoutMessages(state: FlowState): FlowState {
  const { error: _error, notice: _notice, ...rest } = state;
  return rest;
}

function omit(state: FlowState, key: 'pending' | 'signUpSession'): FlowState {
  const { [key]: _dropped, ...rest } = state;
  return rest;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function stay(state: FlowState): Transition {
  return { state: dropUndefined(state), effects: [] };
}

function wrongInput(state: FlowState): Transition {
  return stay({ ...state, error: localErrors.wrongInput(state.step.name).toView() });
}

function expired(state: FlowState): Transition {
  return stay({ ...state, error: localErrors.sessionExpired().toView() });
}

/** The steps that show a code Cognito can send again. */
export function canResend(step: SignInStep): boolean {
  return (
    step.name === 'CONFIRM_SIGN_UP' || (step.name === 'RESET_PASSWORD' && step.phase === 'CONFIRM')
  );
}

export type { AuthFlow };
