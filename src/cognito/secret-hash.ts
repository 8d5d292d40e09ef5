/**
 * SECRET_HASH: base64(HMAC-SHA256(key = client secret, message = username + client id)).
 * Cognito demands it on every call of an app client that has a secret and the hash is tied to
 * the username sent in that call, so it is computed per call, never cached.
 */
import { bytesToBase64, hmacSha256, utf8 } from './srp/bytes';

export async function secretHash(
  username: string,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  return bytesToBase64(await hmacSha256(utf8(clientSecret), utf8(username + clientId)));
}
