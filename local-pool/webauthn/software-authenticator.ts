/**
 * A software passkey authenticator for tests: it makes real ES256 credentials, "none"
 * attestations and signed assertions, exactly the bytes a browser hands to a relying party, so the
 * pool's verifier is exercised for real. It plays the browser too (clientDataJSON with the origin).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCbor, type CborValue } from './cbor-encode';

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;

interface StoredCredential {
  id: Uint8Array;
  privateKey: KeyObject;
  rpIdHashInput: string;
  userHandle: string;
  counter: number;
}

export interface CeremonyPlace {
  /** The origin the "browser" writes into clientDataJSON. */
  origin: string;
  /** The string whose SHA-256 goes into authenticatorData (Chromium: the origin for extensions). */
  rpId: string;
  /** Whether the person was verified (UV flag). */
  userVerified?: boolean;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) =>
  new Uint8Array(createHash('sha256').update(data).digest());

function clientData(type: string, challenge: string, origin: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function counterBytes(counter: number): number[] {
  return [(counter >>> 24) & 0xff, (counter >> 16) & 0xff, (counter >> 8) & 0xff, counter & 0xff];
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];

  /** navigator.credentials.create with CredentialCreationOptions JSON → RegistrationResponseJSON. */
  create(options: { challenge: string; user: { id: string } }, place: CeremonyPlace) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'))],
      ]),
    );
    const id = new Uint8Array(randomBytes(16));
    const credential = {
      id,
      privateKey,
      rpIdHashInput: place.rpId,
      userHandle: options.user.id,
      counter: 0,
    };
    this.credentials.push(credential);
    const flags = this.flags(place) | FLAG_ATTESTED_DATA;
    const authData = Uint8Array.from([
      ...sha256(place.rpId),
      flags,
      ...counterBytes(0),
      ...new Uint8Array(16),
      id.length >> 8,
      id.length & 0xff,
      ...id,
      ...cose,
    ]);
    const attestationObject = encodeCbor(
      new Map<string, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, CborValue>()],
        ['authData', authData],
      ]),
    );
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData('webauthn.create', options.challenge, place.origin)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** navigator.credentials.get with CREDENTIAL_REQUEST_OPTIONS JSON → AuthenticationResponseJSON. */
  get(options: { challenge: string; allowCredentials?: { id: string }[] }, place: CeremonyPlace) {
    const allowed = new Set((options.allowCredentials ?? []).map((entry) => entry.id));
    const credential = this.credentials.find(
      (candidate) =>
        candidate.rpIdHashInput === place.rpId &&
        (allowed.size === 0 || allowed.has(b64url(candidate.id))),
    );
    if (credential === undefined) throw new Error('NotAllowedError: no matching credential');
    credential.counter += 1;
    const authData = Uint8Array.from([
      ...sha256(place.rpId),
      this.flags(place),
      ...counterBytes(credential.counter),
    ]);
    const data = clientData('webauthn.get', options.challenge, place.origin);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(data)]),
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(data),
        authenticatorData: b64url(authData),
        signature: b64url(new Uint8Array(signature)),
        userHandle: credential.userHandle,
      },
    };
  }

  private flags(place: CeremonyPlace): number {
    return FLAG_USER_PRESENT | (place.userVerified === false ? 0 : FLAG_USER_VERIFIED);
  }
}
