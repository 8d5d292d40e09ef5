// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageResponse, PopupState } from '../platform/protocol';
import { PopupApp } from './popup-app';
import { DEMO_ACCOUNT, fakeClient, stateAt } from './testing/fixtures';

afterEach(cleanup);

const root = () => document.querySelector('[data-step]');

describe('PopupApp', () => {
  it('names the step on its root: LOADING, then what the background says', async () => {
    const fake = fakeClient(stateAt({ name: 'SIGN_IN' }));
    render(<PopupApp client={fake.client} />);
    expect(root()?.getAttribute('data-step')).toBe('LOADING');
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('SIGN_IN');
    });
    expect(fake.requests[0]).toEqual({ type: 'getState' });
  });

  it('first run without accounts guides to the options page', async () => {
    const fake = fakeClient({ accounts: [], activeAccountId: null, busy: false });
    render(<PopupApp client={fake.client} />);
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('NO_ACCOUNT');
    });
    const add = screen.getByRole('button', { name: 'Add an account' });
    expect(document.activeElement).toBe(add);
    fireEvent.click(add);
    expect(fake.openOptionsPage).toHaveBeenCalled();
  });

  it('renders the next step the background answers with and focuses its first input', async () => {
    const fake = fakeClient(stateAt({ name: 'SIGN_IN' }), (request, state) => {
      if (request.type === 'startSignIn') {
        return {
          ok: true,
          state: stateAt({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }, { accounts: state.accounts }),
        };
      }
      return { ok: true, state };
    });
    render(<PopupApp client={fake.client} />);
    await screen.findByLabelText('Username or email');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByLabelText('Username or email'));
    });
    fireEvent.input(screen.getByLabelText('Username or email'), { target: { value: 'bob' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'Passw0rd!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    });
    expect(document.activeElement).toBe(screen.getByLabelText('Code'));
    expect(fake.actions()).toEqual([
      { type: 'startSignIn', accountId: 'demo', username: 'bob', password: 'Passw0rd!' },
    ]);
  });

  it('shows a refused request as an alert with its recovery, and keeps the step', async () => {
    const fake = fakeClient(stateAt({ name: 'SIGN_IN' }), (request, state) =>
      request.type === 'startSignIn'
        ? {
            ok: false,
            error: {
              code: 'NotAuthorizedException',
              message: 'Incorrect username or password.',
              recovery: 'Check both and try again.',
            },
          }
        : { ok: true, state },
    );
    render(<PopupApp client={fake.client} />);
    fireEvent.input(await screen.findByLabelText('Username or email'), {
      target: { value: 'alice' },
    });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Incorrect username or password.');
    expect(alert.textContent).toContain('Check both and try again.');
    expect(root()?.getAttribute('data-step')).toBe('SIGN_IN');
    expect(screen.getByLabelText<HTMLInputElement>('Username or email').value).toBe('alice');
  });

  it("shows the flow's own error", async () => {
    const state = stateAt({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
    const withError: PopupState = {
      ...state,
      flow: {
        step: { name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
        error: {
          code: 'CodeMismatchException',
          message: 'Wrong code.',
          recovery: 'Type the new one.',
        },
      },
    };
    render(<PopupApp client={fakeClient(withError).client} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong code.');
  });

  it("shows the flow's notice as a status (a password was changed, an account confirmed)", async () => {
    const state = stateAt({ name: 'SIGN_IN' });
    const withNotice: PopupState = {
      ...state,
      flow: { step: { name: 'SIGN_IN' }, notice: 'Your password was changed. Sign in with it.' },
    };
    render(<PopupApp client={fakeClient(withNotice).client} />);
    const notice = await screen.findByText('Your password was changed. Sign in with it.');
    expect(notice.getAttribute('role')).toBe('status');
  });

  it('disables submit while a request runs, so one click is one request', async () => {
    let release: (response: PageResponse) => void = () => undefined;
    const fake = fakeClient(
      stateAt({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }),
      (request, state) =>
        request.type === 'answer'
          ? new Promise<PageResponse>((resolve) => {
              release = resolve;
            })
          : { ok: true, state },
    );
    render(<PopupApp client={fake.client} />);
    fireEvent.input(await screen.findByLabelText('Code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: /Checking/ });
    expect(button.disabled).toBe(true);
    fireEvent.submit(screen.getByRole('form'));
    expect(fake.actions()).toHaveLength(1);
    release({ ok: true, state: stateAt({ name: 'SIGN_IN' }) });
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('SIGN_IN');
    });
  });

  it('follows state broadcasts (another window finished the step)', async () => {
    const fake = fakeClient(
      stateAt({ name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: {} }),
    );
    render(<PopupApp client={fake.client} />);
    await screen.findByLabelText('Code');
    fake.broadcast(
      stateAt({
        name: 'DONE',
        user: { username: 'dave', sub: 's' },
        accessTokenExpiresAt: Date.now() + 3_600_000,
      }),
    );
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('DONE');
    });
  });

  it('ignores an answer to an older request that arrives after a newer one', async () => {
    let releasePrepare: (response: PageResponse) => void = () => undefined;
    const fake = fakeClient(stateAt({ name: 'SIGN_IN' }), (request, state) => {
      if (request.type === 'prepareSignIn') {
        return new Promise<PageResponse>((resolve) => {
          releasePrepare = resolve;
        });
      }
      if (request.type === 'startSignIn') {
        return {
          ok: true,
          state: stateAt({
            name: 'DONE',
            user: { username: 'alice', sub: 's' },
            accessTokenExpiresAt: Date.now() + 3_600_000,
          }),
        };
      }
      return { ok: true, state };
    });
    render(<PopupApp client={fake.client} />);
    fireEvent.input(await screen.findByLabelText('Username or email'), {
      target: { value: 'alice' },
    });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'Passw0rd!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => {
      expect(root()?.getAttribute('data-step')).toBe('DONE');
    });
    releasePrepare({ ok: true, state: stateAt({ name: 'SIGN_IN' }) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root()?.getAttribute('data-step')).toBe('DONE');
  });

  it('shows which account is signed in on DONE', async () => {
    const done = stateAt({
      name: 'DONE',
      user: { username: 'alice', sub: 's', email: 'alice@example.com' },
      accessTokenExpiresAt: Date.now() + 3_600_000,
    });
    render(<PopupApp client={fakeClient(done).client} />);
    expect(await screen.findByText(DEMO_ACCOUNT.displayName)).toBeTruthy();
  });
});

describe('PopupApp busy state', () => {
  it("disables submit while another page's request runs, until the broadcast says it ended", async () => {
    const busyState = { ...stateAt({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }), busy: true };
    const fake = fakeClient(busyState);
    render(<PopupApp client={fake.client} />);
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: /Checking/ });
    expect(button.disabled).toBe(true);
    fake.broadcast({ ...busyState, busy: false });
    expect(await screen.findByRole('button', { name: 'Confirm' })).toBeTruthy();
  });

  it("is not stuck by a busy flag in the answer to the page's own request", async () => {
    const fake = fakeClient(stateAt({ name: 'SIGN_IN' }), (request, state) => ({
      ok: true,
      state: request.type === 'getState' ? state : { ...state, busy: true },
    }));
    render(<PopupApp client={fake.client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create account' }));
    await waitFor(() => {
      expect(fake.actions()).toHaveLength(1);
    });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
