import { describe, expect, it } from 'vitest';
import { secretHash, secretHashMatches } from './secret-hash';

/** The same formula through WebCrypto, an independent HMAC implementation. */
async function webCryptoHash(secret: string, username: string, clientId: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username + clientId));
  return Buffer.from(mac).toString('base64');
}

describe('SECRET_HASH', () => {
  it('is base64(HMAC-SHA256(secret, username + clientId))', async () => {
    const hash = secretHash('demo-client-secret', 'alice', '3demo0secret0client0000000');
    expect(hash).toBe(
      await webCryptoHash('demo-client-secret', 'alice', '3demo0secret0client0000000'),
    );
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
  });

  it('matches any of the names the user may be addressed by, and nothing else', () => {
    const hash = secretHash('s', 'Alice', 'client');
    expect(secretHashMatches(hash, 's', 'client', ['alice', 'Alice'])).toBe(true);
    expect(secretHashMatches(hash, 's', 'client', ['alice'])).toBe(false);
    expect(secretHashMatches(hash, 'other', 'client', ['Alice'])).toBe(false);
    expect(secretHashMatches(undefined, 's', 'client', ['Alice'])).toBe(false);
    expect(secretHashMatches('short', 's', 'client', ['Alice'])).toBe(false);
  });
});
