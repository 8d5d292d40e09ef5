/**
 * TOTP codes (RFC 6238) through otplib's TOTP class with WebCrypto HMAC (web-crypto-plugin.ts)
 * and scure base32: no Node builtins and no synchronous crypto, so it runs unchanged in the MV3
 * service worker, the popup and Node tests. Time is always passed in (milliseconds since epoch).
 * Not otplib's functional `generate`: it defaults to the noble plugin, which the bundle would
 * then carry even though we always pass our own.
 */
import { createGuardrails, ScureBase32Plugin, TOTP } from 'otplib';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, type TotpParameters } from './totp-parameters';
import { createWebCryptoPlugin } from './web-crypto-plugin';

const crypto = createWebCryptoPlugin();
const base32 = new ScureBase32Plugin();
// otplib refuses secrets under 16 bytes by default; ours are validated on the way in with the
// limits in totp-parameters (80-bit secrets are common, Cognito's demo seed uses them).
const guardrails = createGuardrails({
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
});

const ALGORITHM = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;

/** The code valid at `nowMs`. */
export function generateTotp(parameters: TotpParameters, nowMs: number): Promise<string> {
  return new TOTP({
    algorithm: ALGORITHM[parameters.algorithm],
    digits: parameters.digits,
    period: parameters.period,
    crypto,
    base32,
    guardrails,
  }).generate({ secret: parameters.secret, epoch: Math.floor(nowMs / 1000) });
}

/** Whole seconds until the code shown at `nowMs` changes (1…period). */
export function secondsRemaining(period: number, nowMs: number): number {
  const periodMs = period * 1000;
  return Math.ceil((periodMs - (nowMs % periodMs)) / 1000);
}

export interface CodeForSubmission {
  readonly code: string;
  /** When to send it: `nowMs`, or the start of the next period when the current one is ending. */
  readonly sendAtMs: number;
  /** Seconds the code stays valid from `sendAtMs`. */
  readonly validForSeconds: number;
}

/**
 * The code to send to a server, avoiding one that would expire in flight: when fewer than
 * `minRemainingSeconds` remain, it is the next period's code, to be sent when that period starts.
 */
export async function codeForSubmission(
  parameters: TotpParameters,
  nowMs: number,
  minRemainingSeconds: number,
): Promise<CodeForSubmission> {
  const periodMs = parameters.period * 1000;
  const remainingMs = periodMs - (nowMs % periodMs);
  if (remainingMs >= minRemainingSeconds * 1000) {
    return {
      code: await generateTotp(parameters, nowMs),
      sendAtMs: nowMs,
      validForSeconds: Math.floor(remainingMs / 1000),
    };
  }
  const nextPeriodStart = nowMs + remainingMs;
  return {
    code: await generateTotp(parameters, nextPeriodStart),
    sendAtMs: nextPeriodStart,
    validForSeconds: parameters.period,
  };
}
