/** The manual authenticator entry form as data: checks before sending, and the request. */
import type { OtpPageRequest } from '../../platform/feature-protocol';

export interface ManualOtpForm {
  issuer: string;
  account: string;
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: '6' | '8';
  period: string;
}

export const EMPTY_MANUAL_OTP: ManualOtpForm = {
  issuer: '',
  account: '',
  secret: '',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
};

export interface ManualOtpProblems {
  account?: string;
  secret?: string;
  period?: string;
}

export type ManualOtpResult =
  | { ok: true; request: Extract<OtpPageRequest, { type: 'otp:addManual' }> }
  | { ok: false; problems: ManualOtpProblems };

export function manualOtpRequest(form: ManualOtpForm): ManualOtpResult {
  const problems: ManualOtpProblems = {};
  const account = form.account.trim();
  // Keys are shown in groups with spaces (and sometimes dashes); base32 itself has neither.
  const secret = form.secret.replace(/[\s-]/g, '').toUpperCase();
  if (account === '') problems.account = 'Enter the account name (usually your username or email).';
  if (secret === '') problems.secret = 'Enter the setup key the site showed.';
  else if (!/^[A-Z2-7]+=*$/.test(secret)) {
    problems.secret = 'A setup key uses only the letters A–Z and the digits 2–7.';
  }
  const period = Number(form.period);
  if (!Number.isInteger(period) || period < 1 || period > 300) {
    problems.period = 'The period is a whole number of seconds from 1 to 300 (usually 30).';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      type: 'otp:addManual',
      issuer: form.issuer.trim(),
      account,
      secret,
      algorithm: form.algorithm,
      digits: form.digits === '8' ? 8 : 6,
      period,
    },
  };
}
