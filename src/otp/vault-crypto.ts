/**
 * The vault's cryptography, all WebCrypto: AES-256-GCM with a fresh random 96-bit IV for every
 * write, keys either generated non-extractable on the device or derived from a passphrase with
 * PBKDF2-SHA256 (OWASP 2023: at least 600,000 iterations).
 */
export const MIN_PBKDF2_ITERATIONS = 600_000;
const IV_BYTES = 12;
export const SALT_BYTES = 16;

export type VaultCrypto = Pick<Crypto, 'subtle' | 'getRandomValues'>;

export function generateDeviceKey(crypto: VaultCrypto): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function derivePassphraseKey(
  crypto: VaultCrypto,
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function randomBytes(crypto: VaultCrypto, length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

export interface Sealed {
  iv: string;
  data: string;
}

/** Encrypts `plaintext`; `associatedData` is authenticated, not encrypted. */
export async function seal(
  crypto: VaultCrypto,
  key: CryptoKey,
  plaintext: string,
  associatedData: string,
): Promise<Sealed> {
  const iv = randomBytes(crypto, IV_BYTES);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associatedData) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Decrypts, or returns undefined when the key is wrong or anything was tampered with. */
export async function open(
  crypto: VaultCrypto,
  key: CryptoKey,
  sealed: Sealed,
  associatedData: string,
): Promise<string | undefined> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(sealed.iv),
        additionalData: new TextEncoder().encode(associatedData),
      },
      key,
      fromBase64(sealed.data),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    return undefined;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
