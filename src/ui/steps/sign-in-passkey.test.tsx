// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stepProps } from '../testing/fixtures';
import { SignIn } from './sign-in';

afterEach(cleanup);

describe('SIGN_IN: "Sign in with a passkey"', () => {
  it('starts USER_AUTH with WEB_AUTHN preferred and no password', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    fireEvent.input(screen.getByLabelText('Username or email'), { target: { value: ' alice ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'startSignIn',
      accountId: 'demo',
      username: 'alice',
      authFlow: 'USER_AUTH',
      preferredChallenge: 'WEB_AUTHN',
    });
  });

  it('asks for the username first', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(props.send).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'startSignIn' }));
    expect(screen.getByText(/your username or email/i)).toBeTruthy();
  });

  it('is not offered when the account is pinned to another flow', () => {
    const props = stepProps({ name: 'SIGN_IN' });
    render(<SignIn {...props} account={{ ...props.account, defaultAuthFlow: 'USER_SRP_AUTH' }} />);
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  });
});
