/**
 * One error type for everything that can go wrong talking to Cognito or answering a step:
 * the Cognito exception name (or our own code), a plain message for people, and what to do
 * next. Every SDK error goes through `toAuthError` exactly once, at the gateway.
 */
import type { AuthErrorView } from '../signin/steps';

export class AuthError extends Error {
  readonly code: string;
  readonly recovery: string;
  /** Cognito's own message, kept for decisions like "Device does not exist" (never shown raw). */
  readonly cognitoMessage: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(
    code: string,
    message: string,
    recovery: string,
    details: { cognitoMessage?: string | undefined; httpStatus?: number | undefined } = {},
  ) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.recovery = recovery;
    this.cognitoMessage = details.cognitoMessage;
    this.httpStatus = details.httpStatus;
  }

  toView(): AuthErrorView {
    return { code: this.code, message: this.message, recovery: this.recovery };
  }
}

interface Plain {
  message: string;
  recovery: string;
}

const RETRY = 'Try again in a moment.';

/** Plain words per Cognito exception; `undefined` message means "use Cognito's own message". */
const KNOWN: Record<string, Plain | ((cognito: string) => Plain)> = {
  NotAuthorizedException: (cognito) =>
    /session/i.test(cognito)
      ? {
          message: 'This sign-in attempt has expired.',
          recovery: 'Start the sign-in again; your username is kept.',
        }
      : /refresh token/i.test(cognito)
        ? { message: 'Your session has ended.', recovery: 'Sign in again.' }
        : /attempts exceeded/i.test(cognito)
          ? {
              message: 'Too many failed attempts for this account.',
              recovery: 'Wait a few minutes before trying again.',
            }
          : {
              message: 'The username or password is not correct.',
              recovery: 'Check both and try again, or reset your password.',
            },
  CodeMismatchException: {
    message: 'That code is not correct.',
    recovery: 'Check the code and type it again.',
  },
  ExpiredCodeException: {
    message: 'That code has expired.',
    recovery: 'Ask for a new code and use it within a few minutes.',
  },
  EnableSoftwareTokenMFAException: {
    message: 'The authenticator code did not match.',
    recovery: 'Check that the authenticator app shows this account, then type its current code.',
  },
  UserNotFoundException: {
    message: 'There is no account with that username.',
    recovery: 'Check the username, or create an account.',
  },
  UserNotConfirmedException: {
    message: 'This account is not confirmed yet.',
    recovery: 'Enter the confirmation code that was sent to you.',
  },
  PasswordResetRequiredException: {
    message: 'A new password is required for this account.',
    recovery: 'Enter the code that was sent to you and choose a new password.',
  },
  UsernameExistsException: {
    message: 'An account with that username already exists.',
    recovery: 'Sign in instead, or pick another username.',
  },
  AliasExistsException: {
    message: 'That email or phone number is already used by another account.',
    recovery: 'Use a different one, or sign in to the other account.',
  },
  InvalidPasswordException: (cognito) => ({
    message: `The password does not meet the pool's rules${cognito ? `: ${cognito}` : '.'}`,
    recovery: 'Choose a longer password with the required kinds of characters.',
  }),
  InvalidParameterException: (cognito) => {
    // "USER_PASSWORD_AUTH flow not enabled for this client", "USER_SRP_AUTH is not enabled for
    // the client.": the app client's settings, not anything the person typed.
    const flow = /\b([A-Z]+(?:_[A-Z]+)*_AUTH)\b.*\bnot enabled\b/.exec(cognito)?.[1];
    if (flow !== undefined) {
      return {
        message: `This app client does not allow the ${flow} sign-in flow.`,
        recovery: `Allow ALLOW_${flow} on the app client in Cognito, or change this account’s “Sign-in flow” in the options.`,
      };
    }
    return {
      message: cognito || 'Cognito rejected a value.',
      recovery: 'Check what you typed and try again.',
    };
  },
  LimitExceededException: {
    message: 'Cognito limits how often this can be done.',
    recovery: 'Wait a few minutes before trying again.',
  },
  TooManyRequestsException: { message: 'Cognito is receiving too many requests.', recovery: RETRY },
  TooManyFailedAttemptsException: {
    message: 'Too many failed attempts.',
    recovery: 'Wait a few minutes, then start again.',
  },
  CodeDeliveryFailureException: {
    message: 'Cognito could not deliver the code.',
    recovery: 'Check the email address or phone number on the account, then ask for a new code.',
  },
  ResourceNotFoundException: {
    message: 'Cognito does not know this user pool, app client or device.',
    recovery: 'Check the account settings (region, pool id, client id).',
  },
  SoftwareTokenMFANotFoundException: {
    message: 'No authenticator app is set up for this account.',
    recovery: 'Choose another way to receive a code, or set up an authenticator app.',
  },
  MFAMethodNotFoundException: {
    message: 'This account has no way to receive a second-factor code.',
    recovery: 'Ask an administrator to add a phone number or email address.',
  },
  InternalErrorException: { message: 'Cognito had an internal error.', recovery: RETRY },
  UnexpectedLambdaException: {
    message: 'A sign-in trigger of this user pool failed.',
    recovery: 'Try again; if it keeps failing, tell the pool administrator.',
  },
  UserLambdaValidationException: (cognito) => ({
    message: cognito || 'A sign-in trigger of this user pool refused the request.',
    recovery: 'Check what you typed; if it keeps failing, tell the pool administrator.',
  }),
  TokenRevokedException: { message: 'Your session was revoked.', recovery: 'Sign in again.' },
  RefreshTokenReuseException: {
    message: 'Your session was used elsewhere and has ended.',
    recovery: 'Sign in again.',
  },
};

