// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasskeyRequest, PasskeyResponse } from '../../passkeys/messages';
import type { PasskeyPageApi } from '../../passkeys/page-api';
import type { PasskeyView } from '../../passkeys/passkey-gateway';
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
function fakeBackground(initial: PasskeyView[]) {
  let list = [...initial];
  const requests: PasskeyRequest[] = [];
  const send = vi.fn((request: PasskeyRequest): Promise<PasskeyResponse> => {
    requests.push(request);
    switch (request.type) {
      case 'passkeys:list':
        return Promise.resolve({ ok: true, passkeys: list });
      case 'passkeys:startRegistration':
        return Promise.resolve({ ok: true, passkeys: list, creationOptions });
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
});
