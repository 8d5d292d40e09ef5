import { describe, expect, it } from 'vitest';
import { otpauthUri } from './otpauth';

describe('otpauthUri', () => {
  it.each([
    {
      issuer: 'Demo pool',
      account: 'mallory',
      expected:
        'otpauth://totp/Demo%20pool:mallory?secret=ABC&issuer=Demo%20pool&algorithm=SHA1&digits=6&period=30',
    },
    {
      // The Key URI format lets apps read ":" or "%3A" in the label as the issuer/account
      // separator, so an issuer containing a colon travels only in the issuer parameter.
      issuer: 'A&B: "test"',
      account: 'zoë@example.com',
      expected:
        'otpauth://totp/zo%C3%AB%40example.com?secret=ABC&issuer=A%26B%3A%20%22test%22&algorithm=SHA1&digits=6&period=30',
    },
    {
      issuer: 'A&B "test"',
      account: 'zoë@example.com',
      expected:
        'otpauth://totp/A%26B%20%22test%22:zo%C3%AB%40example.com?secret=ABC&issuer=A%26B%20%22test%22&algorithm=SHA1&digits=6&period=30',
    },
  ])('encodes issuer $issuer and account $account', ({ issuer, account, expected }) => {
    expect(otpauthUri({ secret: 'ABC', issuer, account })).toBe(expected);
  });

  it('parses back with the URL parser to the same values', () => {
    const url = new URL(
      otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'My Pool', account: 'a b' }),
    );
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('issuer')).toBe('My Pool');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/My Pool:a b');
  });
});
