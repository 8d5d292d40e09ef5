/**
 * USER_AUTH with the WEB_AUTHN first factor: the challenge hands out CREDENTIAL_REQUEST_OPTIONS
 * (the JSON of PublicKeyCredentialRequestOptions) and the answer's CREDENTIAL (the JSON of the
 * assertion) is verified against the stored public key, with its signature counter.
 */
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { ClientScope, PoolContext } from '../context';
import { openChallenge, type ChallengeResponse } from '../auth-challenges';
import { CognitoError } from '../errors';
import type { FlowData } from '../flow-data';
import type { UserRecord } from '../state';
import { randomChallenge, userPasskeys } from './registration-ops';
import { checkOrigin, clientDataOrigin, optionsRpId } from './relying-party';

const SIGN_IN_TIMEOUT_MS = 3 * 60_000;

/** WEB_AUTHN is a first factor only for a pool with passkeys on and a user who has one. */
export function webAuthnAvailable(scope: ClientScope, user: UserRecord): boolean {
  return scope.pool.webAuthn !== undefined && userPasskeys(user).length > 0;
}

export function startWebAuthnChallenge(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
): ChallengeResponse {
  const config = scope.pool.webAuthn;
  if (config === undefined || userPasskeys(user).length === 0) {
    throw new CognitoError(
      'InvalidParameterException',
      'WEB_AUTHN is not available for this user.',
    );
  }
  const challenge = randomChallenge(ctx);
  const rpId = optionsRpId(config);
  const options = {
    challenge,
    timeout: SIGN_IN_TIMEOUT_MS,
    ...(rpId === undefined ? {} : { rpId }),
    allowCredentials: userPasskeys(user).map((passkey) => ({
      type: 'public-key',
      id: passkey.credentialId,
      ...(passkey.transports.length > 0 ? { transports: passkey.transports } : {}),
    })),
    userVerification: config.userVerification ?? 'preferred',
  };
  return openChallenge(
    ctx,
    scope,
    user,
    'WEB_AUTHN',
    { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
    { ...data, webAuthnChallenge: challenge, passwordless: true },
  );
}

function parseAssertion(raw: string | undefined): AuthenticationResponseJSON {
  if (raw === undefined || raw === '') {
    throw new CognitoError('InvalidParameterException', 'Missing required parameter CREDENTIAL');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CognitoError('InvalidParameterException', 'CREDENTIAL is not valid JSON.');
  }
  const credential = parsed as Partial<AuthenticationResponseJSON> | null;
  if (
    typeof credential?.id !== 'string' ||
    credential.type !== 'public-key' ||
    typeof credential.response?.authenticatorData !== 'string' ||
    typeof credential.response.signature !== 'string'
  ) {
    throw new CognitoError(
      'WebAuthnCredentialNotSupportedException',
      'CREDENTIAL is not a public-key assertion.',
    );
  }
  return credential as AuthenticationResponseJSON;
}

/** Verifies the assertion; on success the user is signed in (passkeys skip MFA, as on Cognito). */
export async function verifyWebAuthnAnswer(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  data: FlowData,
  rawCredential: string | undefined,
): Promise<void> {
  const config = scope.pool.webAuthn;
  const challenge = data.webAuthnChallenge;
  if (config === undefined || challenge === undefined) {
    throw new CognitoError('WebAuthnChallengeNotFoundException', 'No WEB_AUTHN challenge is open.');
  }
  const assertion = parseAssertion(rawCredential);
  const passkey = userPasskeys(user).find((candidate) => candidate.credentialId === assertion.id);
  if (passkey === undefined) {
    throw new CognitoError(
      'NotAuthorizedException',
      'The passkey is not registered for this user.',
    );
  }
  const allowed = checkOrigin(config, clientDataOrigin(assertion.response.clientDataJSON));
  if (allowed.rpId !== passkey.relyingPartyId) {
    throw new CognitoError(
      'WebAuthnRelyingPartyMismatchException',
      `The passkey belongs to ${passkey.relyingPartyId}, not ${allowed.rpId}.`,
    );
  }
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: challenge,
      expectedOrigin: allowed.origin,
      expectedRPID: passkey.relyingPartyId,
      requireUserVerification: config.userVerification === 'required',
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: [],
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CognitoError(
      'NotAuthorizedException',
      `The passkey could not be verified: ${message}`,
    );
  }
  if (!result.verified) {
    throw new CognitoError('NotAuthorizedException', 'The passkey could not be verified.');
  }
  passkey.counter = result.authenticationInfo.newCounter;
  ctx.changed();
}
