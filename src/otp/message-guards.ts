/**
 * Dependency-free checks of the messages the content script receives, so it does not ship
 * valibot (the content script has an 8 KB budget). They accept exactly what the valibot schemas
 * in messages.ts accept; message-guards.test.ts holds them to that.
 */
import type { OtpCodeResponse, OtpFillCommand } from './messages';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasExactly = (value: Record<string, unknown>, keys: readonly string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
};

const isCode = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9]{6,8}$/.test(value);

const isText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;

export function isOtpCodeResponse(value: unknown): value is OtpCodeResponse {
  if (!isRecord(value)) return false;
  if (value.ok === true) {
    const seconds = value.secondsRemaining;
    return (
      hasExactly(value, ['ok', 'code', 'secondsRemaining']) &&
      isCode(value.code) &&
      typeof seconds === 'number' &&
      Number.isInteger(seconds) &&
      seconds >= 1 &&
      seconds <= 300
    );
  }
  const error = value.error;
  return (
    value.ok === false &&
    hasExactly(value, ['ok', 'error']) &&
    isRecord(error) &&
    hasExactly(error, ['code', 'message', 'recovery']) &&
    isText(error.code, 64) &&
    isText(error.message, 512) &&
    isText(error.recovery, 512)
  );
}

export function isOtpFillCommand(value: unknown): value is OtpFillCommand {
  return (
    isRecord(value) &&
    hasExactly(value, ['type', 'code']) &&
    value.type === 'otp:fill' &&
    isCode(value.code)
  );
}
