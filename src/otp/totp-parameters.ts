/**
 * What defines a TOTP generator (RFC 6238) and the strict rules every entry obeys, wherever it
 * came from (an otpauth URI, Cognito's setup step, manual entry). Kept free of otplib so the
 * content script and the popup can validate without pulling the crypto in.
 */
import { failure, type Result } from './errors';

export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];
export const TOTP_DIGITS = [6, 8] as const;
export type TotpDigits = (typeof TOTP_DIGITS)[number];

export interface TotpParameters {
  /** Canonical base32: upper case, no spaces, no padding. */
  readonly secret: string;
  readonly algorithm: TotpAlgorithm;
  readonly digits: TotpDigits;
  /** Seconds per code. */
  readonly period: number;
}

export const DEFAULT_ALGORITHM: TotpAlgorithm = 'SHA1';
export const DEFAULT_DIGITS: TotpDigits = 6;
export const DEFAULT_PERIOD = 30;
// 80 bits is what Google Authenticator and Cognito's demo secrets use; RFC 4226 asks for 128 but
// refusing 80-bit secrets would refuse real accounts. 64 bytes is a SHA-512 block.
export const MIN_SECRET_BYTES = 10;
export const MAX_SECRET_BYTES = 64;
export const MIN_PERIOD = 1;
export const MAX_PERIOD = 300;

// Base32 lengths that can end a byte sequence cleanly (RFC 4648 §6): 8 chars = 5 bytes.
const VALID_BASE32_REMAINDERS = new Set([0, 2, 4, 5, 7]);

/**
 * Accepts what people paste (lower case, spaces or dashes between groups, `=` padding) and
 * returns canonical base32, or the defect.
 */
export function normalizeSecret(raw: string): Result<string> {
  const compact = raw.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (compact.length === 0) {
    return failure(
      'OTP_SECRET_MISSING',
      'The secret is empty.',
      'Copy the secret (or the whole otpauth:// link) from the site that set up two-factor sign-in.',
    );
  }
  if (!/^[A-Z2-7]+$/.test(compact)) {
    return failure(
      'OTP_SECRET_NOT_BASE32',
      'The secret is not base32: it may only contain the letters A–Z and the digits 2–7.',
      'Check for a mistyped 0, 1, 8 or 9 (base32 has none of them), or copy the secret again.',
    );
  }
  if (!VALID_BASE32_REMAINDERS.has(compact.length % 8)) {
    return failure(
      'OTP_SECRET_TRUNCATED',
      'The secret has a length no base32 text can have: a character is probably missing.',
      'Copy the whole secret again.',
    );
  }
  const bytes = Math.floor((compact.length * 5) / 8);
  if (bytes < MIN_SECRET_BYTES) {
    return failure(
      'OTP_SECRET_TOO_SHORT',
      `The secret is ${bytes} bytes long; at least ${MIN_SECRET_BYTES} are needed.`,
      'Copy the whole secret: it is usually 16 or 32 characters.',
    );
  }
  if (bytes > MAX_SECRET_BYTES) {
    return failure(
      'OTP_SECRET_TOO_LONG',
      `The secret is ${bytes} bytes long; at most ${MAX_SECRET_BYTES} are accepted.`,
      'Check that only the secret was pasted, not other text with it.',
    );
  }
  return { ok: true, value: compact };
}

export function parseAlgorithm(raw: string): Result<TotpAlgorithm> {
  const upper = raw.toUpperCase();
  const found = TOTP_ALGORITHMS.find((name) => name === upper);
  return found
    ? { ok: true, value: found }
    : failure(
        'OTP_UNKNOWN_ALGORITHM',
        `The algorithm "${raw.slice(0, 16)}" is not supported.`,
        'Use SHA1, SHA256 or SHA512 (authenticator apps use SHA1 unless told otherwise).',
      );
}

export function parseDigits(raw: string | number): Result<TotpDigits> {
  const text = String(raw);
  const found = TOTP_DIGITS.find((digits) => String(digits) === text);
  return found
    ? { ok: true, value: found }
    : failure(
        'OTP_BAD_DIGITS',
        `Codes of ${text.slice(0, 8)} digits are not supported.`,
        'Use 6 or 8 digits, as the site that issued the secret says.',
      );
}

export function parsePeriod(raw: string | number): Result<number> {
  const text = String(raw);
  const period = Number(text);
  if (!/^[0-9]{1,4}$/.test(text) || period < MIN_PERIOD || period > MAX_PERIOD) {
    return failure(
      'OTP_BAD_PERIOD',
      `The period "${text.slice(0, 8)}" is not a whole number of seconds between ${MIN_PERIOD} and ${MAX_PERIOD}.`,
      'Use the period the site gave (almost always 30).',
    );
  }
  return { ok: true, value: period };
}

/** Validates a complete set of parameters (manual entry, Cognito's setup step, stored data). */
export function validateTotpParameters(input: {
  secret: string;
  algorithm?: string;
  digits?: string | number;
  period?: string | number;
}): Result<TotpParameters> {
  const secret = normalizeSecret(input.secret);
  if (!secret.ok) return secret;
  const algorithm = parseAlgorithm(input.algorithm ?? DEFAULT_ALGORITHM);
  if (!algorithm.ok) return algorithm;
  const digits = parseDigits(input.digits ?? DEFAULT_DIGITS);
  if (!digits.ok) return digits;
  const period = parsePeriod(input.period ?? DEFAULT_PERIOD);
  if (!period.ok) return period;
  return {
    ok: true,
    value: {
      secret: secret.value,
      algorithm: algorithm.value,
      digits: digits.value,
      period: period.value,
    },
  };
}
