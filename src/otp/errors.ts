/**
 * The one error shape of the authenticator: a stable code for programs, a plain message for
 * people and what to do next. The same `{ code, message, recovery }` triple the page protocol
 * uses, so the popup can show any of these without translation.
 */
export interface OtpErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly recovery: string;
}

export class OtpError extends Error implements OtpErrorInfo {
  readonly code: string;
  readonly recovery: string;

  constructor(info: OtpErrorInfo) {
    super(info.message);
    this.name = 'OtpError';
    this.code = info.code;
    this.recovery = info.recovery;
  }

  toInfo(): OtpErrorInfo {
    return { code: this.code, message: this.message, recovery: this.recovery };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: OtpErrorInfo };

export const failure = (code: string, message: string, recovery: string): Result<never> => ({
  ok: false,
  error: { code, message, recovery },
});
