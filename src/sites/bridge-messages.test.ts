import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BridgeApplySchema, BridgeRequestSchema, isBridgeTraffic } from './bridge-messages';

describe('bridge request', () => {
  it('accepts only { type: "bridge:getSession" } with nothing else in it', () => {
    expect(v.is(BridgeRequestSchema, { type: 'bridge:getSession' })).toBe(true);
    for (const crafted of [
      { type: 'bridge:getSession', origin: 'https://other.example' },
      { type: 'bridge:getSession', accountId: 'demo' },
      { type: 'bridge:apply', writes: [], removals: [] },
      { type: 'getState' },
      'bridge:getSession',
      null,
      42,
      [],
    ]) {
      expect(v.is(BridgeRequestSchema, crafted)).toBe(false);
    }
  });

  it('recognises bridge traffic by its type prefix only', () => {
    expect(isBridgeTraffic({ type: 'bridge:whatever' })).toBe(true);
    expect(isBridgeTraffic({ type: 'getState' })).toBe(false);
    expect(isBridgeTraffic('bridge:getSession')).toBe(false);
    expect(isBridgeTraffic(null)).toBe(false);
  });
});

describe('bridge apply', () => {
  const valid = {
    type: 'bridge:apply',
    writes: [
      {
        area: 'localStorage',
        key: 'CognitoIdentityServiceProvider.c.LastAuthUser',
        value: 'alice',
      },
      {
        area: 'cookie',
        name: 'CognitoIdentityServiceProvider.c.a%40b.idToken',
        value: 'x.y.z',
        secure: true,
      },
    ],
    removals: [
      {
        area: 'localStorage',
        prefix: 'CognitoIdentityServiceProvider.c.',
        suffixes: ['.idToken'],
        secure: false,
      },
    ],
  };

  it('accepts a well-formed change set', () => {
    expect(v.is(BridgeApplySchema, valid)).toBe(true);
  });

  it.each([
    ['an extra field', { ...valid, extra: 1 }],
    [
      'a cookie name with a semicolon',
      { ...valid, writes: [{ area: 'cookie', name: 'a;b', value: '', secure: true }] },
    ],
    [
      'a cookie value that injects attributes',
      { ...valid, writes: [{ area: 'cookie', name: 'a', value: 'x; Domain=evil', secure: true }] },
    ],
    ['an unknown area', { ...valid, writes: [{ area: 'sessionStorage', key: 'k', value: 'v' }] }],
    [
      'a prefix that would wipe everything',
      {
        ...valid,
        removals: [{ area: 'localStorage', prefix: 'C', suffixes: ['.x'], secure: false }],
      },
    ],
    [
      'a removal without suffixes',
      {
        ...valid,
        removals: [
          { area: 'localStorage', prefix: 'CognitoIdentity', suffixes: [], secure: false },
        ],
      },
    ],
  ])('rejects %s', (_name, message) => {
    expect(v.is(BridgeApplySchema, message)).toBe(false);
  });
});
