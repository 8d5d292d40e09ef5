// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../platform/protocol';
import { HostedUiButtons } from './hosted-ui-buttons';

const account: AccountView = {
  id: 'demo',
  displayName: 'Demo',
  region: 'us-east-1',
  userPoolId: 'us-east-1_Demo',
  clientId: 'client',
  hasClientSecret: false,
  staySignedIn: true,
  oauth: {
    domain: 'https://demo.auth.us-east-1.amazoncognito.com',
    scopes: ['openid'],
    identityProviders: ['COGNITO', 'Google'],
  },
};

describe('HostedUiButtons', () => {
  afterEach(cleanup);

  it('offers one button per provider and sends the provider asked for', () => {
    const send = vi.fn(() => Promise.resolve(true));
    render(<HostedUiButtons account={account} busy={false} send={send} />);
    expect(screen.getByRole('button', { name: 'Sign in with Cognito hosted UI' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Google' }));
    expect(send).toHaveBeenCalledWith({
      type: 'signInWithHostedUi',
      accountId: 'demo',
      provider: 'Google',
    });
  });

  it('shows nothing for an account without hosted-UI settings, and is disabled while busy', () => {
    const { oauth: _none, ...plain } = account;
    const { container } = render(
      <HostedUiButtons account={plain} busy={false} send={() => Promise.resolve(true)} />,
    );
    expect(container.textContent).toBe('');
    render(<HostedUiButtons account={account} busy send={() => Promise.resolve(true)} />);
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in with Google' }).disabled,
    ).toBe(true);
  });
});
