import { useEffect, useState } from 'preact/hooks';

/** "3:07" for 187 000 ms; never negative. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The current time, refreshed every second while the component is shown. */
export function useNow(now: () => number): number {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => {
      setCurrent(now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [now]);
  return current;
}

export interface SessionCountdownProps {
  remainingMs: number;
  busy: boolean;
  onRestart: () => void;
}

/**
 * How long this step can still be answered. Cognito Sessions last 3–15 minutes; once one runs out
 * an answer can only fail, so the form gives way to a restart.
 */
export function SessionCountdown({ remainingMs, busy, onRestart }: SessionCountdownProps) {
  if (remainingMs <= 0) {
    return (
      <div class="alert" role="alert">
        <p class="alert-message">This sign-in step timed out.</p>
        <p class="alert-recovery">Start again: your username is kept.</p>
        <button type="button" class="primary" disabled={busy} onClick={onRestart}>
          Start again
        </button>
      </div>
    );
  }
  return (
    <p class="countdown">
      Time left for this step: <span role="timer">{formatRemaining(remainingMs)}</span>
    </p>
  );
}
