import { describe, expect, it } from 'vitest';
import {
  OTP_AUTOFILL_SCRIPT_FILE,
  originOfOtpScriptId,
  otpRegistration,
  otpScriptId,
} from './autofill-registration';

describe('otp-autofill registrations', () => {
  it('match exactly one origin, top frame only, and carry the origin in their id', () => {
    const origin = 'http://127.0.0.1:8123';
    expect(otpRegistration(origin)).toEqual({
      id: otpScriptId(origin),
      matches: ['http://127.0.0.1:8123/*'],
      js: [OTP_AUTOFILL_SCRIPT_FILE],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
    for (const each of [origin, 'https://bücher.example', 'https://a.example:8443']) {
      expect(originOfOtpScriptId(otpScriptId(each))).toBe(each);
    }
  });

  it('ignores ids that are not its own', () => {
    expect(originOfOtpScriptId('session-bridge-6869')).toBeUndefined();
    expect(originOfOtpScriptId('otp-autofill-zz')).toBeUndefined();
    expect(originOfOtpScriptId('otp-autofill-abc')).toBeUndefined();
  });
});
