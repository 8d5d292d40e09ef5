// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, STRICT_ACCOUNT, stepProps } from '../testing/fixtures';
import { SignIn } from './sign-in';

afterEach(cleanup);

const type = (label: string, value: string) => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

describe('SIGN_IN', () => {
  it('asks the background to prepare SRP as soon as it shows', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    expect(props.send).toHaveBeenCalledWith({ type: 'prepareSignIn', accountId: 'demo' });
  });

  it('sends startSignIn with the trimmed username and the password', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    type('Username or email', '  alice ');
    type('Password', 'Passw0rd!');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(props.send).toHaveBeenLastCalledWith({
      type: 'startSignIn',
      accountId: 'demo',
      username: 'alice',
      password: 'Passw0rd!',
    });
  });

  it('keeps what was typed and says what is missing instead of sending', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    type('Username or email', 'alice');
    fireEvent.submit(screen.getByRole('form', { name: 'Sign in' }));
    expect(props.send).toHaveBeenCalledTimes(1); // prepareSignIn only
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Username or email').value).toBe('alice');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('pre-fills the username the flow kept', () => {
    const props = stepProps({ name: 'SIGN_IN' }, { username: 'bob' });
    render(<SignIn {...props} />);
    expect(screen.getByLabelText<HTMLInputElement>('Username or email').value).toBe('bob');
  });

  it('shows the password on request', () => {
    render(<SignIn {...stepProps({ name: 'SIGN_IN' })} />);
    const password = screen.getByLabelText<HTMLInputElement>('Password');
    expect(password.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show password' }));
    expect(password.type).toBe('text');
  });

  it('disables the submit button with a progress label while busy', () => {
    const props = { ...stepProps({ name: 'SIGN_IN' }), busy: true };
    render(<SignIn {...props} />);
    const button = screen.getByRole<HTMLButtonElement>('button', { name: /Signing in/ });
    expect(button.disabled).toBe(true);
    type('Username or email', 'alice');
    type('Password', 'x');
    fireEvent.submit(screen.getByRole('form', { name: 'Sign in' }));
    expect(props.send).toHaveBeenCalledTimes(1);
  });

  it('offers sign-in without password through USER_AUTH', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    type('Username or email', 'judy');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in without password' }));
    expect(props.send).toHaveBeenLastCalledWith({
      type: 'startSignIn',
      accountId: 'demo',
      username: 'judy',
      authFlow: 'USER_AUTH',
    });
  });

  it('has links to create an account and reset the password (with the username)', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(props.send).toHaveBeenLastCalledWith({ type: 'showSignUp', accountId: 'demo' });
    type('Username or email', 'heidi');
    fireEvent.click(screen.getByRole('button', { name: 'Forgot password' }));
    expect(props.send).toHaveBeenLastCalledWith({
      type: 'showResetPassword',
      accountId: 'demo',
      username: 'heidi',
    });
  });

  it('shows an account picker only when there are several accounts', () => {
    const single = stepProps({ name: 'SIGN_IN' });
    const { unmount } = render(<SignIn {...single} />);
    expect(screen.queryByLabelText('Account')).toBeNull();
    unmount();
    const props = { ...stepProps({ name: 'SIGN_IN' }), accounts: [DEMO_ACCOUNT, STRICT_ACCOUNT] };
    render(<SignIn {...props} />);
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'strict' } });
    expect(props.send).toHaveBeenLastCalledWith({ type: 'selectAccount', accountId: 'strict' });
  });

  it('hides passwordless sign-in for an account pinned to another flow', () => {
    const props = { ...stepProps({ name: 'SIGN_IN' }), account: STRICT_ACCOUNT };
    render(<SignIn {...props} />);
    expect(screen.queryByRole('button', { name: 'Sign in without password' })).toBeNull();
  });
});
