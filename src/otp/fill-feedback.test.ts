import { describe, expect, it, vi } from 'vitest';
import { FEEDBACK_MS, fillFeedback, type FeedbackActionPort } from './fill-feedback';

const PROBLEM = {
  code: 'OTP_FILL_NO_FIELD',
  message: 'No one-time-code field was found on this page.',
  recovery: 'Click into the code field, then press the shortcut again.',
};

function setup() {
  const state = new Map<number, { text: string; title: string; color?: string }>();
  const at = (tabId: number) => state.get(tabId) ?? { text: '', title: 'Cognito Pass' };
  const setBadgeText = vi.fn(({ tabId, text }: { tabId: number; text: string }) => {
    state.set(tabId, { ...at(tabId), text });
    return Promise.resolve();
  });
  const onError = vi.fn();
  const action: FeedbackActionPort = {
    setBadgeText,
    setBadgeBackgroundColor: ({ tabId, color }) => {
      state.set(tabId, { ...at(tabId), color });
      return Promise.resolve();
    },
    setTitle: ({ tabId, title }) => {
      state.set(tabId, { ...at(tabId), title });
      return Promise.resolve();
    },
  };
  const timers: Array<{ run: () => void; ms: number }> = [];
  const show = fillFeedback({
    action,
    defaultTitle: 'Cognito Pass',
    later: (run, ms) => timers.push({ run, ms }),
    onError,
  });
  return { show, at, timers, action, setBadgeText, onError };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fill feedback on the toolbar button', () => {
  it('shows a red ! and the reason on that tab, then clears both', async () => {
    const { show, at, timers } = setup();
    await show(4, PROBLEM);
    expect(at(4)).toEqual({
      text: '!',
      color: '#b42318',
      title: `Cognito Pass: ${PROBLEM.message} ${PROBLEM.recovery}`,
    });
    expect(at(5).text).toBe('');
    expect(timers.map((timer) => timer.ms)).toEqual([FEEDBACK_MS]);
    timers[0]?.run();
    await flush();
    expect(at(4)).toMatchObject({ text: '', title: 'Cognito Pass' });
  });

  it('an older timer does not clear a newer problem', async () => {
    const { show, at, timers } = setup();
    await show(4, PROBLEM);
    const newer = { ...PROBLEM, code: 'VAULT_LOCKED', message: 'Locked.' };
    await show(4, newer);
    timers[0]?.run();
    await flush();
    expect(at(4).text).toBe('!');
    expect(at(4).title).toContain('Locked.');
  });

  it('a success clears a problem still shown, and touches nothing otherwise', async () => {
    const { show, at, setBadgeText } = setup();
    await show(4, undefined);
    expect(setBadgeText).not.toHaveBeenCalled();
    await show(4, PROBLEM);
    await show(4, undefined);
    expect(at(4)).toMatchObject({ text: '', title: 'Cognito Pass' });
  });

  it('a closed tab (the browser rejects) is reported, not thrown', async () => {
    const { show, action, onError } = setup();
    action.setBadgeBackgroundColor = () => Promise.reject(new Error('No tab with id: 4'));
    await expect(show(4, PROBLEM)).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith('could not update the toolbar button', expect.any(Error));
  });
});
