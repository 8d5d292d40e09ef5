import { createHmac } from 'node:crypto';
import { AlgorithmUnsupportedError, type HashAlgorithm } from 'otplib';
import { describe, expect, it } from 'vitest';
import { createWebCryptoPlugin } from './web-crypto-plugin';

const key = new TextEncoder().encode('12345678901234567890');
const counter = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]);

describe('WebCrypto plugin for otplib', () => {
  const plugin = createWebCryptoPlugin();

  it.each([
    ['sha1', 'sha1'],
    ['SHA-1', 'sha1'],
    ['sha_256', 'sha256'],
    ['SHA512', 'sha512'],
  ])('HMAC-%s equals Node’s HMAC-%s', async (spelling, node) => {
    const ours = await plugin.hmac(spelling as HashAlgorithm, key, counter);
    expect(Buffer.from(ours).toString('hex')).toBe(
      createHmac(node, key).update(counter).digest('hex'),
    );
  });

  it('refuses any other digest instead of falling back', async () => {
    await expect(plugin.hmac('md5' as HashAlgorithm, key, counter)).rejects.toBeInstanceOf(
      AlgorithmUnsupportedError,
    );
  });

  it('random bytes of the asked length, and a constant-time comparison that is right', () => {
    expect(plugin.randomBytes(20)).toHaveLength(20);
    expect(plugin.constantTimeEqual('123456', '123456')).toBe(true);
    expect(plugin.constantTimeEqual('123456', '123457')).toBe(false);
    expect(plugin.constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
