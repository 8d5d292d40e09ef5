// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../popup-app';
import { entry, featureBackground } from '../testing/feature-fixtures';
import { fakeClient, stateAt } from '../testing/fixtures';
import { AuthenticatorPanel } from './authenticator-panel';
import { groupCode } from './otp-format';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const SIGN_IN = { name: 'SIGN_IN' as const };

function panel(feature: Parameters<typeof fakeClient>[2], visible = () => true) {
  const fake = fakeClient(stateAt(SIGN_IN), undefined, feature);
  const copy = vi.fn((_text: string) => Promise.resolve());
  render(<AuthenticatorPanel client={fake.client} copy={copy} isVisible={visible} />);
  return { ...fake, copy };
}

describe('groupCode', () => {
  it('splits codes in two halves', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
  });
});

describe('AuthenticatorPanel', () => {
  it('lists entries with grouped codes and a labelled countdown ring; a click copies', async () => {
    const fake = panel({
      feature: featureBackground({
        authenticator: { entries: [entry('a', { issuer: 'Demo', code: '654321' })] },
      }),
    });
    const button = await screen.findByRole('button', { name: /Demo/ });
    expect(button.textContent).toContain('a@example.com');
    expect(button.textContent).toContain('654 321');
    expect(screen.getByRole('img', { name: '20 seconds left' })).toBeTruthy();
    fireEvent.click(button);
    await screen.findByText('Copied the code for Demo.');
    expect(fake.copy).toHaveBeenCalledWith('654321');
    expect(screen.queryByLabelText('Search')).toBeNull();
  });

  it('offers search past 5 entries and filters by issuer or account', async () => {
    const entries = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) =>
      entry(id, { issuer: id === 'f' ? 'GitLab' : 'Demo' }),
    );
    panel({ feature: featureBackground({ authenticator: { entries } }) });
    fireEvent.input(await screen.findByLabelText('Search'), { target: { value: 'gitl' } });
    await waitFor(() => {
      expect(screen.getAllByRole('button', { name: /Copy|@/ })).toHaveLength(1);
    });
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'zzz' } });
    await screen.findByText('No code matches “zzz”.');
  });

  it('unlocks with the passphrase when locked', async () => {
    const fake = panel({ feature: featureBackground({ authenticator: { status: 'locked' } }) });
    fireEvent.input(await screen.findByLabelText('Passphrase'), {
      target: { value: 'correct horse' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText(/No codes yet/);
    expect(fake.featureActions()).toEqual([{ type: 'otp:unlock', passphrase: 'correct horse' }]);
  });

  it('points an empty authenticator to the settings page', async () => {
    const fake = panel({ feature: featureBackground() });
    fireEvent.click(await screen.findByRole('button', { name: 'Open settings' }));
    expect(fake.openOptionsPage).toHaveBeenCalled();
  });

  it('polls otp:list once per second, only while visible, and stops when closed', async () => {
    vi.useFakeTimers();
    let visible = true;
    const fake = panel({ feature: featureBackground() }, () => visible);
    const lists = () => fake.featureRequests.filter((r) => r.type === 'otp:list').length;
    expect(lists()).toBe(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    expect(lists()).toBe(4);
    visible = false;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3000);
    });
    expect(lists()).toBe(4);
    visible = true;
    cleanup();
    await vi.advanceTimersByTimeAsync(3000);
    expect(lists()).toBe(4);
  });

  it('shows BackgroundUnavailable when the background does not answer', async () => {
    panel({});
    expect((await screen.findByRole('alert')).getAttribute('data-code')).toBe(
      'BackgroundUnavailable',
    );
  });
});

describe('PopupApp views', () => {
  it('reaches the authenticator from the header and comes back to sign-in', async () => {
    const fake = fakeClient(stateAt(SIGN_IN), undefined, { feature: featureBackground() });
    render(<PopupApp client={fake.client} />);
    const tab = await screen.findByRole('button', { name: 'Authenticator' });
    expect(tab.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(tab);
    expect(await screen.findByRole('heading', { name: 'Authenticator' })).toBeTruthy();
    expect(document.querySelector('main')?.dataset.step).toBe('AUTHENTICATOR');
    fireEvent.click(screen.getByRole('button', { name: 'Sign-in' }));
    await waitFor(() => {
      expect(document.querySelector('main')?.dataset.step).toBe('SIGN_IN');
    });
  });
});
