/** Plain words for Cognito's WebAuthn exceptions, which the generic map does not know. */
import { AuthError, toAuthError } from '../cognito/auth-error';

const PLAIN: Record<string, { message: string; recovery: string }> = {
  WebAuthnNotEnabledException: {
    message: 'This user pool does not have passkeys turned on.',
    recovery: 'Ask the pool’s administrator to enable passkeys, or sign in another way.',
  },
  WebAuthnConfigurationMissingException: {
    message: 'This user pool has no relying party set up for passkeys.',
    recovery: 'Ask the pool’s administrator to set the passkey relying-party ID.',
  },
  WebAuthnChallengeNotFoundException: {
    message: 'The passkey registration expired or was already used.',
    recovery: 'Start adding the passkey again.',
  },
  WebAuthnRelyingPartyMismatchException: {
    message: 'The passkey was made for another site than this user pool expects.',
    recovery: 'Use a passkey made for this pool, or add a new one.',
  },
  WebAuthnOriginNotAllowedException: {
    message: 'The user pool does not accept passkeys made from this place.',
    recovery: 'Check the pool’s relying-party ID (see docs/passkeys.md).',
  },
  WebAuthnCredentialNotSupportedException: {
    message: 'The user pool does not accept this kind of passkey.',
    recovery: 'Try another authenticator.',
  },
};

export function passkeyError(error: unknown): AuthError {
  const base = toAuthError(error);
  const plain = PLAIN[base.code];
  return plain ? new AuthError(base.code, plain.message, plain.recovery) : base;
}