/** What the gateway throws when the network itself failed (no HTTP answer at all). */
export const NETWORK_ERROR = 'NetworkError';
/** An answer that is not a readable Cognito response (truncated, not JSON). */
export const MALFORMED_RESPONSE = 'MalformedResponse';

export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $fault?: unknown;
  };
  const name = typeof record.name === 'string' ? record.name : 'UnknownError';
  const cognitoMessage = typeof record.message === 'string' ? record.message : '';
  const status =
    typeof record.$metadata?.httpStatusCode === 'number'
      ? record.$metadata.httpStatusCode
      : undefined;
  const details = { cognitoMessage, httpStatus: status };

  if (name === 'SyntaxError' || /deserialization error/i.test(cognitoMessage)) {
    // The answer arrived but was cut off or is not JSON: the request may have been applied.
    return new AuthError(
      MALFORMED_RESPONSE,
      'Cognito answered, but the answer was cut off or could not be read.',
      'Try again. If you had sent a code, it may have been used: if the next try says the sign-in expired, start again.',
      { httpStatus: status },
    );
  }
  const known = KNOWN[name];
  if (known) {
    const plain = typeof known === 'function' ? known(cognitoMessage) : known;
    return new AuthError(name, plain.message, plain.recovery, details);
  }
  if (status === undefined && !name.endsWith('Exception')) {
    // fetch failures (TypeError), timeouts, DNS: no answer from Cognito at all.
    return new AuthError(
      NETWORK_ERROR,
      'Cognito could not be reached.',
      'Check your connection and try again.',
      details,
    );
  }
  if (status !== undefined && status >= 500) {
    return new AuthError(name, 'Cognito is having trouble right now.', RETRY, details);
  }
  return new AuthError(
    name,
    cognitoMessage || 'Cognito refused the request.',
    'Try again; if it keeps failing, restart the sign-in.',
    details,
  );
}

/** Our own errors, so every code the popup can see is listed in one place. */
export const localErrors = {
  unsupportedChallenge: (challengeName: string) =>
    new AuthError(
      'UnsupportedChallenge',
      `This user pool asked for a step Cognito Pass does not support: ${challengeName}.`,
      'Sign in with another app, or ask the pool administrator which flow to use.',
    ),
  wrongInput: (stepName: string) =>
    new AuthError(
      'WrongInput',
      `That answer does not fit the current step (${stepName}).`,
      'Fill in the form that is shown, or start again.',
    ),
  sessionExpired: () =>
    new AuthError(
      'SessionExpired',
      'This sign-in attempt has expired.',
      'Start the sign-in again; your username is kept.',
    ),
  passwordRequired: () =>
    new AuthError('PasswordRequired', 'This sign-in needs your password.', 'Type your password.'),
  mfaSetupUnavailable: () =>
    new AuthError(
      'MfaSetupUnavailable',
      'This account must set up text-message codes, which cannot be done while signing in.',
      'Ask the pool administrator to add your phone number, or to allow an authenticator app or email codes.',
    ),
  failedAuthentication: () =>
    new AuthError(
      'NotAuthorizedException',
      'The sign-in challenge was not passed.',
      'Start the sign-in again.',
    ),
  savedSessionNotRenewed: (cause: string) =>
    new AuthError(
      'SavedSessionNotRenewed',
      `Your saved session could not be renewed just now (${cause}).`,
      'It is kept and tried again every minute, and this screen turns into your session when that works. Check the connection, or sign in again now.',
    ),
  noAccount: (accountId: string) =>
    new AuthError(
      'AccountNotFound',
      `There is no account "${accountId}".`,
      'Pick an account from the list, or add one in the options.',
    ),
  noSignUpSession: () =>
    new AuthError(
      'AutoSignInUnavailable',
      'Your account is confirmed.',
      'Sign in with your password.',
    ),
} as const;

/** Failures that mean the refresh token itself is dead: only these clear stored tokens. */
const DEFINITE_AUTH_FAILURES = new Set([
  'NotAuthorizedException',
  'TokenRevokedException',
  'UserNotFoundException',
  'RefreshTokenReuseException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
]);

export function isDefiniteAuthFailure(error: AuthError): boolean {
  return DEFINITE_AUTH_FAILURES.has(error.code);
}

export function isDeviceNotFound(error: AuthError): boolean {
  return (
    error.code === 'ResourceNotFoundException' &&
    /device does not exist/i.test(error.cognitoMessage ?? '')
  );
}

/** The operation is unknown to this endpoint (older Cognito-compatible servers, some regions). */
export function isUnknownOperation(error: AuthError): boolean {
  return (
    error.code === 'UnknownOperationException' ||
    error.code === 'UnsupportedOperationException' ||
    /unknown operation/i.test(error.cognitoMessage ?? '')
  );
}
