import { describe, expect, it, vi } from 'vitest';
import {
  ceremonyError,
  createPasskey,
  getPasskeyAssertion,
  servesRelyingParty,
  type CredentialsApi,
} from './ceremony';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const creation = { challenge: 'AQID', rp: { name: 'demo' }, user: { id: 'CQ', name: 'alice' } };

function failingWith(name: string): CredentialsApi {
  const error = new DOMException('denied', name);
  return { create: () => Promise.reject(error), get: () => Promise.reject(error) };
}

describe('where a ceremony can run', () => {
  it('an extension page serves no RP ID or its own id, never a web domain', () => {
    expect(servesRelyingParty(undefined, EXTENSION_ID)).toBe(true);
    expect(servesRelyingParty(EXTENSION_ID, EXTENSION_ID)).toBe(true);
    expect(servesRelyingParty('example.com', EXTENSION_ID)).toBe(false);
    expect(servesRelyingParty('localhost', EXTENSION_ID)).toBe(false);
  });

  it('a web-domain RP ID is refused before the browser is asked', async () => {
    const create = vi.fn();
    const get = vi.fn();
    const place = { credentials: { create, get }, here: EXTENSION_ID };
    const made = await createPasskey(place, {
      ...creation,
      rp: { name: 'demo', id: 'example.com' },
    });
    expect(made).toMatchObject({ ok: false, error: { code: 'PasskeyWrongPlace' } });
    const got = await getPasskeyAssertion(place, { challenge: 'AQID', rpId: 'example.com' });
    expect(got).toMatchObject({ ok: false, error: { code: 'PasskeyWrongPlace' } });
    if (!got.ok) expect(got.error.recovery).toContain('example.com');
    expect(create).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
  });

  it('a page without navigator.credentials says so', async () => {
    const got = await getPasskeyAssertion(
      { credentials: undefined, here: EXTENSION_ID },
      {
        challenge: 'AQID',
      },
    );
    expect(got).toMatchObject({ ok: false, error: { code: 'PasskeyUnavailable' } });
  });
});

describe('browser errors', () => {
  it.each([
    ['NotAllowedError', 'PasskeyCancelled'],
    ['AbortError', 'PasskeyCancelled'],
    ['InvalidStateError', 'PasskeyAlreadyRegistered'],
    ['SecurityError', 'PasskeyWrongPlace'],
    ['UnknownError', 'PasskeyFailed'],
  ])('%s becomes %s', async (name, code) => {
    const place = { credentials: failingWith(name), here: EXTENSION_ID };
    expect(await createPasskey(place, creation)).toMatchObject({ ok: false, error: { code } });
    expect(await getPasskeyAssertion(place, { challenge: 'AQID' })).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('a cancelled sign-in suggests another way in', () => {
    expect(ceremonyError(new DOMException('x', 'NotAllowedError'), 'get').recovery).toMatch(
      /another way/,
    );
  });

  it('passes the abort signal to get()', async () => {
    const get = vi.fn(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    const controller = new AbortController();
    const place = { credentials: { create: vi.fn(), get }, here: EXTENSION_ID };
    await getPasskeyAssertion(place, { challenge: 'AQID' }, controller.signal);
    expect(get).toHaveBeenCalledWith(expect.objectContaining({ signal: controller.signal }));
  });
});
