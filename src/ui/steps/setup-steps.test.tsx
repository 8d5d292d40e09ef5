// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stepProps } from '../testing/fixtures';
import { EmailSetup } from './email-setup';
import { groupSecret, TotpSetup } from './totp-setup';

afterEach(cleanup);

const totpStep = {
  name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
  totpSetupDetails: {
    sharedSecret: 'JBSWY3DPEHPK3PXP',
    otpauthUri: 'otpauth://totp/Demo:mallory?secret=JBSWY3DPEHPK3PXP&issuer=Demo',
  },
} as const;

describe('TOTP setup', () => {
  it('draws the QR code as SVG and shows the key to copy', async () => {
    render(<TotpSetup {...stepProps(totpStep)} />);
    const qr = screen.getByRole('img', { name: /QR code/ });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    // The QR encoder is loaded on first use (popup bundle budget): its modules follow shortly.
    await waitFor(() => {
      expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    });
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy key' })).toBeTruthy();
  });

  it('sends the code with "save to authenticator" ticked by default', () => {
    const props = stepProps(totpStep);
    render(<TotpSetup {...props} />);
    const save = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Save to Cognito Pass authenticator',
    });
    expect(save.checked).toBe(true);
    fireEvent.input(screen.getByLabelText('Code from the app'), { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(props.send).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Code from the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'totpSetup', code: '123456', saveToAuthenticator: true },
    });
  });

  it('respects an unticked "save to authenticator"', () => {
    const props = stepProps(totpStep);
    render(<TotpSetup {...props} />);
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.input(screen.getByLabelText('Code from the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'totpSetup', code: '123456', saveToAuthenticator: false },
    });
  });

  it('groups secrets by four', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(groupSecret('ABCD')).toBe('ABCD');
  });
});

describe('email setup', () => {
  it('email: refuses a malformed address, sends the trimmed one', () => {
    const props = stepProps({ name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' });
    render(<EmailSetup {...props} />);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'mallory@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a code' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(screen.getByText('This is not an email address.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Email address'), {
      target: { value: ' mallory@example.com ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send a code' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'emailSetup', email: 'mallory@example.com' },
    });
  });
});
