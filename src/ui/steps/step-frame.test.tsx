// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRemaining } from '../forms/session-countdown';
import { stepProps } from '../testing/fixtures';
import { ConfirmTotpCode } from './confirm-totp-code';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the Session countdown', () => {
  it('formats minutes and seconds, never negative', () => {
    expect(formatRemaining(187_000)).toBe('3:07');
    expect(formatRemaining(59_001)).toBe('1:00');
    expect(formatRemaining(-5)).toBe('0:00');
  });

  it('counts down, then replaces the form with a restart when the Session runs out', async () => {
    vi.useFakeTimers();
    let clock = 1_000_000;
    const now = () => clock;
    const props = {
      ...stepProps({ name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }, { sessionExpiresAt: clock + 3_000 }),
      now,
    };
    render(<ConfirmTotpCode {...props} />);
    expect(screen.getByRole('timer').textContent).toBe('0:03');
    expect(screen.getByLabelText('Code')).toBeTruthy();

    clock += 3_000;
    await act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.queryByLabelText('Code')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('This sign-in step timed out.');
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(props.send).toHaveBeenCalledWith({ type: 'restart', accountId: 'demo' });
  });

  it('trusts the background when it says the Session expired', () => {
    const props = stepProps(
      { name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
      { sessionExpiresAt: Date.now() + 60_000, sessionExpired: true },
    );
    render(<ConfirmTotpCode {...props} />);
    expect(screen.getByRole('button', { name: 'Start again' })).toBeTruthy();
    expect(screen.queryByLabelText('Code')).toBeNull();
  });
});
