/**
 * The one error shape of session sharing: a stable code for programs, a plain message for people
 * and what to do next — the same `{ code, message, recovery }` triple the page protocol uses.
 */
export interface SiteErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly recovery: string;
}

export class SiteError extends Error implements SiteErrorInfo {
  readonly code: string;
  readonly recovery: string;

  constructor(info: SiteErrorInfo) {
    super(info.message);
    this.name = 'SiteError';
    this.code = info.code;
    this.recovery = info.recovery;
  }

  toInfo(): SiteErrorInfo {
    return { code: this.code, message: this.message, recovery: this.recovery };
  }
}
