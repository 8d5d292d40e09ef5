import { describe, expect, it } from 'vitest';
import { parseCallback } from './callback';

const REDIRECT = 'https://abc.chromiumapp.org/';
const parse = (callbackUrl: string) =>
  parseCallback({ callbackUrl, redirectUri: REDIRECT, expectedState: 'good-state' });

describe('parseCallback', () => {
  it('returns the code when the state matches', () => {
    expect(parse(`${REDIRECT}?code=abc&state=good-state`)).toEqual({ code: 'abc' });
  });

  it('checks the state first, even on errors', () => {
    expect(() => parse(`${REDIRECT}?code=abc&state=other`)).toThrow(
      expect.objectContaining({ code: 'HostedUiStateMismatch' }),
    );
    expect(() => parse(`${REDIRECT}?code=abc`)).toThrow(
      expect.objectContaining({ code: 'HostedUiStateMismatch' }),
    );
    expect(() => parse(`${REDIRECT}?error=access_denied&state=other`)).toThrow(
      expect.objectContaining({ code: 'HostedUiStateMismatch' }),
    );
  });

  it('maps access_denied and other RFC 6749 errors', () => {
    expect(() => parse(`${REDIRECT}?error=access_denied&state=good-state`)).toThrow(
      expect.objectContaining({ code: 'HostedUiAccessDenied' }),
    );
    expect(() =>
      parse(`${REDIRECT}?error=invalid_scope&error_description=Scope+x&state=good-state`),
    ).toThrow(
      expect.objectContaining({
        code: 'HostedUiError',
        message: 'The sign-in page answered invalid_scope: Scope x',
      }),
    );
  });

  it('refuses another address, no code, and garbage', () => {
    expect(() => parse('https://evil.example/?code=abc&state=good-state')).toThrow(
      expect.objectContaining({ code: 'HostedUiNoCode' }),
    );
    expect(() => parse(`${REDIRECT}?state=good-state`)).toThrow(
      expect.objectContaining({ code: 'HostedUiNoCode' }),
    );
    expect(() => parse('not a url')).toThrow(expect.objectContaining({ code: 'HostedUiNoCode' }));
  });

  it('reads a fragment answer too', () => {
    expect(parse(`${REDIRECT}#code=frag&state=good-state`)).toEqual({ code: 'frag' });
  });
});
