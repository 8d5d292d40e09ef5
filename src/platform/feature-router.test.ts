import { describe, expect, it, vi } from 'vitest';
import { createFeatureListener } from './feature-router';
import { createLogger } from './logger';

const ORIGIN = 'chrome-extension://cognito-pass-id/';

function setup() {
  const handle = vi.fn(() => Promise.resolve({ ok: true as const, sites: [] }));
  const listener = createFeatureListener({
    runtimeId: 'cognito-pass-id',
    extensionOrigin: ORIGIN,
    handle,
    logger: createLogger('silent', () => undefined),
  });
  const call = (message: unknown, sender: object) =>
    new Promise<unknown>((resolve) => {
      const answered = listener(message, sender, resolve);
      if (answered === undefined) resolve('not mine');
    });
  return { handle, call };
}

const popup = { id: 'cognito-pass-id', url: `${ORIGIN}popup.html` };

describe('the feature request listener', () => {
  it('serves this extension’s pages', async () => {
    const { handle, call } = setup();
    await expect(call({ type: 'listSites' }, popup)).resolves.toEqual({ ok: true, sites: [] });
    expect(handle).toHaveBeenCalledOnce();
  });

  it.each([
    [
      'a content script',
      {
        id: 'cognito-pass-id',
        url: 'https://evil.example/',
        tab: { url: 'https://evil.example/' },
      },
    ],
    ['another extension', { id: 'other', url: 'chrome-extension://other/page.html' }],
    ['no sender', {}],
  ])('refuses %s without acting', async (_name, sender) => {
    const { handle, call } = setup();
    await expect(call({ type: 'otp:export', id: 'x' }, sender)).resolves.toMatchObject({
      ok: false,
      error: { code: 'ForbiddenSender' },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('refuses malformed requests and leaves other messages alone', async () => {
    const { handle, call } = setup();
    await expect(call({ type: 'otp:remove' }, popup)).resolves.toMatchObject({
      error: { code: 'InvalidRequest' },
    });
    await expect(
      call({ type: 'shareSite', origin: 'x', accountId: 'a', extra: 1 }, popup),
    ).resolves.toMatchObject({
      error: { code: 'InvalidRequest' },
    });
    await expect(call({ type: 'getState' }, popup)).resolves.toBe('not mine');
    await expect(call('listSites', popup)).resolves.toBe('not mine');
    expect(handle).not.toHaveBeenCalled();
  });
});
