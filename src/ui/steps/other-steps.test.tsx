// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { stepProps } from '../testing/fixtures';
import { challengeText, CustomChallenge } from './custom-challenge';
import { Done, expirySentence } from './done';

afterEach(cleanup);

describe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', () => {
  it('shows the trigger prompt and hint, and sends the answer', () => {
    const props = stepProps({
      name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      parameters: { prompt: 'Enter the code sent to your email', hint: 'six digits' },
    });
    render(<CustomChallenge {...props} />);
    expect(screen.getByText('Enter the code sent to your email')).toBeTruthy();
    expect(screen.getByText('six digits')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter your answer.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Answer'), { target: { value: ' 987654 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(props.send).toHaveBeenCalledWith({
      type: 'answer',
      accountId: 'demo',
      answer: { kind: 'customChallenge', answer: '987654' },
    });
  });

  it('lists the parameters when there is no prompt', () => {
    expect(challengeText({ USERNAME: 'ivan', color: 'blue' })).toEqual({
      others: [['color', 'blue']],
    });
    render(
      <CustomChallenge
        {...stepProps({
          name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
          parameters: { color: 'blue' },
        })}
      />,
    );
    expect(screen.getByText('color')).toBeTruthy();
    expect(screen.getByText('blue')).toBeTruthy();
  });
});

describe('DONE', () => {
  const now = () => Date.UTC(2026, 0, 1, 12, 0, 0);
  const done = {
    name: 'DONE',
    user: { username: 'alice', sub: 'sub-1', email: 'alice@example.com' },
    accessTokenExpiresAt: now() + 60 * 60_000,
  } as const;

  it('shows who, which account and when the token expires', () => {
    render(<Done {...stepProps(done)} now={now} />);
    expect(screen.getByText('alice')).toBeTruthy();
    expect(screen.getByText('alice@example.com')).toBeTruthy();
    expect(screen.getByText('Demo pool')).toBeTruthy();
    expect(screen.getByText(/\(in 60 min\)/)).toBeTruthy();
  });

  it('signs out here or everywhere', () => {
    const props = stepProps(done);
    render(<Done {...props} now={now} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(props.send).toHaveBeenLastCalledWith({
      type: 'signOut',
      accountId: 'demo',
      global: false,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    expect(props.send).toHaveBeenLastCalledWith({
      type: 'signOut',
      accountId: 'demo',
      global: true,
    });
  });

  it('says an expired token refreshes on the next use', () => {
    expect(expirySentence(1000, 2000)).toMatch(/expired/);
  });
});
