import { describe, expect, it } from 'vitest';
import { codeForSubmission, generateTotp, secondsRemaining } from './totp';
import { RFC_6238_VECTORS, RFC_SECRETS } from './rfc6238-vectors.fixture';
import type { TotpAlgorithm, TotpParameters } from './totp-parameters';

const rfc = (algorithm: TotpAlgorithm): TotpParameters => ({
  secret: RFC_SECRETS[algorithm],
  algorithm,
  digits: 8,
  period: 30,
});

describe('generateTotp', () => {
  it('checks the RFC seeds are what the RFC says', () => {
    const decode = (b32: string) => {
      let bits = '';
      for (const c of b32)
        bits += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0');
      return Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? []).toString('ascii');
    };
    expect(decode(RFC_SECRETS.SHA1)).toBe('12345678901234567890');
    expect(decode(RFC_SECRETS.SHA256)).toBe('12345678901234567890123456789012');
    expect(decode(RFC_SECRETS.SHA512)).toBe('1234567890'.repeat(6) + '1234');
  });

  it.each(RFC_6238_VECTORS)('RFC 6238 at T=%i', async (seconds, sha1, sha256, sha512) => {
    expect(await generateTotp(rfc('SHA1'), seconds * 1000)).toBe(sha1);
    expect(await generateTotp(rfc('SHA256'), seconds * 1000)).toBe(sha256);
    expect(await generateTotp(rfc('SHA512'), seconds * 1000)).toBe(sha512);
  });

  it('makes 6-digit codes from an 80-bit secret (the demo seed) and changes every period', async () => {
    const bob: TotpParameters = {
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    };
    // Last six digits of the 8-digit code of the same HOTP value (truncation is mod 10^digits).
    const at = 1_700_000_000_000;
    const six = await generateTotp(bob, at);
    const eight = await generateTotp({ ...bob, digits: 8 }, at);
    expect(six).toMatch(/^[0-9]{6}$/);
    expect(eight.slice(2)).toBe(six);
    expect(await generateTotp(bob, at + 29_000 - (at % 30_000))).toBe(six);
    expect(await generateTotp(bob, at + 30_000)).not.toBe(six);
  });
});

describe('secondsRemaining', () => {
  it('counts down from period to 1', () => {
    expect(secondsRemaining(30, 60_000)).toBe(30);
    expect(secondsRemaining(30, 60_001)).toBe(30);
    expect(secondsRemaining(30, 61_000)).toBe(29);
    expect(secondsRemaining(30, 89_999)).toBe(1);
    expect(secondsRemaining(60, 90_000)).toBe(30);
  });
});

describe('codeForSubmission', () => {
  const params = rfc('SHA1');

  it('sends the current code now when enough of the period is left', async () => {
    const early = 1111111089_000; // 1111111089 % 30 = 9: 21 s left
    const result = await codeForSubmission(params, early, 5);
    expect(result).toEqual({
      code: await generateTotp(params, early),
      sendAtMs: early,
      validForSeconds: 21,
    });
  });

  it('waits for the next period near the end and returns the next code', async () => {
    const now = 1111111109_000; // 1 s before 1111111110
    const result = await codeForSubmission(params, now, 5);
    expect(result.sendAtMs).toBe(1111111110_000);
    expect(result.code).toBe('14050471'); // the RFC code for T=1111111111, same period
    expect(result.code).not.toBe('07081804');
    expect(result.validForSeconds).toBe(30);
  });

  it('treats the threshold as inclusive', async () => {
    const at = 1111111105_000; // exactly 5 s left
    expect((await codeForSubmission(params, at, 5)).sendAtMs).toBe(at);
    expect((await codeForSubmission(params, at + 1, 5)).sendAtMs).toBe(1111111110_000);
  });
});
