// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepOf } from '../../signin/steps';
import { stepProps } from '../testing/fixtures';
import { ConfirmPassword } from './confirm-password';
import { NewPasswordRequired } from './new-password-required';
import { ResetPassword } from './reset-password';
import { SignUp } from './sign-up';

afterEach(cleanup);

const type = (label: string, value: string) => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

describe('CONFIRM_SIGN_IN_WITH_PASSWORD', () => {
  it('answers with the password', () => {
    const props = stepProps({ name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }, { username: 'judy' });
    render(<ConfirmPassword {...props} />);
    expect(screen.getByText('Signing in as judy.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    type('Password', 'Passw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'password', password: 'Passw0rd!' },
    });
  });
});

describe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', () => {
  const step: StepOf<'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'> = {
    name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
    missingAttributes: ['name', 'phone_number'],
    currentAttributes: { email: 'frank@example.com', phone_number: '+15555550199' },
  };

  it('pre-fills missing attributes from the current ones', () => {
    render(<NewPasswordRequired {...stepProps(step)} />);
    expect(screen.getByLabelText<HTMLInputElement>('Full name').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').value).toBe('+15555550199');
    expect(screen.queryByLabelText('Email')).toBeNull();
  });

  it('checks the confirmation and the attributes, keeping what was typed', () => {
    const props = stepProps(step);
    render(<NewPasswordRequired {...props} />);
    type('New password', 'N3wPassw0rd!');
    type('Confirm new password', 'N3wPassw0rd?');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
    expect(screen.getByText('Enter full name.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('New password').value).toBe('N3wPassw0rd!');
  });

  it('sends the new password and only the missing attributes', () => {
    const props = stepProps(step);
    render(<NewPasswordRequired {...props} />);
    type('New password', 'N3wPassw0rd!');
    type('Confirm new password', 'N3wPassw0rd!');
    type('Full name', ' Frank Admin ');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: {
        kind: 'newPassword',
        newPassword: 'N3wPassw0rd!',
        attributes: { name: 'Frank Admin', phone_number: '+15555550199' },
      },
    });
  });
});

describe('RESET_PASSWORD', () => {
  it('REQUEST: asks for the username (pre-filled) and sends resetRequest', () => {
    const props = stepProps({ name: 'RESET_PASSWORD', phase: 'REQUEST' }, { username: 'heidi' });
    render(<ResetPassword {...props} />);
    expect(screen.getByLabelText<HTMLInputElement>('Username or email').value).toBe('heidi');
    fireEvent.click(screen.getByRole('button', { name: 'Send a code' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'resetRequest', username: 'heidi' },
    });
  });

  it('CONFIRM: code + new password twice, then resetConfirm', () => {
    const props = stepProps({
      name: 'RESET_PASSWORD',
      phase: 'CONFIRM',
      codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'h***@e***' },
    });
    render(<ResetPassword {...props} />);
    expect(screen.getByText('We sent a code by email to h***@e***.')).toBeTruthy();
    type('Code', '111222');
    type('New password', 'N3wPassw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(screen.getByText('Type the password again.')).toBeTruthy();
    type('Confirm new password', 'N3wPassw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'resetConfirm', code: '111222', newPassword: 'N3wPassw0rd!' },
    });
  });
});

describe('SIGN_UP', () => {
  it('validates every field, then sends signUp with the email and name attributes', () => {
    const props = stepProps({ name: 'SIGN_UP' });
    render(<SignUp {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(screen.getByText('Enter a username.')).toBeTruthy();
    expect(screen.getByText('Enter an email address.')).toBeTruthy();
    type('Username', 'oscar');
    type('Email', 'oscar@example.com');
    type('Full name', ' Oscar Newman ');
    type('Password', 'Passw0rd!');
    type('Confirm password', 'Passw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'signUp',
      accountId: 'demo',
      username: 'oscar',
      password: 'Passw0rd!',
      attributes: { email: 'oscar@example.com', name: 'Oscar Newman' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'restart', accountId: 'demo' });
  });
});

describe('the pool’s password rules, where a password is chosen', () => {
  const policy = {
    minLength: 10,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: false,
  };
  const withPolicy = <P extends { account: object }>(props: P): P => ({
    ...props,
    account: { ...props.account, passwordPolicy: policy },
  });

  it('shows them under the field and names what is missing, sending nothing', () => {
    const props = withPolicy(stepProps({ name: 'SIGN_UP' }));
    render(<SignUp {...props} />);
    const field = screen.getByLabelText('Password');
    const hint =
      'At least 10 characters, with a lowercase letter, an uppercase letter and a number.';
    expect(screen.getByText(hint)).toBeTruthy();
    // Announced with the field, not only shown near it.
    expect(field.getAttribute('aria-describedby') ?? '').not.toBe('');
    type('Username', 'zoe');
    type('Email', 'zoe@example.com');
    type('Password', 'password');
    type('Confirm password', 'password');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(props.send).not.toHaveBeenCalled();
    expect(
      screen.getByText('Still needed: 10 characters, an uppercase letter and a number.'),
    ).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('password');
  });

  it('lets a password within the rules through, and leaves every rule to Cognito without them', () => {
    const step: StepOf<'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'> = {
      name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
      missingAttributes: [],
      currentAttributes: {},
    };
    const strict = withPolicy(stepProps(step));
    const { unmount } = render(<NewPasswordRequired {...strict} />);
    type('New password', 'Longer1Password');
    type('Confirm new password', 'Longer1Password');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(strict.send).toHaveBeenCalledTimes(1);
    unmount();

    const unknown = stepProps(step);
    render(<NewPasswordRequired {...unknown} />);
    expect(screen.queryByText(/^At least/)).toBeNull();
    type('New password', 'weak');
    type('Confirm new password', 'weak');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(unknown.send).toHaveBeenCalledTimes(1);
  });
});
