import { describe, expect, it } from 'vitest';
import { checkOrigin, optionsRpId } from './relying-party';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('relying party checks', () => {
  it.each([
    ['example.com', 'https://example.com', 'example.com'],
    ['example.com', 'https://app.example.com', 'example.com'],
    ['localhost', 'http://localhost:9230', 'localhost'],
    [EXT, EXT, EXT],
    ['chrome-extension://*', EXT, EXT],
  ])('%s accepts %s (RP ID %s)', (relyingPartyId, origin, rpId) => {
    expect(checkOrigin({ relyingPartyId }, origin)).toEqual({ rpId, origin });
  });

  it.each([
    ['example.com', 'http://example.com'],
    ['example.com', 'https://evilexample.com'],
    ['example.com', EXT],
    ['localhost', 'http://127.0.0.1:9230'],
    [EXT, 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba'],
    ['chrome-extension://*', 'https://example.com'],
    ['chrome-extension://*', 'chrome-extension://not-an-id'],
  ])('%s refuses %s', (relyingPartyId, origin) => {
    expect(() => checkOrigin({ relyingPartyId }, origin)).toThrow(/not allowed/);
  });

  it('puts a web RP ID in the options and leaves an extension one out', () => {
    expect(optionsRpId({ relyingPartyId: 'example.com' })).toBe('example.com');
    expect(optionsRpId({ relyingPartyId: EXT })).toBeUndefined();
  });
});
