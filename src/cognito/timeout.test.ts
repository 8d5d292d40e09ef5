import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error';
import { fetchWithTimeout, REQUEST_TIMEOUT, withTimeout, type Timers } from './timeout';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (run) => {
      pending.set(++next, run);
      return next;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    fire: () => {
      for (const run of pending.values()) run();
      pending.clear();
    },
    pending: () => pending.size,
  };
}

describe('withTimeout', () => {
  it('passes a result through and clears its timer', async () => {
    const t = manualTimers();
    await expect(withTimeout(() => Promise.resolve(7), 1000, t.timers)).resolves.toBe(7);
    expect(t.pending()).toBe(0);
  });

  it('passes an error through untouched when the deadline has not passed', async () => {
    const t = manualTimers();
    const failure = new Error('refused');
    await expect(withTimeout(() => Promise.reject(failure), 1000, t.timers)).rejects.toBe(failure);
  });

  it('rejects with RequestTimeout, a plain message and what to do, and aborts the work', async () => {
    const t = manualTimers();
    let seen: AbortSignal | undefined;
    const running = withTimeout(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
      8000,
      t.timers,
    );
    t.fire();
    const error = (await running.catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe(REQUEST_TIMEOUT);
    expect(error.message).toBe('Cognito did not answer within 8 seconds.');
    expect(error.recovery).toMatch(/try again/i);
    expect(seen?.aborted).toBe(true);
  });

  it('really gives up on a stalled server with real timers', async () => {
    const started = Date.now();
    const error = (await withTimeout(() => new Promise<never>(() => undefined), 50).catch(
      (e: unknown) => e,
    )) as AuthError;
    expect(error.code).toBe(REQUEST_TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('fetchWithTimeout', () => {
  it('hands fetch the abort signal, and reports an abort as RequestTimeout', async () => {
    const t = manualTimers();
    const stalled: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        });
      });
    const running = fetchWithTimeout(5000, stalled, t.timers)('http://x/', { method: 'POST' });
    t.fire();
    await expect(running).rejects.toMatchObject({ code: REQUEST_TIMEOUT });
  });

  it('keeps the caller’s request options', async () => {
    const t = manualTimers();
    let method: string | undefined;
    const ok: typeof fetch = (_input, init) => {
      method = init?.method;
      return Promise.resolve(new Response('{}'));
    };
    const response = await fetchWithTimeout(5000, ok, t.timers)('http://x/', { method: 'POST' });
    expect(await response.text()).toBe('{}');
    expect(method).toBe('POST');
  });
});
