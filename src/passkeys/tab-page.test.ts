import { describe, expect, it, vi } from 'vitest';
import type { CredentialsApi } from './ceremony';
import { createTabCeremonyRunner, type TabCeremonyRequest, type TabWindow } from './tab-page';

const buffer = (...values: number[]) => Uint8Array.from(values).buffer;

const assertion = {
  id: 'Bwc',
  rawId: buffer(7, 7),
  type: 'public-key',
  response: {
    clientDataJSON: buffer(1),
    authenticatorData: buffer(2),
    signature: buffer(3),
    userHandle: null,
  },
};

function windowWith(credentials: CredentialsApi, overrides: Partial<TabWindow> = {}): TabWindow {
  return {
    location: { origin: 'https://app.example.com', hostname: 'app.example.com' },
    isTopFrame: true,
    credentials,
    ...overrides,
  };
}

const request: TabCeremonyRequest = {
  kind: 'get',
  options: { challenge: 'AQID', rpId: 'example.com' },
  origin: 'https://app.example.com',
  rpId: 'example.com',
};

describe('the ceremony inside the tab', () => {
  it('asks the browser with the RP ID and returns only the credential JSON', async () => {
    const get = vi.fn<CredentialsApi['get']>(() => Promise.resolve(assertion));
    const runner = createTabCeremonyRunner(windowWith({ create: vi.fn(), get }));
    const result = await runner.run(request);
    expect(result).toEqual({
      ok: true,
      credential: {
        id: 'Bwc',
        rawId: 'Bwc',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'AQ', authenticatorData: 'Ag', signature: 'Aw' },
      },
    });
    expect(get.mock.calls[0]?.[0].publicKey.rpId).toBe('example.com');
  });

  it.each([
    ['a framed document', { isTopFrame: false }],
    [
      'another origin (the tab navigated)',
      { location: { origin: 'https://evil.test', hostname: 'evil.test' } },
    ],
    [
      'a host the RP ID does not cover',
      { location: { origin: 'https://app.example.com', hostname: 'example.org' } },
    ],
  ])('refuses %s without calling the browser', async (_name, overrides) => {
    const get = vi.fn<CredentialsApi['get']>();
    const runner = createTabCeremonyRunner(windowWith({ create: vi.fn(), get }, overrides));
    const result = await runner.run(request);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('PasskeyWrongPlace');
    expect(get).not.toHaveBeenCalled();
  });

  it('abort() cancels the ceremony in progress', async () => {
    const get = vi.fn<CredentialsApi['get']>(
      ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    const runner = createTabCeremonyRunner(windowWith({ create: vi.fn(), get }));
    const pending = runner.run(request);
    runner.abort();
    const result = await pending;
    expect(!result.ok && result.error.code).toBe('PasskeyCancelled');
  });

  it('a new request replaces one left waiting', async () => {
    const signals: AbortSignal[] = [];
    const get = vi.fn<CredentialsApi['get']>(({ signal }) => {
      if (signal) signals.push(signal);
      return signals.length === 1
        ? new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => {
              reject(new DOMException('aborted', 'AbortError'));
            });
          })
        : Promise.resolve(assertion);
    });
    const runner = createTabCeremonyRunner(windowWith({ create: vi.fn(), get }));
    const first = runner.run(request);
    const second = await runner.run(request);
    expect(second.ok).toBe(true);
    expect((await first).ok).toBe(false);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('creates a passkey for a registration', async () => {
    const create = vi.fn<CredentialsApi['create']>(() =>
      Promise.resolve({
        id: 'Bwc',
        rawId: buffer(7, 7),
        type: 'public-key',
        response: {
          clientDataJSON: buffer(1),
          attestationObject: buffer(4),
          getTransports: () => ['internal'],
        },
      }),
    );
    const runner = createTabCeremonyRunner(windowWith({ create, get: vi.fn() }));
    const result = await runner.run({
      ...request,
      kind: 'create',
      options: {
        challenge: 'AQID',
        rp: { id: 'example.com', name: 'Pool' },
        user: { id: 'AQ', name: 'alice', displayName: 'alice' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    });
    expect(result.ok).toBe(true);
    expect(create.mock.calls[0]?.[0].publicKey.rp.id).toBe('example.com');
  });
});
