// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { entry, featureBackground } from '../testing/feature-fixtures';
import { DEMO_ACCOUNT, fakeClient, STRICT_ACCOUNT } from '../testing/fixtures';
import { AuthenticatorSection } from './authenticator-section';

afterEach(cleanup);

function section(grant = true) {
  const fake = fakeClient(
    { accounts: [DEMO_ACCOUNT, STRICT_ACCOUNT], activeAccountId: 'demo', busy: false },
    undefined,
    {
      feature: featureBackground({ authenticator: { entries: [entry('e1', { issuer: 'Demo' })] } }),
      grant,
    },
  );
  render(<AuthenticatorSection client={fake.client} accounts={[DEMO_ACCOUNT, STRICT_ACCOUNT]} />);
  return fake;
}

const settingsOf = async (id: string) => {
  await screen.findByText('Not linked to a sign-in.');
  const root = document.querySelector(`[data-entry-settings="${id}"]`);
  if (!(root instanceof HTMLElement)) throw new Error('no entry settings');
  return within(root);
};

describe('authenticator entry settings', () => {
  it('binds an entry to an account and user, asking for the user name', async () => {
    const fake = section();
    const entrySettings = await settingsOf('e1');
    fireEvent.click(entrySettings.getByRole('button', { name: /^Edit / }));
    fireEvent.change(entrySettings.getByLabelText('Answers sign-in for'), {
      target: { value: DEMO_ACCOUNT.id },
    });
    fireEvent.click(entrySettings.getByRole('button', { name: 'Save' }));
    expect(
      await entrySettings.findByText('Enter the user name that signs in with this code.'),
    ).toBeTruthy();
    fireEvent.input(entrySettings.getByLabelText('User name'), { target: { value: ' bob ' } });
    fireEvent.click(entrySettings.getByRole('button', { name: 'Save' }));
    await screen.findByText(`Answers sign-in for bob on ${DEMO_ACCOUNT.displayName}.`);
    expect(fake.featureActions()).toEqual([
      {
        type: 'otp:updateEntry',
        id: 'e1',
        issuer: 'Demo',
        account: 'e1@example.com',
        binding: { accountId: DEMO_ACCOUNT.id, username: 'bob' },
      },
    ]);
  });

  it('asks the browser for the exact origin in the click, then binds it; opt-in and removal', async () => {
    const fake = section();
    const entrySettings = await settingsOf('e1');
    fireEvent.input(entrySettings.getByLabelText('Site'), {
      target: { value: 'HTTP://127.0.0.1:8123/' },
    });
    fireEvent.click(entrySettings.getByRole('button', { name: 'Allow on this site' }));
    await entrySettings.findByText('http://127.0.0.1:8123');
    expect(fake.permissionRequests).toEqual([['http://127.0.0.1:8123/*']]);
    fireEvent.click(
      entrySettings.getByRole('switch', { name: 'Fill on http://127.0.0.1:8123 without a click' }),
    );
    await screen.findByText('http://127.0.0.1:8123');
    fireEvent.click(
      entrySettings.getByRole('button', { name: 'Stop filling on http://127.0.0.1:8123' }),
    );
    await entrySettings.findByText('No site yet: codes are filled nowhere.');
    expect(fake.featureActions()).toEqual([
      { type: 'otp:bindOrigin', id: 'e1', origin: 'http://127.0.0.1:8123' },
      { type: 'otp:setAutoFill', origin: 'http://127.0.0.1:8123', enabled: true },
      { type: 'otp:unbindOrigin', origin: 'http://127.0.0.1:8123' },
    ]);
  });

  it('refuses a wildcard before asking the browser, and says when access is still missing', async () => {
    const fake = section(false);
    const entrySettings = await settingsOf('e1');
    fireEvent.input(entrySettings.getByLabelText('Site'), {
      target: { value: 'https://*.example.com' },
    });
    fireEvent.click(entrySettings.getByRole('button', { name: 'Allow on this site' }));
    await entrySettings.findByText(/Wildcards are not allowed/);
    expect(fake.permissionRequests).toEqual([]);
    fireEvent.input(entrySettings.getByLabelText('Site'), {
      target: { value: 'https://app.example.com' },
    });
    fireEvent.click(entrySettings.getByRole('button', { name: 'Allow on this site' }));
    await entrySettings.findByText(/has not given access to https:\/\/app.example.com yet/);
  });
});
