/**
 * A deadline for every request to Cognito. Without it a stalled endpoint leaves the popup
 * spinning until the browser gives up (minutes); with it the person sees, after a few seconds,
 * that Cognito did not answer and what to do. A timed-out request is never repeated
 * automatically: it may have reached Cognito (a Session spent, a code sent, a refresh token
 * rotated), so the transport's retry rule, which repeats only throttling, 5xx and lost
 * connections, must not see it as a lost connection.
 */
import { AuthError } from './auth-error';

/** Long enough for a slow mobile link to Cognito, short enough that a person still waits. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 8_000;

export const REQUEST_TIMEOUT = 'RequestTimeout';

export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const realTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
};

export function requestTimedOut(ms: number): AuthError {
  return new AuthError(
    REQUEST_TIMEOUT,
    `Cognito did not answer within ${String(Math.round(ms / 1000))} seconds.`,
    'Check your connection and try again. If you had sent a code, it may have been used: if the next try says the sign-in expired, start again.',
  );
}

/**
 * Runs `work` with an AbortSignal that fires after `ms`; rejects with RequestTimeout then, even
 * if `work` ignores the signal.
 */
export function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  timers: Timers = realTimers,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimeout(() => {
      controller.abort();
      reject(requestTimedOut(ms));
    }, ms);
    work(controller.signal).then(
      (value) => {
        timers.clearTimeout(handle);
        resolve(value);
      },
      (error: unknown) => {
        timers.clearTimeout(handle);
        // Whatever `work` threw is passed on as it is: classifying it is the gateway's job.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(controller.signal.aborted ? requestTimedOut(ms) : error);
      },
    );
  });
}

/** A `fetch` whose every call gives up after `ms` (until the answer's headers arrive). */
export function fetchWithTimeout(
  ms: number,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  timers: Timers = realTimers,
): typeof fetch {
  return (input, init) =>
    withTimeout((signal) => fetchImpl(input, { ...init, signal }), ms, timers);
}
