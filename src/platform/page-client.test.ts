import { describe, expect, it, vi } from 'vitest';
import { BACKGROUND_UNAVAILABLE, createPageClient, type PageRuntime } from './page-client';
import type { PopupState } from './protocol';

const state: PopupState = { accounts: [], activeAccountId: null, busy: false };

function fakeRuntime(reply: (message: unknown) => Promise<unknown>) {
  const listeners = new Set<(message: unknown) => unknown>();
  const sendMessage = vi.fn(reply);
  const openOptionsPage = vi.fn(() => Promise.resolve());
  const runtime: PageRuntime = {
    sendMessage,
    onMessage: {
      addListener: (listener) => listeners.add(listener),
      removeListener: (listener) => listeners.delete(listener),
    },
    openOptionsPage,
  };
  const emit = (message: unknown) => {
    for (const listener of listeners) listener(message);
  };
  return { runtime, emit, listeners, sendMessage, openOptionsPage };
}

describe('createPageClient', () => {
  it('sends the request and returns the background answer', async () => {
    const { runtime, sendMessage } = fakeRuntime(() => Promise.resolve({ ok: true, state }));
    const client = createPageClient(runtime);
    await expect(client.send({ type: 'getState' })).resolves.toEqual({ ok: true, state });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'getState' });
  });

  it('passes the background errors through', async () => {
    const error = { code: 'X', message: 'm', recovery: 'r' };
    const client = createPageClient(
      fakeRuntime(() => Promise.resolve({ ok: false, error })).runtime,
    );
    await expect(client.send({ type: 'getState' })).resolves.toEqual({ ok: false, error });
  });

  it('turns a missing, malformed or failed answer into BackgroundUnavailable', async () => {
    for (const reply of [
      () => Promise.resolve(undefined),
      () => Promise.resolve({ ok: true, state: { accounts: 'no' } }),
      () =>
        Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
    ]) {
      const client = createPageClient(fakeRuntime(reply).runtime);
      await expect(client.send({ type: 'getState' })).resolves.toEqual({
        ok: false,
        error: BACKGROUND_UNAVAILABLE,
      });
    }
  });

  it('delivers stateChanged broadcasts until unsubscribed, and ignores other messages', () => {
    const { runtime, emit, listeners } = fakeRuntime(() => Promise.resolve(undefined));
    const client = createPageClient(runtime);
    const seen: PopupState[] = [];
    const unsubscribe = client.onStateChanged((next) => {
      seen.push(next);
    });
    emit({ type: 'stateChanged', state });
    emit({ type: 'somethingElse', state });
    emit({ type: 'stateChanged', state: null });
    unsubscribe();
    emit({ type: 'stateChanged', state });
    expect(seen).toEqual([state]);
    expect(listeners.size).toBe(0);
  });

  it('never answers messages itself (other listeners may)', () => {
    const { runtime, listeners } = fakeRuntime(() => Promise.resolve(undefined));
    createPageClient(runtime).onStateChanged(() => undefined);
    const [listener] = [...listeners];
    expect(listener?.({ type: 'stateChanged', state })).toBeUndefined();
  });

  it('opens the options page', async () => {
    const { runtime, openOptionsPage } = fakeRuntime(() => Promise.resolve(undefined));
    await createPageClient(runtime).openOptionsPage();
    expect(openOptionsPage).toHaveBeenCalled();
  });
});
