import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLogger } from './logger';
import { createMessageListener, isOwnPage, type MessageSender } from './message-router';
import type { PageResponse } from './protocol';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
const ok: PageResponse = { ok: true, state: { accounts: [], activeAccountId: null, busy: false } };

function setup() {
  const handle = vi.fn(() => Promise.resolve(ok));
  const listener = createMessageListener({
    runtimeId: ID,
    extensionOrigin: ORIGIN,
    handle,
    logger: createLogger('silent', () => undefined),
  });
  const send = (message: unknown, sender: MessageSender) =>
    new Promise<{ returned: unknown; reply: unknown }>((resolve) => {
      const box: { returned?: unknown } = {};
      const timer = setTimeout(() => {
        resolve({ returned: box.returned, reply: 'no reply' });
      }, 50);
      box.returned = listener(message, sender, (reply) => {
        clearTimeout(timer);
        // The reply may come before the return value is stored: read it a tick later.
        queueMicrotask(() => {
          resolve({ returned: box.returned, reply });
        });
      });
    });
  return { handle, send };
}

const popup: MessageSender = { id: ID, url: `${ORIGIN}popup.html` };

describe('isOwnPage', () => {
  it.each<[string, MessageSender, boolean]>([
    ['the popup', popup, true],
    [
      'the options page in a tab',
      { id: ID, url: `${ORIGIN}options.html`, tab: { url: `${ORIGIN}options.html` } },
      true,
    ],
    [
      'a content script of ours on a web page',
      { id: ID, url: 'https://example.com/', tab: { url: 'https://example.com/' } },
      false,
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/popup.html' }, false],
    [
      'our id with a foreign URL prefix',
      { id: ID, url: `chrome-extension://${ID}x/popup.html` },
      false,
    ],
    ['no sender details (fake browser)', {}, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isOwnPage(sender, ID, ORIGIN)).toBe(expected);
  });
});

describe('createMessageListener', () => {
  it('answers valid page requests from our pages through sendResponse and returns true', async () => {
    const { handle, send } = setup();
    await expect(send({ type: 'getState' }, popup)).resolves.toEqual({ returned: true, reply: ok });
    expect(handle).toHaveBeenCalledWith({ type: 'getState' });
  });

  it('refuses page requests from content scripts and other extensions', async () => {
    const { handle, send } = setup();
    const { reply } = await send(
      { type: 'getState' },
      { id: ID, url: 'https://evil.example/', tab: { url: 'https://evil.example/' } },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'ForbiddenSender' } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('rejects malformed requests before anything looks at them', async () => {
    const { handle, send } = setup();
    for (const bad of [
      { type: 'startSignIn', accountId: 'a', username: '' },
      { type: 'answer', accountId: 'a', answer: { kind: 'code', code: '12 34' } },
      { type: 'getState', extra: 1 },
    ]) {
      const { reply } = await send(bad, popup);
      expect(reply).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    }
    expect(handle).not.toHaveBeenCalled();
  });

  it('leaves messages that are not page requests to other listeners', async () => {
    const { send } = setup();
    await expect(send({ type: 'otpFill', code: '1' }, popup)).resolves.toEqual({
      returned: undefined,
      reply: 'no reply',
    });
    await expect(send('hello', popup)).resolves.toEqual({ returned: undefined, reply: 'no reply' });
  });

  it('turns a failing handler into an error reply', async () => {
    const listener = createMessageListener({
      runtimeId: ID,
      extensionOrigin: ORIGIN,
      handle: () => Promise.reject(new Error('boom')),
      logger: createLogger('silent', () => undefined),
    });
    const reply = await new Promise((resolve) => listener({ type: 'getState' }, popup, resolve));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: expect.any(String) as string, recovery: expect.any(String) as string },
    });
  });
});

describe('through the fake browser', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('delivers ping replies and refuses page requests without a sender', async () => {
    const { handle } = setup();
    fakeBrowser.runtime.onMessage.addListener(
      createMessageListener({
        runtimeId: ID,
        extensionOrigin: ORIGIN,
        handle,
        logger: createLogger('silent', () => undefined),
      }),
    );
    await expect(fakeBrowser.runtime.sendMessage({ type: 'ping' })).resolves.toEqual({
      ok: true,
      value: { pong: true },
    });
    await expect(fakeBrowser.runtime.sendMessage({ type: 'getState' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'ForbiddenSender' },
    });
  });
});
