/** SECRET_HASH = base64(HMAC-SHA256(key = client secret, message = username + client id)). */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/** True when `given` is the hash for any of the names the user may be addressed by. */
export function secretHashMatches(
  given: string | undefined,
  clientSecret: string,
  clientId: string,
  usernames: readonly string[],
): boolean {
  if (given === undefined) return false;
  const givenBytes = Buffer.from(given);
  return usernames.some((name) => {
    const expected = Buffer.from(secretHash(clientSecret, name, clientId));
    return expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes);
  });
}
