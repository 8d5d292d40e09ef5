// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../platform/protocol';
import { OptionsApp } from './options-app';
import { DEMO_ACCOUNT, fakeClient } from './testing/fixtures';

afterEach(cleanup);

/** A background that stores accounts the way the real one answers: the whole state back. */
function accountsBackground(initial: AccountView[]) {
  return fakeClient(
    { accounts: initial, activeAccountId: initial[0]?.id ?? null, busy: false },
    (request, state) => {
      if (request.type === 'saveAccount') {
        const { clientSecret, id, endpoint, defaultAuthFlow, oauth, passwordPolicy, ...rest } =
          request.account;
        const saved: AccountView = {
          ...rest,
          id: id ?? 'new-1',
          hasClientSecret: clientSecret !== undefined,
          ...(endpoint !== undefined ? { endpoint } : {}),
          ...(defaultAuthFlow !== undefined ? { defaultAuthFlow } : {}),
          ...(oauth ? { oauth } : {}),
          ...(passwordPolicy ? { passwordPolicy } : {}),
        };
        const accounts = [...state.accounts.filter((a) => a.id !== saved.id), saved];
        return { ok: true, state: { ...state, accounts } };
      }
      if (request.type === 'removeAccount') {
        return {
          ok: true,
          state: { ...state, accounts: state.accounts.filter((a) => a.id !== request.accountId) },
        };
      }
      return { ok: true, state };
    },
  );
}

const type = (label: string, value: string) => {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
};

describe('OptionsApp', () => {
  it('adds an account after validation, keeping the form on problems', async () => {
    const fake = accountsBackground([]);
    render(<OptionsApp client={fake.client} />);
    await screen.findByText(/No account yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    type('Display name', 'Work');
    type('Region', 'eu-west-1');
    type('User pool id', 'us-east-1_DemoPool0');
    type('App client id', '3demo0public0client0000000');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    expect(await screen.findByText(/belongs to us-east-1, not eu-west-1/)).toBeTruthy();
    expect(fake.actions()).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>('Display name').value).toBe('Work');

    type('Region', 'us-east-1');
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await screen.findByText('Saved “Work”.');
    expect(fake.actions()).toEqual([
      {
        type: 'saveAccount',
        account: {
          displayName: 'Work',
          region: 'us-east-1',
          userPoolId: 'us-east-1_DemoPool0',
          clientId: '3demo0public0client0000000',
          staySignedIn: false,
        },
      },
    ]);
    expect(screen.getByText('Work')).toBeTruthy();
  });

  it('warns that an extension cannot keep a client secret secret', async () => {
    render(<OptionsApp client={accountsBackground([]).client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add an account' }));
    expect(screen.getByRole('note').textContent).toMatch(
      /cannot keep a client secret truly secret/,
    );
  });

  it('imports an amplify_outputs.json into the form', async () => {
    const fake = accountsBackground([]);
    render(<OptionsApp client={fake.client} />);
    await screen.findByText(/No account yet/);
    type(
      'Configuration file content',
      JSON.stringify({
        auth: {
          user_pool_id: 'us-east-1_DemoPool0',
          aws_region: 'us-east-1',
          user_pool_client_id: 'abc123',
        },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted settings' }));
    expect(screen.getByLabelText<HTMLInputElement>('User pool id').value).toBe(
      'us-east-1_DemoPool0',
    );
    expect(screen.getByLabelText<HTMLInputElement>('App client id').value).toBe('abc123');
    expect(screen.getByLabelText<HTMLInputElement>('Region').value).toBe('us-east-1');
    expect(screen.getByRole('status').textContent).toMatch(/amplify_outputs\.json/);
    fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    await waitFor(() => {
      expect(fake.actions()).toHaveLength(1);
    });
  });

  it('explains an import that finds no user pool', async () => {
    render(<OptionsApp client={accountsBackground([]).client} />);
    type('Configuration file content', '{"version":"1.4"}');
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted settings' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no Cognito user pool settings/);
  });

  it('edits an account without ever showing its secret', async () => {
    const fake = accountsBackground([{ ...DEMO_ACCOUNT, hasClientSecret: true }]);
    render(<OptionsApp client={fake.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Demo pool' }));
    expect(screen.getByLabelText<HTMLInputElement>('Client secret (optional)').value).toBe('');
    expect(screen.getByText('A secret is stored. Leave empty to keep it.')).toBeTruthy();
    type('Display name', 'Demo (renamed)');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved “Demo (renamed)”.');
    expect(fake.actions()[0]).toMatchObject({
      type: 'saveAccount',
      account: { id: 'demo', displayName: 'Demo (renamed)' },
    });
  });

  it('removes an account after a confirmation', async () => {
    const fake = accountsBackground([DEMO_ACCOUNT]);
    render(<OptionsApp client={fake.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Demo pool…' }));
    expect(fake.actions()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Demo pool' }));
    await screen.findByText('Removed “Demo pool”.');
    expect(fake.actions()).toEqual([{ type: 'removeAccount', accountId: 'demo' }]);
    expect(screen.queryByRole('button', { name: 'Edit Demo pool' })).toBeNull();
  });
});
