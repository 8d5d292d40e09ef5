/**
 * The signed-in user's passkey operations, in Cognito's shapes: StartWebAuthnRegistration
 * (CredentialCreationOptions), CompleteWebAuthnRegistration (the RegistrationResponseJSON,
 * verified by @simplewebauthn/server), ListWebAuthnCredentials and DeleteWebAuthnCredential.
 */
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { findPool, type PoolContext } from '../context';
import type { WebAuthnConfig } from '../config';
import { CognitoError } from '../errors';
import { objectField, optionalString, requiredString, type Json } from '../input';
import { authenticate } from '../refresh';
import type { UserRecord } from '../state';
import type { PasskeyRecord } from './passkey-record';
import { checkOrigin, clientDataOrigin, optionsRpId } from './relying-party';

/** Cognito's registration options live for as long as its challenge (5 minutes). */
const REGISTRATION_VALIDITY_MS = 5 * 60_000;
const MAX_PASSKEYS_PER_USER = 20;
/** ES256 and RS256, as Cognito offers. */
const ALGORITHMS = [-7, -257];

export function webAuthnConfigOf(ctx: PoolContext, poolId: string): WebAuthnConfig {
  const config = findPool(ctx, poolId).pool.webAuthn;
  if (config === undefined) {
    throw new CognitoError(
      'WebAuthnNotEnabledException',
      'WebAuthn is not enabled for this user pool.',
    );
  }
  return config;
}

export function userPasskeys(user: UserRecord): PasskeyRecord[] {
  return user.passkeys ?? [];
}

export function randomChallenge(ctx: PoolContext): string {
  return Buffer.from(ctx.randomBytes(32)).toString('base64url');
}

export async function startWebAuthnRegistration(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const config = webAuthnConfigOf(ctx, auth.poolId);
  const { user } = auth;
  if (userPasskeys(user).length >= MAX_PASSKEYS_PER_USER) {
    throw new CognitoError('LimitExceededException', 'The user has the most passkeys allowed.');
  }
  const challenge = randomChallenge(ctx);
  user.pendingPasskeyRegistration = { challenge, expiresAt: ctx.now() + REGISTRATION_VALIDITY_MS };
  ctx.changed();
  const rpId = optionsRpId(config);
  const pool = findPool(ctx, auth.poolId).pool;
  return {
    CredentialCreationOptions: {
      challenge,
      rp: { name: pool.name ?? pool.id, ...(rpId === undefined ? {} : { id: rpId }) },
      user: {
        id: Buffer.from(user.sub, 'utf8').toString('base64url'),
        name: user.username,
        displayName: user.attributes.name ?? user.attributes.email ?? user.username,
      },
      pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
      timeout: REGISTRATION_VALIDITY_MS,
      excludeCredentials: userPasskeys(user).map((passkey) => ({
        type: 'public-key',
        id: passkey.credentialId,
        ...(passkey.transports.length > 0 ? { transports: passkey.transports } : {}),
      })),
      authenticatorSelection: {
        residentKey: 'required',
        userVerification: config.userVerification ?? 'preferred',
      },
      extensions: { credProps: true },
    },
  };
}

function registrationResponse(body: Json): RegistrationResponseJSON {
  const credential = objectField(body, 'Credential');
  if (credential === undefined)
    throw new CognitoError('InvalidParameterException', 'Credential is required.');
  const response = credential.response as Json | undefined;
  if (
    typeof credential.id !== 'string' ||
    typeof credential.rawId !== 'string' ||
    credential.type !== 'public-key' ||
    typeof response !== 'object' ||
    typeof response.attestationObject !== 'string'
  ) {
    throw new CognitoError(
      'WebAuthnCredentialNotSupportedException',
      'Credential is not a public-key credential with an attestation.',
    );
  }
  return credential as unknown as RegistrationResponseJSON;
}

export async function completeWebAuthnRegistration(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const config = webAuthnConfigOf(ctx, auth.poolId);
  const { user } = auth;
  const response = registrationResponse(body);
  const pending = user.pendingPasskeyRegistration;
  if (pending === undefined || pending.expiresAt <= ctx.now()) {
    throw new CognitoError(
      'WebAuthnChallengeNotFoundException',
      'No registration was started, or it expired. Start the registration again.',
    );
  }
  const allowed = checkOrigin(config, clientDataOrigin(response.response.clientDataJSON));
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: allowed.origin,
      expectedRPID: allowed.rpId,
      requireUserVerification: config.userVerification === 'required',
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CognitoError(
      /RP ID/i.test(message)
        ? 'WebAuthnRelyingPartyMismatchException'
        : 'InvalidParameterException',
      `The passkey could not be verified: ${message}`,
    );
  }
  // The challenge is spent whatever happens next, so a response cannot be replayed.
  delete user.pendingPasskeyRegistration;
  ctx.changed();
  if (!verified.verified) {
    throw new CognitoError('InvalidParameterException', 'The passkey could not be verified.');
  }
  const { credential } = verified.registrationInfo;
  if (userPasskeys(user).some((passkey) => passkey.credentialId === credential.id)) {
    throw new CognitoError('InvalidParameterException', 'This passkey is already registered.');
  }
  const attachment = response.authenticatorAttachment;
  user.passkeys = [
    ...userPasskeys(user),
    {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      relyingPartyId: allowed.rpId,
      friendlyName: friendlyName(attachment),
      transports: response.response.transports ?? [],
      ...(attachment === undefined ? {} : { authenticatorAttachment: attachment }),
      createdAt: ctx.now(),
    },
  ];
  user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}

/** Cognito names a passkey after the authenticator; the pool after its kind. */
function friendlyName(attachment: string | undefined): string {
  return attachment === 'cross-platform' ? 'Security key' : 'Passkey on this device';
}

export async function listWebAuthnCredentials(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const maxResults = typeof body.MaxResults === 'number' ? body.MaxResults : 20;
  const start = Number(optionalString(body, 'NextToken') ?? '0');
  const all = userPasskeys(auth.user);
  const page = all.slice(start, start + maxResults);
  const next = start + page.length;
  return {
    Credentials: page.map((passkey) => ({
      CredentialId: passkey.credentialId,
      ...(passkey.friendlyName === undefined
        ? {}
        : { FriendlyCredentialName: passkey.friendlyName }),
      RelyingPartyId: passkey.relyingPartyId,
      ...(passkey.authenticatorAttachment === undefined
        ? {}
        : { AuthenticatorAttachment: passkey.authenticatorAttachment }),
      AuthenticatorTransports: passkey.transports,
      // Cognito's JSON protocol sends timestamps as epoch seconds.
      CreatedAt: passkey.createdAt / 1000,
    })),
    ...(next < all.length ? { NextToken: String(next) } : {}),
  };
}

export async function deleteWebAuthnCredential(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  const credentialId = requiredString(body, 'CredentialId');
  const remaining = userPasskeys(auth.user).filter(
    (passkey) => passkey.credentialId !== credentialId,
  );
  if (remaining.length === userPasskeys(auth.user).length) {
    throw new CognitoError('ResourceNotFoundException', 'The passkey does not exist.');
  }
  auth.user.passkeys = remaining;
  auth.user.updatedAt = ctx.now();
  ctx.changed();
  return {};
}
