/**
 * PKCE (RFC 7636) with S256, and the random `state`, from WebCrypto. The random source is passed
 * in so tests can fix it.
 */
export type RandomBytes = (length: number) => Uint8Array;

export const webCryptoRandom: RandomBytes = (length) =>
  globalThis.crypto.getRandomValues(new Uint8Array(length));

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 64 random bytes → 86 characters, inside RFC 7636's 43–128 of the unreserved set. */
export function createCodeVerifier(random: RandomBytes): string {
  return base64Url(random(64));
}

export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(verifier),
  );
  return base64Url(new Uint8Array(digest));
}

/** 32 random bytes: unguessable, so a forged or replayed callback cannot match it. */
export function createState(random: RandomBytes): string {
  return base64Url(random(32));
}
