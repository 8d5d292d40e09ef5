import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isBridgeApply } from './bridge-apply-guard';
import { BridgeApplySchema } from './bridge-messages';

// Strings near every boundary the schema has (lengths 0/1/2/7/8, forbidden characters).
const text = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'ab',
    'abcdefg',
    'abcdefgh',
    'a;b',
    'a b',
    'a,b',
    'a=b',
    'x'.repeat(513),
  ),
  fc.string({ maxLength: 12 }),
);
const anyValue = fc.oneof(
  text,
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
);
const area = fc.constantFrom('localStorage', 'cookie', 'sessionStorage');

const write = fc.oneof(
  fc.record({ area, key: text, value: text }),
  fc.record({ area, name: text, value: text, secure: fc.oneof(fc.boolean(), anyValue) }),
  fc.record({ area, key: text, value: text, extra: anyValue }),
  anyValue,
);
const removal = fc.oneof(
  fc.record({
    area,
    prefix: text,
    suffixes: fc.array(text, { maxLength: 17 }),
    secure: fc.oneof(fc.boolean(), anyValue),
  }),
  fc.record({ area, prefix: text, suffixes: fc.array(text, { maxLength: 2 }) }),
  anyValue,
);
// Mostly-valid parts, so that plenty of whole messages pass and the edges get exercised.
const validWrite = fc.oneof(
  fc.record({ area: fc.constant('localStorage'), key: text, value: text }),
  fc.record({ area: fc.constant('cookie'), name: text, value: text, secure: fc.boolean() }),
);
const validRemoval = fc.record({
  area: fc.constantFrom('localStorage', 'cookie'),
  prefix: text,
  suffixes: fc.array(text, { minLength: 1, maxLength: 3 }),
  secure: fc.boolean(),
});
const message = fc.oneof(
  fc.record({
    type: fc.constant('bridge:apply'),
    writes: fc.array(validWrite, { maxLength: 3 }),
    removals: fc.array(validRemoval, { maxLength: 2 }),
  }),
  fc.record({
    type: fc.constantFrom('bridge:apply', 'bridge:getSession'),
    writes: fc.array(write, { maxLength: 17 }),
    removals: fc.array(removal, { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('bridge:apply'),
    writes: fc.array(write, { maxLength: 3 }),
    removals: fc.array(removal, { maxLength: 2 }),
    extra: anyValue,
  }),
  fc.record({
    type: fc.constant('bridge:apply'),
    writes: fc.array(validWrite, { maxLength: 2 }),
    removals: fc.array(validRemoval, { maxLength: 1 }),
    version: fc.oneof(
      fc.constantFrom('0123456789abcdef', '0123456789ABCDEF', '0123456789abcde', undefined),
      fc.stringMatching(/^[0-9a-f]{15,17}$/),
      anyValue,
    ),
  }),
  anyValue,
  fc.array(anyValue),
);

describe('the bridge’s hand-written apply guard', () => {
  it('agrees with BridgeApplySchema on generated messages', () => {
    let accepted = 0;
    fc.assert(
      fc.property(message, (candidate) => {
        const expected = v.is(BridgeApplySchema, candidate);
        if (expected) accepted += 1;
        expect(isBridgeApply(candidate)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both outcomes, or the agreement proves nothing.
    expect(accepted).toBeGreaterThan(20);
  });
});
