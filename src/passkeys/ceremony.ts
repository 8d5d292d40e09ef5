/**
 * Runs a passkey ceremony where this page is, after checking that it can: Chromium lets an
 * extension page use WebAuthn only under its own origin (`chrome-extension://<id>`, requested as
 * RP ID `<id>` or no RP ID at all), so options naming a web domain cannot be served here
 * (docs/passkeys.md). Browser errors become errors with a code, a plain message and what to do.
 */
import {
  assertionToJson,
  creationOptionsFromJson,
  registrationToJson,
  requestOptionsFromJson,
  type CredentialLike,
  type Json,
} from './webauthn-json';

/** The part of `navigator.credentials` used (a structural type, so tests can fake it). */
export interface CredentialsApi {
  create(options: {
    publicKey: PublicKeyCredentialCreationOptions;
    signal?: AbortSignal;
  }): Promise<unknown>;
  get(options: {
    publicKey: PublicKeyCredentialRequestOptions;
    signal?: AbortSignal;
  }): Promise<unknown>;
}

export interface CeremonyError {
  code:
    | 'PasskeyCancelled'
    | 'PasskeyWrongPlace'
    | 'PasskeyAlreadyRegistered'
    | 'PasskeyUnavailable'
    | 'PasskeyFailed';
  message: string;
  recovery: string;
}

export type CeremonyResult = { ok: true; credential: Json } | { ok: false; error: CeremonyError };

/** Where this page stands: `here` is the extension page's host (its id). */
export interface CeremonyPlace {
  credentials: CredentialsApi | undefined;
  /** `location.host` of the extension page, i.e. the extension id. */
  here: string;
}

/** Whether an RP ID from the pool can be used from this extension page. */
export function servesRelyingParty(rpId: string | undefined, here: string): boolean {
  return rpId === undefined || rpId === here;
}

/** The RP ID named in creation (`rp.id`) or request (`rpId`) options, if any. */
export function relyingPartyOf(optionsJson: Json): string | undefined {
  const rp = optionsJson.rp as { id?: unknown } | undefined;
  const id = rp !== undefined ? rp.id : optionsJson.rpId;
  return typeof id === 'string' ? id : undefined;
}

function wrongPlace(rpId: string): CeremonyError {
  return {
    code: 'PasskeyWrongPlace',
    message: `This pool's passkeys belong to ${rpId}. The browser lets an extension use passkeys only for its own address, so they cannot be used from here.`,
    recovery: `Choose another way to sign in, or use your passkey on ${rpId}.`,
  };
}

export function ceremonyError(error: unknown, kind: 'create' | 'get'): CeremonyError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return {
        code: 'PasskeyCancelled',
        message: 'The passkey request was cancelled or timed out.',
        recovery:
          kind === 'get'
            ? 'Choose another way to sign in, or try the passkey again.'
            : 'Try again.',
      };
    case 'InvalidStateError':
      return {
        code: 'PasskeyAlreadyRegistered',
        message: 'This authenticator already holds a passkey for this user.',
        recovery: 'Use the passkey you have, or delete it first.',
      };
    case 'SecurityError':
      return {
        code: 'PasskeyWrongPlace',
        message: 'The browser refused to use a passkey for this pool from here.',
        recovery: 'Check the pool’s relying-party ID (docs/passkeys.md).',
      };
    default:
      return {
        code: 'PasskeyFailed',
        message: 'The passkey could not be used.',
        recovery: 'Try again, or choose another way to sign in.',
      };
  }
}

const unavailable: CeremonyError = {
  code: 'PasskeyUnavailable',
  message: 'This browser offers no passkeys here.',
  recovery: 'Choose another way to sign in.',
};

export async function createPasskey(
  place: CeremonyPlace,
  optionsJson: Json,
  signal?: AbortSignal,
): Promise<CeremonyResult> {
  if (place.credentials === undefined) return { ok: false, error: unavailable };
  const rp = optionsJson.rp as { id?: string } | undefined;
  if (!servesRelyingParty(rp?.id, place.here)) {
    return { ok: false, error: wrongPlace(rp?.id ?? '') };
  }
  try {
    const credential = await place.credentials.create({
      publicKey: creationOptionsFromJson(optionsJson),
      ...(signal !== undefined && { signal }),
    });
    if (credential === null) return { ok: false, error: ceremonyError(undefined, 'create') };
    return { ok: true, credential: registrationToJson(credential as CredentialLike) };
  } catch (error) {
    return { ok: false, error: ceremonyError(error, 'create') };
  }
}

export async function getPasskeyAssertion(
  place: CeremonyPlace,
  optionsJson: Json,
  signal?: AbortSignal,
): Promise<CeremonyResult> {
  if (place.credentials === undefined) return { ok: false, error: unavailable };
  const rpId = typeof optionsJson.rpId === 'string' ? optionsJson.rpId : undefined;
  if (!servesRelyingParty(rpId, place.here)) return { ok: false, error: wrongPlace(rpId ?? '') };
  try {
    const credential = await place.credentials.get({
      publicKey: requestOptionsFromJson(optionsJson),
      ...(signal !== undefined && { signal }),
    });
    if (credential === null) return { ok: false, error: ceremonyError(undefined, 'get') };
    return { ok: true, credential: assertionToJson(credential as CredentialLike) };
  } catch (error) {
    return { ok: false, error: ceremonyError(error, 'get') };
  }
}
