import { describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_UNAVAILABLE,
  createPageClient,
  webOrigin,
  type PageRuntime,
} from './page-client';
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

  it('sends again when the message was not delivered (a stopping worker), and only then', async () => {
    let calls = 0;
    const { runtime, sendMessage } = fakeRuntime(() =>
      ++calls < 3
        ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'))
        : Promise.resolve({ ok: true, state }),
    );
    const client = createPageClient(runtime);
    await expect(client.send({ type: 'getState' })).resolves.toEqual({ ok: true, state });
    expect(sendMessage).toHaveBeenCalledTimes(3);

    const failing = fakeRuntime(() => Promise.reject(new Error('Extension context invalidated.')));
    await expect(createPageClient(failing.runtime).send({ type: 'getState' })).resolves.toEqual({
      ok: false,
      error: BACKGROUND_UNAVAILABLE,
    });
    expect(failing.sendMessage).toHaveBeenCalledTimes(1);
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

  it('sends feature requests and validates their answers', async () => {
    const sites = { ok: true, sites: [] };
    const authenticator = {
      ok: true,
      authenticator: { status: 'empty', entries: [], autoAnswer: [] },
      exportedUri: 'otpauth://totp/x?secret=A',
    };
    for (const reply of [sites, authenticator]) {
      const { runtime, sendMessage } = fakeRuntime(() => Promise.resolve(reply));
      await expect(createPageClient(runtime).sendFeature({ type: 'listSites' })).resolves.toEqual(
        reply,
      );
      expect(sendMessage).toHaveBeenCalledWith({ type: 'listSites' });
    }
  });

  it('turns a silent, malformed or failed feature answer into BackgroundUnavailable', async () => {
    for (const reply of [
      () => Promise.resolve(undefined),
      () => Promise.resolve({ ok: true, state }),
      () => Promise.resolve({ ok: true, authenticator: { status: 'empty' } }),
      () => Promise.reject(new Error('Receiving end does not exist.')),
    ]) {
      const client = createPageClient(fakeRuntime(reply).runtime);
      await expect(client.sendFeature({ type: 'otp:list' })).resolves.toEqual({
        ok: false,
        error: BACKGROUND_UNAVAILABLE,
      });
    }
  });

  it('asks permissions for exactly the given origins; a throw counts as refused', async () => {
    const { runtime } = fakeRuntime(() => Promise.resolve(undefined));
    const request = vi.fn(() => Promise.resolve(true));
    const client = createPageClient(runtime, { request });
    await expect(client.requestSiteAccess(['https://app.example.com/*'])).resolves.toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://app.example.com/*'] });
    const throwing = createPageClient(runtime, {
      request: () =>
        Promise.reject(new Error('This function must be called during a user gesture')),
    });
    await expect(throwing.requestSiteAccess(['https://a.example/*'])).resolves.toBe(false);
    await expect(
      createPageClient(runtime).requestSiteAccess(['https://a.example/*']),
    ).resolves.toBe(false);
  });

  it('reads the active tab origin, only for http(s) pages', async () => {
    const { runtime } = fakeRuntime(() => Promise.resolve(undefined));
    const query = vi.fn(() => Promise.resolve([{ url: 'https://App.Example.com:443/path?q=1' }]));
    const client = createPageClient(runtime, undefined, { query });
    await expect(client.activeTabOrigin()).resolves.toBe('https://app.example.com');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    const extensionTab = createPageClient(runtime, undefined, {
      query: () => Promise.resolve([{ url: 'chrome-extension://abc/popup.html' }]),
    });
    await expect(extensionTab.activeTabOrigin()).resolves.toBeUndefined();
    const noUrl = createPageClient(runtime, undefined, { query: () => Promise.resolve([{}]) });
    await expect(noUrl.activeTabOrigin()).resolves.toBeUndefined();
  });

  it('reads the fill shortcut from the browser commands, empty when none is set', async () => {
    const { runtime } = fakeRuntime(() => Promise.resolve(undefined));
    const withKey = createPageClient(runtime, undefined, undefined, {
      getAll: () =>
        Promise.resolve([
          { name: '_execute_action', shortcut: 'Ctrl+Shift+Y' },
          { name: 'fill-one-time-code', shortcut: 'Alt+Shift+O' },
        ]),
    });
    await expect(withKey.fillShortcut?.()).resolves.toBe('Alt+Shift+O');
    const unset = createPageClient(runtime, undefined, undefined, {
      getAll: () => Promise.resolve([{ name: 'fill-one-time-code', shortcut: '' }]),
    });
    await expect(unset.fillShortcut?.()).resolves.toBe('');
    const failing = createPageClient(runtime, undefined, undefined, {
      getAll: () => Promise.reject(new Error('no commands')),
    });
    await expect(failing.fillShortcut?.()).resolves.toBe('');
    // Without a commands API the page does not offer it at all.
    expect('fillShortcut' in createPageClient(runtime)).toBe(false);
  });

  it('webOrigin keeps only http(s) origins', () => {
    expect(webOrigin('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
    expect(webOrigin('about:blank')).toBeUndefined();
    expect(webOrigin('not a url')).toBeUndefined();
    expect(webOrigin(undefined)).toBeUndefined();
  });
});
