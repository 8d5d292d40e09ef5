/**
 * Cognito speaks WebAuthn as JSON (base64url for every byte field); `navigator.credentials` wants
 * ArrayBuffers and returns PublicKeyCredential objects. These functions translate both ways with
 * nothing but the fields the ceremonies need, so they run in Node tests too.
 */

export type Json = Record<string, unknown>;

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes.buffer;
}

export function toBase64Url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface CredentialDescriptorJson {
  type: string;
  id: string;
  transports?: string[];
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] {
  if (!Array.isArray(list)) return [];
  return (list as CredentialDescriptorJson[]).map((entry) => ({
    type: 'public-key',
    id: fromBase64Url(entry.id),
    ...(entry.transports !== undefined && {
      transports: entry.transports as AuthenticatorTransport[],
    }),
  }));
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`The passkey options have no ${field}.`);
  }
  return value;
}

/** StartWebAuthnRegistration's CredentialCreationOptions → `publicKey` for create(). */
export function creationOptionsFromJson(json: Json): PublicKeyCredentialCreationOptions {
  const rp = (json.rp ?? {}) as { id?: string; name?: string };
  const user = (json.user ?? {}) as { id?: string; name?: string; displayName?: string };
  return {
    challenge: fromBase64Url(requireString(json.challenge, 'challenge')),
    rp: { name: rp.name ?? '', ...(rp.id !== undefined && { id: rp.id }) },
    user: {
      id: fromBase64Url(requireString(user.id, 'user.id')),
      name: user.name ?? '',
      displayName: user.displayName ?? user.name ?? '',
    },
    pubKeyCredParams: Array.isArray(json.pubKeyCredParams)
      ? (json.pubKeyCredParams as PublicKeyCredentialParameters[])
      : [],
    ...(typeof json.timeout === 'number' && { timeout: json.timeout }),
    excludeCredentials: descriptors(json.excludeCredentials),
    ...(typeof json.authenticatorSelection === 'object' && {
      authenticatorSelection: json.authenticatorSelection as AuthenticatorSelectionCriteria,
    }),
    ...(typeof json.attestation === 'string' && {
      attestation: json.attestation as AttestationConveyancePreference,
    }),
  };
}

/** WEB_AUTHN's CREDENTIAL_REQUEST_OPTIONS → `publicKey` for get(). */
export function requestOptionsFromJson(json: Json): PublicKeyCredentialRequestOptions {
  return {
    challenge: fromBase64Url(requireString(json.challenge, 'challenge')),
    ...(typeof json.timeout === 'number' && { timeout: json.timeout }),
    ...(typeof json.rpId === 'string' && { rpId: json.rpId }),
    allowCredentials: descriptors(json.allowCredentials),
    ...(typeof json.userVerification === 'string' && {
      userVerification: json.userVerification as UserVerificationRequirement,
    }),
  };
}

/** The parts of a PublicKeyCredential read here (a structural type, so tests can fake it). */
export interface CredentialLike {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: {
    clientDataJSON: ArrayBuffer;
    attestationObject?: ArrayBuffer;
    getTransports?: () => string[];
    authenticatorData?: ArrayBuffer;
    signature?: ArrayBuffer;
    userHandle?: ArrayBuffer | null;
  };
  getClientExtensionResults?: () => unknown;
}

function common(credential: CredentialLike) {
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    ...(typeof credential.authenticatorAttachment === 'string' && {
      authenticatorAttachment: credential.authenticatorAttachment,
    }),
    clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
  };
}

/** create()'s credential → CompleteWebAuthnRegistration's Credential. */
export function registrationToJson(credential: CredentialLike): Json {
  const { response } = credential;
  if (response.attestationObject === undefined) {
    throw new TypeError('The new passkey came without an attestation.');
  }
  return {
    ...common(credential),
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      attestationObject: toBase64Url(response.attestationObject),
      transports: response.getTransports?.() ?? [],
    },
  };
}

/** get()'s credential → the CREDENTIAL answer of WEB_AUTHN. */
export function assertionToJson(credential: CredentialLike): Json {
  const { response } = credential;
  if (response.authenticatorData === undefined || response.signature === undefined) {
    throw new TypeError('The passkey answer came without a signature.');
  }
  return {
    ...common(credential),
    response: {
      clientDataJSON: toBase64Url(response.clientDataJSON),
      authenticatorData: toBase64Url(response.authenticatorData),
      signature: toBase64Url(response.signature),
      ...(response.userHandle && { userHandle: toBase64Url(response.userHandle) }),
    },
  };
}
