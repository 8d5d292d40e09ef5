/**
 * Cognito's error shape: HTTP 400 with `{"__type": "<ExceptionName>", "message": "..."}`. The
 * names are Cognito's own, because AWS's clients branch on them (e.g. UserNotConfirmedException
 * becomes CONFIRM_SIGN_UP, a "Device does not exist" ResourceNotFoundException drops the device).
 */
export type CognitoErrorName =
  | 'NotAuthorizedException'
  | 'UserNotFoundException'
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'UserNotConfirmedException'
  | 'PasswordResetRequiredException'
  | 'LimitExceededException'
  | 'TooManyRequestsException'
  | 'TooManyFailedAttemptsException'
  | 'ResourceNotFoundException'
  | 'UsernameExistsException'
  | 'AliasExistsException'
  | 'EnableSoftwareTokenMFAException'
  | 'SoftwareTokenMFANotFoundException'
  | 'InvalidUserPoolConfigurationException'
  | 'UnsupportedOperationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalErrorException'
  | 'WebAuthnNotEnabledException'
  | 'WebAuthnConfigurationMissingException'
  | 'WebAuthnChallengeNotFoundException'
  | 'WebAuthnRelyingPartyMismatchException'
  | 'WebAuthnOriginNotAllowedException'
  | 'WebAuthnCredentialNotSupportedException';

export class CognitoError extends Error {
  constructor(
    readonly type: CognitoErrorName,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const fail = (type: CognitoErrorName, message: string): never => {
  throw new CognitoError(type, message);
};

/** The messages Cognito uses for the cases clients and people see most. */
export const Errors = {
  badCredentials: () =>
    new CognitoError('NotAuthorizedException', 'Incorrect username or password.'),
  invalidSession: () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.'),
  expiredSession: () =>
    new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
  userDisabled: () => new CognitoError('NotAuthorizedException', 'User is disabled.'),
  userNotFound: () => new CognitoError('UserNotFoundException', 'User does not exist.'),
  notConfirmed: () => new CognitoError('UserNotConfirmedException', 'User is not confirmed.'),
  resetRequired: () =>
    new CognitoError('PasswordResetRequiredException', 'Password reset required for the user'),
  secretHash: (clientId: string) =>
    new CognitoError(
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    ),
  clientSecret: (clientId: string) =>
    new CognitoError(
      'NotAuthorizedException',
      `Unable to verify client secret for client ${clientId}`,
    ),
  mfaCodeMismatch: () =>
    new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.'),
  codeMismatch: () =>
    new CognitoError(
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    ),
  codeExpired: () =>
    new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
  attemptsExceeded: () =>
    new CognitoError(
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
    ),
  accessTokenRevoked: () =>
    new CognitoError('NotAuthorizedException', 'Access Token has been revoked'),
  accessTokenExpired: () => new CognitoError('NotAuthorizedException', 'Access Token has expired'),
  invalidAccessToken: () => new CognitoError('NotAuthorizedException', 'Invalid Access Token'),
  invalidRefreshToken: () => new CognitoError('NotAuthorizedException', 'Invalid Refresh Token'),
  refreshTokenRevoked: () =>
    new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked'),
  refreshTokenExpired: () =>
    new CognitoError('NotAuthorizedException', 'Refresh Token has expired'),
  deviceNotFound: () => new CognitoError('ResourceNotFoundException', 'Device does not exist.'),
  missing: (field: string) =>
    new CognitoError(
      'InvalidParameterException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    ),
  flowNotEnabled: (flow: string) =>
    new CognitoError('InvalidParameterException', `${flow} flow not enabled for this client`),
};

export function errorBody(error: CognitoError): { __type: string; message: string } {
  return { __type: error.type, message: error.message };
}
