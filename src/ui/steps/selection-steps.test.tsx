// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stepProps } from '../testing/fixtures';
import { FirstFactorSelection } from './first-factor-selection';
import { MfaSelection } from './mfa-selection';
import { MfaSetupSelection } from './mfa-setup-selection';

afterEach(cleanup);

describe('choice steps', () => {
  it('MFA selection lists human labels and answers selectMfa', () => {
    const props = stepProps({
      name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
      allowedMFATypes: ['SMS', 'TOTP'],
    });
    render(<MfaSelection {...props} />);
    const labels = screen.getAllByRole('button').map((button) => button.textContent);
    expect(labels.slice(0, 2)).toEqual([
      expect.stringContaining('Text message'),
      expect.stringContaining('Authenticator app'),
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Authenticator app/ }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'selectMfa', mfa: 'TOTP' },
    });
  });

  it('MFA setup selection answers selectMfaSetup', () => {
    const props = stepProps({
      name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
      allowedMFATypes: ['TOTP', 'EMAIL'],
    });
    render(<MfaSetupSelection {...props} />);
    expect(screen.queryByRole('button', { name: /Text message/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Email/ }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'selectMfaSetup', mfa: 'EMAIL' },
    });
  });

  it('first-factor selection names every factor and answers selectFirstFactor', () => {
    const props = stepProps({
      name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
    });
    render(<FirstFactorSelection {...props} />);
    for (const name of [
      /^Password \(sent/,
      /^Password Your/,
      /^Email/,
      /^Text message/,
      /^Passkey/,
    ]) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    expect(
      screen
        .getAllByRole('button')
        .map((button) => button.getAttribute('data-value'))
        .slice(0, 5),
    ).toEqual(['PASSWORD_SRP', 'WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP', 'PASSWORD']);
    fireEvent.click(screen.getByRole('button', { name: /^Email/ }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'selectFirstFactor', factor: 'EMAIL_OTP' },
    });
  });

  it('choices are disabled while a request runs (no double answers)', () => {
    const props = {
      ...stepProps({ name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS'] }),
      busy: true,
    } as const;
    render(<MfaSelection {...props} />);
    const button = screen.getByRole<HTMLButtonElement>('button', { name: /Text message/ });
    expect(button.disabled).toBe(true);
  });
});
