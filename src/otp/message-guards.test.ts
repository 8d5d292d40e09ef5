import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isOtpCodeResponse } from './message-guards';
import { OtpCodeResponseSchema } from './messages';

const code = fc.oneof(
  fc.stringMatching(/^[0-9]{6,8}$/),
  fc.stringMatching(/^[0-9a-z]{0,10}$/),
  fc.constant('12345'),
  fc.constant('123456789'),
);
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 500, maxLength: 600 }));
const extra = fc.option(fc.record({ secret: fc.string() }), { nil: undefined });
const seconds = fc.oneof(fc.integer({ min: -5, max: 305 }), fc.double(), fc.constant('5'));

const responses = fc.oneof(
  fc
    .tuple(code, seconds, extra)
    .map(([c, s, x]) => ({ ok: true, code: c, secondsRemaining: s, ...x })),
  fc.tuple(text, text, text, extra).map(([c, m, r, x]) => ({
    ok: false,
    error: { code: c, message: m, recovery: r, ...x },
  })),
  fc.record({ ok: fc.constantFrom(true, false, 'true', 1) }),
  fc.anything(),
);
describe('message guards agree with the valibot schemas', () => {
  it('isOtpCodeResponse', () => {
    fc.assert(
      fc.property(responses, (value) => {
        expect(isOtpCodeResponse(value)).toBe(v.is(OtpCodeResponseSchema, value));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the valid shapes (so the agreement above is not all rejections)', () => {
    expect(isOtpCodeResponse({ ok: true, code: '123456', secondsRemaining: 30 })).toBe(true);
    expect(
      isOtpCodeResponse({ ok: false, error: { code: 'X', message: 'm', recovery: 'r' } }),
    ).toBe(true);
    expect(isOtpCodeResponse({ ok: true, code: '123456', secondsRemaining: 30, secret: 'x' })).toBe(
      false,
    );
  });
});
