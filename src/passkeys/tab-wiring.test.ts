import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../platform/logger';
import type { PageRequest, PageResponse, PopupState } from '../platform/protocol';
import { wireTabCeremonies } from './tab-wiring';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
const OPTIONS = JSON.stringify({ challenge: 'AQID', rpId: 'example.com' });

function state(step: PopupState['flow']): PopupState {
  return {
    accounts: [],
    activeAccountId: 'a',
    busy: false,
    ...(step !== undefined && { flow: step }),
  };
}

function setup(flow: PopupState['flow']) {
  const handled: PageRequest[] = [];
  const broadcasts: PopupState[] = [];
  const background = {
    handle: (request: PageRequest): Promise<PageResponse> => {
      handled.push(request);
      return Promise.resolve({ ok: true, state: state(flow) });
    },
  };
  const { listener } = wireTabCeremonies({
    runtimeId: ID,
    extensionOrigin: ORIGIN,
    tabs: { query: () => Promise.resolve([]), update: () => Promise.resolve() },
    windows: undefined,
    scripting: { executeScript: vi.fn(() => Promise.resolve([])) },
    documentOf: () => Promise.resolve(undefined),
    sharedSites: () => Promise.resolve([]),
    background,
    passkeys: () => Promise.resolve({ ok: true, passkeys: [] }),
    broadcast: (next) => broadcasts.push(next),
    logger: createLogger('silent', () => undefined),
  });
  const send = (message: unknown, sender: { id?: string; url?: string; tab?: { url?: string } }) =>
    new Promise<unknown>((resolve) => {
      const returned = listener(message, sender, resolve);
      if (returned === undefined) resolve('not handled');
    });
  return { send, handled, broadcasts };
}

const webAuthnFlow = {
  step: { name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN' as const, credentialRequestOptions: OPTIONS },
};

describe('the tab-ceremony listener', () => {
  it('refuses our own content script on a web page: only extension pages may ask', async () => {
    const { send, handled } = setup(webAuthnFlow);
    const reply = await send(
      { type: 'passkeyTab:signIn', accountId: 'a' },
      { id: ID, url: 'https://app.example.com/', tab: { url: 'https://app.example.com/' } },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'ForbiddenSender' } });
    expect(handled).toEqual([]);
  });

  it('refuses a malformed request and leaves other messages to other listeners', async () => {
    const { send } = setup(webAuthnFlow);
    const popup = { id: ID, url: `${ORIGIN}popup.html` };
    expect(
      await send({ type: 'passkeyTab:signIn', accountId: 'a', options: {} }, popup),
    ).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest' },
    });
    expect(await send({ type: 'getState' }, popup)).toBe('not handled');
  });

  it('reads the options from the sign-in state, and the fallback is answered and broadcast', async () => {
    const { send, handled, broadcasts } = setup(webAuthnFlow);
    const reply = await send(
      { type: 'passkeyTab:signIn', accountId: 'a' },
      { id: ID, url: `${ORIGIN}popup.html` },
    );
    // No tab is open: the machine gets the fallback answer and open pages hear about it.
    expect(reply).toMatchObject({ ok: false, error: { code: 'PasskeyWrongPlace' } });
    expect(handled.map((request) => request.type)).toEqual(['getState', 'answer']);
    expect(broadcasts).toHaveLength(1);
  });

  it('does nothing for an account that is not on the passkey step', async () => {
    const { send, handled } = setup({ step: { name: 'SIGN_IN' } });
    const reply = await send(
      { type: 'passkeyTab:signIn', accountId: 'a' },
      { id: ID, url: `${ORIGIN}popup.html` },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'NotAtPasskeyStep' } });
    expect(handled.map((request) => request.type)).toEqual(['getState']);
  });
});
