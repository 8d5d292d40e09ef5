/**
 * One-time codes (sign-up, forgot password, attribute verification, SMS/email MFA and OTP):
 * random digits, an expiry and a small attempt budget, checked the way Cognito answers.
 */
import { randomInt } from 'node:crypto';
import { Errors } from './errors';

export interface IssuedCode {
  code: string;
  expiresAt: number;
  attempts: number;
}

export type RandomDigit = () => number;

export const cryptoDigit: RandomDigit = () => randomInt(10);

export function randomDigits(length: number, digit: RandomDigit = cryptoDigit): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(digit());
  return code;
}

export function issueCode(now: number, validityMs: number, digit?: RandomDigit): IssuedCode {
  return { code: randomDigits(6, digit), expiresAt: now + validityMs, attempts: 0 };
}

export type CodeCheck = 'ok' | 'mismatch' | 'expired' | 'exhausted';

export const MAX_CODE_ATTEMPTS = 5;

/** Pure check; the caller stores `attempts + 1` after a mismatch. */
export function checkCode(issued: IssuedCode | undefined, given: string, now: number): CodeCheck {
  if (!issued) return 'expired';
  if (issued.attempts >= MAX_CODE_ATTEMPTS) return 'exhausted';
  if (issued.expiresAt <= now) return 'expired';
  return issued.code === given.trim() ? 'ok' : 'mismatch';
}

/** Throws Cognito's error for a failed check of a verification (not MFA) code. */
export function assertCodeOk(result: CodeCheck): void {
  if (result === 'mismatch') throw Errors.codeMismatch();
  if (result === 'expired') throw Errors.codeExpired();
  if (result === 'exhausted') throw Errors.attemptsExceeded();
}
