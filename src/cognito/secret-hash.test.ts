import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from './secret-hash';

describe('secretHash', () => {
  it('is base64 HMAC-SHA256 of username + client id keyed by the secret', async () => {
    const expected = createHmac('sha256', 'demo-client-secret')
      .update('alice3demo0secret0client0000000')
      .digest('base64');
    await expect(
      secretHash('alice', '3demo0secret0client0000000', 'demo-client-secret'),
    ).resolves.toBe(expected);
  });

  it('depends on the username and handles non-ASCII as UTF-8', async () => {
    const expected = createHmac('sha256', 's3cr3t')
      .update('zoë@example.comabc', 'utf8')
      .digest('base64');
    await expect(secretHash('zoë@example.com', 'abc', 's3cr3t')).resolves.toBe(expected);
    expect(await secretHash('a', 'c', 's')).not.toBe(await secretHash('b', 'c', 's'));
  });
});
