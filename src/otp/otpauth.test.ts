import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, parseOtpauthUri, type OtpauthKey } from './otpauth';

const SECRET = 'JBSWY3DPEHPK3PXP';

function parsed(uri: string): OtpauthKey {
  const result = parseOtpauthUri(uri);
  if (!result.ok) throw new Error(`expected ${uri} to parse, got ${result.error.code}`);
  return result.value;
}

describe('parseOtpauthUri: valid keys', () => {
  it('reads issuer and account from the label, applies the defaults', () => {
    expect(parsed(`otpauth://totp/ACME%20Co:john%40example.com?secret=${SECRET}`)).toEqual({
      issuer: 'ACME Co',
      account: 'john@example.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('reads every parameter, case-insensitive algorithm and type', () => {
    expect(
      parsed(
        `OTPAUTH://TOTP/Example:alice?secret=${SECRET.toLowerCase()}&issuer=Example&algorithm=sha512&digits=8&period=60`,
      ),
    ).toEqual({
      issuer: 'Example',
      account: 'alice',
      secret: SECRET,
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
  });

  it('takes the issuer from the parameter when the label has none', () => {
    const key = parsed(`otpauth://totp/bob?secret=${SECRET}&issuer=Amazon+Cognito`);
    expect(key.issuer).toBe('Amazon Cognito');
    expect(key.account).toBe('bob');
  });

  it('accepts no issuer at all, padding, spaces in the secret and a space after the colon', () => {
    expect(parsed(`otpauth://totp/carol?secret=JBSW%20Y3DP%20EHPK%203PXP%3D%3D`).issuer).toBe('');
    expect(parsed(`otpauth://totp/Big%20Corp:%20carol?secret=${SECRET}`).account).toBe('carol');
  });

  it('decodes non-ASCII names and ignores parameters it does not know', () => {
    const key = parsed(
      `otpauth://totp/%E8%AA%8D%E8%A8%BC:%C3%A9lodie?secret=${SECRET}&image=https%3A%2F%2Fx.test%2Fa.png`,
    );
    expect(key.issuer).toBe('認証');
    expect(key.account).toBe('élodie');
  });
});

describe('parseOtpauthUri: one clear error per defect', () => {
  const cases: [string, string][] = [
    ['not a link at all', 'OTPAUTH_NOT_A_URI'],
    [`https://example.com/totp/a?secret=${SECRET}`, 'OTPAUTH_WRONG_SCHEME'],
    [`otpauth:totp/a?secret=${SECRET}`, 'OTPAUTH_MALFORMED'],
    [`otpauth://totp/a?secret=${SECRET}#frag`, 'OTPAUTH_MALFORMED'],
    [`otpauth://hotp/a?secret=${SECRET}&counter=1`, 'OTPAUTH_HOTP_UNSUPPORTED'],
    [`otpauth://motp/a?secret=${SECRET}`, 'OTPAUTH_UNKNOWN_TYPE'],
    [`otpauth://totp/?secret=${SECRET}`, 'OTPAUTH_MISSING_ACCOUNT'],
    [`otpauth://totp/Issuer:%20?secret=${SECRET}`, 'OTPAUTH_MISSING_ACCOUNT'],
    [`otpauth://totp/a%E0%A4%A?secret=${SECRET}`, 'OTPAUTH_BAD_ENCODING'],
    ['otpauth://totp/a?issuer=x', 'OTPAUTH_MISSING_SECRET'],
    ['otpauth://totp/a?secret=', 'OTPAUTH_MISSING_SECRET'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PX0', 'OTP_SECRET_NOT_BASE32'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXPA', 'OTP_SECRET_TRUNCATED'],
    ['otpauth://totp/a?secret=JBSWY3DP', 'OTP_SECRET_TOO_SHORT'],
    [`otpauth://totp/a?secret=${'A'.repeat(112)}`, 'OTP_SECRET_TOO_LONG'],
    [`otpauth://totp/a?secret=${SECRET}&secret=${SECRET}`, 'OTPAUTH_DUPLICATE_PARAMETER'],
    [`otpauth://totp/Google:a?secret=${SECRET}&issuer=Gooogle`, 'OTPAUTH_ISSUER_MISMATCH'],
    [`otpauth://totp/a?secret=${SECRET}&algorithm=MD5`, 'OTP_UNKNOWN_ALGORITHM'],
    [`otpauth://totp/a?secret=${SECRET}&digits=7`, 'OTP_BAD_DIGITS'],
    [`otpauth://totp/a?secret=${SECRET}&digits=six`, 'OTP_BAD_DIGITS'],
    [`otpauth://totp/a?secret=${SECRET}&period=0`, 'OTP_BAD_PERIOD'],
    [`otpauth://totp/a?secret=${SECRET}&period=30.5`, 'OTP_BAD_PERIOD'],
    [`otpauth://totp/a?secret=${SECRET}&period=-30`, 'OTP_BAD_PERIOD'],
    [`otpauth://totp/a?secret=${SECRET}&x=${'y'.repeat(2100)}`, 'OTPAUTH_TOO_LONG'],
  ];

  it.each(cases)('%s → %s', (uri, code) => {
    const result = parseOtpauthUri(uri);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(result.error.recovery.length).toBeGreaterThan(10);
  });

  it('never repeats the secret in an error message', () => {
    const secret = 'JBSWY3DPEHPK3PX1';
    const result = parseOtpauthUri(`otpauth://totp/a?secret=${secret}`);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('formatOtpauthUri', () => {
  it('spells every parameter out and percent-encodes the label and issuer', () => {
    expect(
      formatOtpauthUri({
        issuer: 'ACME Co',
        account: 'john+test@example.com',
        secret: SECRET,
        algorithm: 'SHA256',
        digits: 8,
        period: 45,
      }),
    ).toBe(
      `otpauth://totp/ACME%20Co:john%2Btest%40example.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=45`,
    );
  });

  it('round-trips any key through parse', () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const base32Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split(''));
    const key = fc.record({
      issuer: fc.oneof(fc.constant(''), name),
      account: name,
      secret: fc.array(base32Char, { minLength: 16, maxLength: 16 * 5 }).map((chars) => {
        const text = chars.join('');
        return text.slice(0, text.length - (text.length % 8));
      }),
      algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: fc.constantFrom(6 as const, 8 as const),
      period: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(key, (k) => {
        expect(parsed(formatOtpauthUri(k))).toEqual(k);
      }),
    );
  });
});
