import { describe, expect, it } from 'vitest';
import { AuthError, NETWORK_ERROR, toAuthError } from './auth-error';

/** An SDK exception as the client throws it: a name, Cognito's message, the HTTP status. */
function sdkError(name: string, message: string, httpStatusCode = 400) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe('toAuthError', () => {
  it('says which app-client flow is off, and where to turn it on, for both of Cognito’s phrasings', () => {
    const userAuth = toAuthError(
      sdkError('InvalidParameterException', 'USER_AUTH flow not enabled for this client'),
    );
    expect(userAuth.code).toBe('InvalidParameterException');
    expect(userAuth.message).toBe('This app client does not allow the USER_AUTH sign-in flow.');
    expect(userAuth.recovery).toContain('ALLOW_USER_AUTH');
    expect(userAuth.recovery).toContain('“Sign-in flow”');
    // Cognito's own text stays available for decisions, never shown raw.
    expect(userAuth.cognitoMessage).toBe('USER_AUTH flow not enabled for this client');

    const srp = toAuthError(
      sdkError('InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.'),
    );
    expect(srp.message).toBe('This app client does not allow the USER_SRP_AUTH sign-in flow.');
    expect(srp.recovery).toContain('ALLOW_USER_SRP_AUTH');
  });

  it('keeps Cognito’s message for any other rejected value', () => {
    const error = toAuthError(
      sdkError('InvalidParameterException', 'Invalid email address format.'),
    );
    expect(error.message).toBe('Invalid email address format.');
    expect(error.recovery).toBe('Check what you typed and try again.');
  });

  it('maps a known exception to plain words, a failed fetch to NetworkError, a 5xx to trouble', () => {
    expect(toAuthError(sdkError('TooManyRequestsException', 'Rate exceeded')).message).toBe(
      'Cognito is receiving too many requests.',
    );
    expect(toAuthError(new TypeError('Failed to fetch')).code).toBe(NETWORK_ERROR);
    expect(toAuthError(sdkError('ServiceUnavailableException', 'boom', 503)).message).toBe(
      'Cognito is having trouble right now.',
    );
  });

  it('passes an AuthError through unchanged', () => {
    const own = new AuthError('Mine', 'message', 'recovery');
    expect(toAuthError(own)).toBe(own);
  });
});
