import { describe, expect, it } from 'vitest';
import { EMPTY_MANUAL_OTP, manualOtpRequest } from './manual-otp-form';

describe('manualOtpRequest', () => {
  it('builds otp:addManual with the key cleaned of spaces and in upper case', () => {
    expect(
      manualOtpRequest({
        ...EMPTY_MANUAL_OTP,
        issuer: ' Demo ',
        account: 'alice@example.com',
        secret: 'jbsw y3dp-ehpk 3pxp',
        digits: '8',
        algorithm: 'SHA256',
        period: '60',
      }),
    ).toEqual({
      ok: true,
      request: {
        type: 'otp:addManual',
        issuer: 'Demo',
        account: 'alice@example.com',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      },
    });
  });

  it('names each problem: missing account, non-base32 key, bad period', () => {
    const result = manualOtpRequest({ ...EMPTY_MANUAL_OTP, secret: 'abc1', period: '0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.account).toMatch(/account name/);
    expect(result.problems.secret).toMatch(/A–Z and the digits 2–7/);
    expect(result.problems.period).toMatch(/1 to 300/);
    const empty = manualOtpRequest({ ...EMPTY_MANUAL_OTP, account: 'a', period: '30.5' });
    expect(empty.ok ? {} : empty.problems).toEqual({
      secret: 'Enter the setup key the site showed.',
      period: 'The period is a whole number of seconds from 1 to 300 (usually 30).',
    });
  });
});
