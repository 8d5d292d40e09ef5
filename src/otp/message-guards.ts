/**
 * Dependency-free checks of the messages the content script receives, so it does not ship
 * valibot (the content script has an 8 KB budget). They accept exactly what the valibot schemas
 * in messages.ts accept; message-guards.test.ts holds them to that.
 */
import type { OtpCodeResponse } from './messages';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Own keys, sorted and joined: one string comparison checks "exactly these keys".
const keysOf = (value: Record<string, unknown>) => Object.keys(value).sort().join();

const isCode = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9]{6,8}$/.test(value);

const isText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;

export function isOtpCodeResponse(value: unknown): value is OtpCodeResponse {
  if (!isRecord(value)) return false;
  const { ok, secondsRemaining: seconds, error } = value;
  if (ok === true) {
    return (
      keysOf(value) === 'code,ok,secondsRemaining' &&
      isCode(value.code) &&
      Number.isInteger(seconds) &&
      (seconds as number) >= 1 &&
      (seconds as number) <= 300
    );
  }
  return (
    ok === false &&
    keysOf(value) === 'error,ok' &&
    isRecord(error) &&
    keysOf(error) === 'code,message,recovery' &&
    isText(error.code, 64) &&
    isText(error.message, 512) &&
    isText(error.recovery, 512)
  );
}
