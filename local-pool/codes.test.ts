import { describe, expect, it } from 'vitest';
import { MAX_CODE_ATTEMPTS, assertCodeOk, checkCode, issueCode, randomDigits } from './codes';

describe('one-time codes', () => {
  it('are six random digits', () => {
    const codes = new Set(Array.from({ length: 50 }, () => issueCode(0, 1000).code));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(40);
    let i = 0;
    expect(randomDigits(4, () => i++ % 10)).toBe('0123');
  });

  it('check: ok, mismatch, expired, exhausted', () => {
    const issued = { code: '123456', expiresAt: 1000, attempts: 0 };
    expect(checkCode(issued, '123456', 999)).toBe('ok');
    expect(checkCode(issued, ' 123456 ', 999)).toBe('ok');
    expect(checkCode(issued, '654321', 999)).toBe('mismatch');
    expect(checkCode(issued, '123456', 1000)).toBe('expired');
    expect(checkCode(undefined, '123456', 0)).toBe('expired');
    expect(checkCode({ ...issued, attempts: MAX_CODE_ATTEMPTS }, '123456', 0)).toBe('exhausted');
  });

  it('map to Cognito exceptions', () => {
    expect(() => assertCodeOk('mismatch')).toThrow(
      expect.objectContaining({ type: 'CodeMismatchException' }) as Error,
    );
    expect(() => assertCodeOk('expired')).toThrow(
      expect.objectContaining({ type: 'ExpiredCodeException' }) as Error,
    );
    expect(() => assertCodeOk('exhausted')).toThrow(
      expect.objectContaining({ type: 'LimitExceededException' }) as Error,
    );
    expect(() => assertCodeOk('ok')).not.toThrow();
  });
});
