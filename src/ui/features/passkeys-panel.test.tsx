// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasskeyRequest, PasskeyResponse } from '../../passkeys/messages';
import type { PasskeyPageApi } from '../../passkeys/page-api';
import type { PasskeyView } from '../../passkeys/passkey-gateway';
import type { TabCeremonyReply } from '../../passkeys/tab-messages';
import { PasskeyContext } from '../passkey-context';
import { PasskeysPanel } from './passkeys-panel';

afterEach(cleanup);

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const buffer = (...values: number[]) => Uint8Array.from(values).buffer;
const passkey: PasskeyView = {
  credentialId: 'Bwc',
  friendlyName: 'Passkey',
  relyingPartyId: `chrome-extension://${EXTENSION_ID}`,
  authenticatorAttachment: 'platform',
  createdAt: Date.UTC(2026, 10, 22),
};
const creationOptions = {
  challenge: 'AQID',
  rp: { name: 'demo' },
  user: { id: 'CQ', name: 'alice' },
};

/** A background that keeps a list, as the real handler does. */
function fakeBackground(initial: PasskeyView[], options: object = creationOptions) {
  let list = [...initial];
  const requests: PasskeyRequest[] = [];
  const send = vi.fn((request: PasskeyRequest): Promise<PasskeyResponse> => {
    requests.push(request);
    switch (request.type) {
      case 'passkeys:list':
        return Promise.resolve({ ok: true, passkeys: list });
      case 'passkeys:startRegistration':
        return Promise.resolve({ ok: true, passkeys: list, creationOptions: { ...options } });
      case 'passkeys:completeRegistration':
        list = [...list, passkey];
        return Promise.resolve({ ok: true, passkeys: list });
      case 'passkeys:delete':
        list = list.filter((each) => each.credentialId !== request.credentialId);
        return Promise.resolve({ ok: true, passkeys: list });
    }
  });
  return { send, requests };
}

function renderPanel(api: PasskeyPageApi) {
  render(
    <PasskeyContext.Provider value={api}>
      <PasskeysPanel accountId="demo" />
    </PasskeyContext.Provider>,
  );
}

describe('PasskeysPanel', () => {
  it('adds a passkey: Start, the browser prompt, Complete with the credential JSON', async () => {
    const background = fakeBackground([]);
    const create = vi.fn(() =>
      Promise.resolve({
        id: 'Bwc',
        rawId: buffer(7, 7),
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: {
          clientDataJSON: buffer(1),
          attestationObject: buffer(2),
          getTransports: () => ['internal'],
        },
      }),
    );
    renderPanel({
      send: background.send,
      place: { credentials: { create, get: vi.fn() }, here: EXTENSION_ID },
    });
    await screen.findByText(/No passkey yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    await screen.findByText('Passkey added. Next time, sign in with it.');
    expect(background.requests.map((request) => request.type)).toEqual([
      'passkeys:list',
      'passkeys:startRegistration',
      'passkeys:completeRegistration',
    ]);
    const complete = background.requests[2];
    expect(complete).toMatchObject({
      credential: {
        id: 'Bwc',
        response: { clientDataJSON: 'AQ', attestationObject: 'Ag', transports: ['internal'] },
      },
    });
    expect(screen.getByText(/for chrome-extension:\/\//)).toBeTruthy();
  });

  it('a cancelled prompt shows the reason and completes nothing', async () => {
    const background = fakeBackground([]);
    const create = vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    renderPanel({
      send: background.send,
      place: { credentials: { create, get: vi.fn() }, here: EXTENSION_ID },
    });
    await screen.findByText(/No passkey yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('PasskeyCancelled');
    expect(background.requests.map((request) => request.type)).not.toContain(
      'passkeys:completeRegistration',
    );
  });

  it('deletes a passkey by its id and shows the shorter list', async () => {
    const background = fakeBackground([passkey]);
    renderPanel({
      send: background.send,
      place: { credentials: { create: vi.fn(), get: vi.fn() }, here: EXTENSION_ID },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete passkey Passkey' }));
    await screen.findByText(/No passkey yet/);
    expect(background.requests.at(-1)).toEqual({
      type: 'passkeys:delete',
      accountId: 'demo',
      credentialId: 'Bwc',
    });
  });

  it('shows the background’s error', async () => {
    const send = vi.fn(() =>
      Promise.resolve<PasskeyResponse>({
        ok: false,
        error: { code: 'NotSignedIn', message: 'Sign in first.', recovery: 'Sign in.' },
      }),
    );
    renderPanel({ send, place: { credentials: undefined, here: EXTENSION_ID } });
    await waitFor(() => {
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('NotSignedIn');
    });
  });

  it('a web-domain RP ID is registered in a tab of the site; the panel follows the background', async () => {
    const background = fakeBackground([], { ...creationOptions, rp: { id: 'example.com' } });
    const create = vi.fn();
    const statuses: TabCeremonyReply[] = [
      { ok: true, ceremony: null },
      {
        ok: true,
        ceremony: { kind: 'register', state: 'waiting', origin: 'https://app.example.com' },
      },
      { ok: true, ceremony: { kind: 'register', state: 'done' } },
    ];
    const tab = vi.fn<NonNullable<PasskeyPageApi['tab']>>((request) =>
      Promise.resolve<TabCeremonyReply>(
        request.type === 'passkeyTab:register'
          ? {
              ok: true,
              ceremony: { kind: 'register', state: 'waiting', origin: 'https://app.example.com' },
            }
          : (statuses.shift() ?? { ok: true, ceremony: null }),
      ),
    );
    renderPanel({
      send: background.send,
      place: { credentials: { create, get: vi.fn() }, here: EXTENSION_ID },
      tab,
    });
    await screen.findByText(/No passkey yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    await screen.findByText(/Waiting for the passkey in the tab of https:\/\/app\.example\.com/);
    expect(create).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Add a passkey' }).hasAttribute('disabled')).toBe(
      true,
    );
    // The panel asks until the background has the outcome, then lists again.
    await screen.findByText('Passkey added. Next time, sign in with it.', {}, { timeout: 3000 });
    expect(tab).toHaveBeenCalledWith({ type: 'passkeyTab:register', accountId: 'demo' });
    expect(background.requests.map((request) => request.type)).toEqual([
      'passkeys:list',
      'passkeys:startRegistration',
      'passkeys:list',
    ]);
  });

  it('a popup reopened after a failed registration in a tab shows why', async () => {
    const background = fakeBackground([]);
    const tab = vi.fn<NonNullable<PasskeyPageApi['tab']>>(() =>
      Promise.resolve<TabCeremonyReply>({
        ok: true,
        ceremony: {
          kind: 'register',
          state: 'failed',
          error: { code: 'PasskeyCancelled', message: 'Cancelled.', recovery: 'Try again.' },
        },
      }),
    );
    renderPanel({
      send: background.send,
      place: { credentials: undefined, here: EXTENSION_ID },
      tab,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('PasskeyCancelled');
    expect(tab).toHaveBeenCalledWith({ type: 'passkeyTab:status', accountId: 'demo' });
  });
});
