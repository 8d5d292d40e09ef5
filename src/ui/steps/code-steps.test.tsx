// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stepProps } from '../testing/fixtures';
import { ConfirmDeliveredCode } from './confirm-delivered-code';
import { ConfirmSignUp } from './confirm-sign-up';
import { ConfirmTotpCode } from './confirm-totp-code';

afterEach(cleanup);

const typeCode = (value: string, label = 'Code') => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

describe('code steps', () => {
  it('SMS: says where the code went, checks it and answers with the digits', () => {
    const props = stepProps(
      {
        name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' },
      },
      { canResend: true },
    );
    render(<ConfirmDeliveredCode {...props} />);
    expect(screen.getByText('We sent a code by text message to +*******0100.')).toBeTruthy();
    const input = screen.getByLabelText<HTMLInputElement>('Code');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('inputmode')).toBe('numeric');

    typeCode('12a456');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(screen.getByText('The code has digits only.')).toBeTruthy();
    expect(input.value).toBe('12a456');

    typeCode('123 456');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'code', code: '123456' },
    });
  });

  it('SMS: offers Resend only when Cognito allows it', () => {
    const step = { name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', codeDeliveryDetails: {} } as const;
    const { unmount } = render(<ConfirmDeliveredCode {...stepProps(step, { canResend: false })} />);
    expect(screen.queryByRole('button', { name: 'Resend code' })).toBeNull();
    unmount();
    const props = stepProps(step, { canResend: true });
    render(<ConfirmDeliveredCode {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Resend code' }));
    expect(props.send).toHaveBeenCalledWith({ type: 'resendCode', accountId: 'demo' });
  });

  it('EMAIL: masked destination and an answer with the code', () => {
    const props = stepProps({
      name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'd***@e***' },
    });
    render(<ConfirmDeliveredCode {...props} />);
    expect(screen.getByText('We sent a code by email to d***@e***.')).toBeTruthy();
    typeCode('');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(screen.getByText('Enter the code.')).toBeTruthy();
    typeCode('654321');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'code', code: '654321' },
    });
  });

  it('TOTP: a short code is refused, six digits are sent, Back restarts', () => {
    const props = stepProps({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    render(<ConfirmTotpCode {...props} />);
    typeCode('123');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(screen.getByText('The code has 6 digits.')).toBeTruthy();
    typeCode('000111');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'code', code: '000111' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'restart', accountId: 'demo' });
  });

  it('TOTP: pre-fills the vault code and says where it came from', () => {
    const props = stepProps({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    // Added with Object.assign so this test compiles before and after FlowView gains the field.
    Object.assign(props.flow, {
      authenticatorCode: { code: '246810', secondsRemaining: 17, autoAnswer: false },
    });
    render(<ConfirmTotpCode {...props} />);
    const input = screen.getByLabelText<HTMLInputElement>('Code');
    expect(input.value).toBe('246810');
    expect(screen.getByText('From your Cognito Pass authenticator (17 s left)')).toBeTruthy();
    expect(input.getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'code', code: '246810' },
    });
  });

  it('TOTP: without a vault code the input starts empty and has no source hint', () => {
    render(<ConfirmTotpCode {...stepProps({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' })} />);
    expect(screen.getByLabelText<HTMLInputElement>('Code').value).toBe('');
    expect(screen.queryByText(/From your Cognito Pass authenticator/)).toBeNull();
  });

  it('CONFIRM_SIGN_UP: answers confirmSignUp and offers a new code', () => {
    const props = stepProps({
      name: 'CONFIRM_SIGN_UP',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'g***@e***' },
    });
    render(<ConfirmSignUp {...props} />);
    expect(screen.getByText('We sent a code by email to g***@e***.')).toBeTruthy();
    typeCode('424242');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm account' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'confirmSignUp', code: '424242' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Resend code' }));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'resendCode', accountId: 'demo' });
  });

  it('CONFIRM_SIGN_UP without delivery details still explains itself', () => {
    render(<ConfirmSignUp {...stepProps({ name: 'CONFIRM_SIGN_UP' })} />);
    expect(screen.getByText('Enter the code we sent when the account was created.')).toBeTruthy();
  });
});
