import { describe, expect, it } from 'vitest';
import { SiteError } from './errors';
import { normalizeOrigin, originMatchPattern, originOfUrl } from './origin';

function codeOf(input: string): string {
  try {
    normalizeOrigin(input);
  } catch (error) {
    if (error instanceof SiteError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('normalizeOrigin', () => {
  it.each([
    ['https://App.Example.com', 'https://app.example.com'],
    ['https://app.example.com/', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['  http://localhost:8080/  ', 'http://localhost:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });

  it.each([
    ['', 'OriginEmpty'],
    ['https://*.example.com', 'OriginWildcard'],
    ['*://example.com', 'OriginWildcard'],
    ['example.com', 'OriginInvalid'],
    ['ftp://example.com', 'OriginScheme'],
    ['file:///etc/passwd', 'OriginScheme'],
    ['chrome-extension://abcdef', 'OriginScheme'],
    ['javascript:alert(1)', 'OriginScheme'],
    ['https://example.com/app', 'OriginPath'],
    ['https://example.com/?x=1', 'OriginPath'],
    ['https://example.com/#top', 'OriginPath'],
    ['https://example.com?', 'OriginPath'],
    ['https://user:pw@example.com', 'OriginCredentials'],
  ])('rejects %j with %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('explains what to enter instead', () => {
    expect(() => normalizeOrigin('https://example.com/app')).toThrow(/without a path/);
    try {
      normalizeOrigin('ftp://x');
    } catch (error) {
      expect((error as SiteError).recovery).toMatch(/https:\/\/app\.example\.com/);
    }
  });
});

describe('originOfUrl', () => {
  it('returns the origin of web URLs only', () => {
    expect(originOfUrl('http://127.0.0.1:5173/a/b?c#d')).toBe('http://127.0.0.1:5173');
    expect(originOfUrl('chrome://newtab/')).toBeUndefined();
    expect(originOfUrl('about:blank')).toBeUndefined();
    expect(originOfUrl('not a url')).toBeUndefined();
    expect(originOfUrl(undefined)).toBeUndefined();
  });
});

it('originMatchPattern covers the whole origin', () => {
  expect(originMatchPattern('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/*');
});
