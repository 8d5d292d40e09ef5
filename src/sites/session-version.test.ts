import { describe, expect, it } from 'vitest';
import { amplifyLocalStorageChanges } from './formats/amplify-local-storage';
import {
  forgetSessionVersion,
  markSessionVersion,
  sessionVersion,
  VERSION_COOKIE,
  versionFromCookies,
  type VersionCookiesPort,
} from './session-version';
import { makeTokens, TEST_CLIENT_ID } from './testing/tokens';

const alice = makeTokens({ issuedAt: 1_700_000_000, receivedAt: 1_700_000_000_000 });
const later = makeTokens({ issuedAt: 1_700_000_060, receivedAt: 1_700_000_060_000 });
const changes = (tokens: typeof alice | undefined) =>
  amplifyLocalStorageChanges({ clientId: TEST_CLIENT_ID, tokens }, { shareRefreshToken: false });

describe('the session version', () => {
  it('is 16 hex characters, equal for equal sessions and different when anything changes', async () => {
    const first = await sessionVersion(changes(alice));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await sessionVersion(changes(alice))).toBe(first);
    expect(await sessionVersion(changes(later))).not.toBe(first);
    expect(await sessionVersion(changes(undefined))).not.toBe(first);
  });

  it('reveals nothing of the tokens it stands for', async () => {
    const version = await sessionVersion(changes(alice));
    for (const token of [alice.accessToken, alice.idToken]) {
      expect(token).not.toContain(version);
      expect(version).not.toContain(token.slice(0, 8));
    }
  });

  it('is read from document.cookie only when well-formed', () => {
    expect(versionFromCookies(`a=1; ${VERSION_COOKIE}=0123456789abcdef; b=2`)).toBe(
      '0123456789abcdef',
    );
    expect(versionFromCookies('')).toBeUndefined();
    expect(versionFromCookies(`${VERSION_COOKIE}=0123456789ABCDEF`)).toBeUndefined();
    expect(versionFromCookies(`${VERSION_COOKIE}=0123456789abcdef00`)).toBeUndefined();
    expect(versionFromCookies(`x${VERSION_COOKIE}=0123456789abcdef`)).toBeUndefined();
  });

  it('is left as a lax, path-wide cookie of the exact origin, Secure on https', async () => {
    const calls: unknown[] = [];
    const port: VersionCookiesPort = {
      set: (details) => Promise.resolve(calls.push(['set', details])),
      remove: (details) => Promise.resolve(calls.push(['remove', details])),
    };
    await markSessionVersion(port, 'https://app.example:8443', '0123456789abcdef', 1_000_000);
    await forgetSessionVersion(port, 'https://app.example:8443');
    expect(calls).toEqual([
      [
        'set',
        {
          url: 'https://app.example:8443/',
          name: VERSION_COOKIE,
          value: '0123456789abcdef',
          path: '/',
          sameSite: 'lax',
          secure: true,
          expirationDate: 1000 + 365 * 24 * 3600,
        },
      ],
      ['remove', { url: 'https://app.example:8443/', name: VERSION_COOKIE }],
    ]);
  });

  it('never fails the push when the browser refuses the cookie', async () => {
    const refusing: VersionCookiesPort = {
      set: () => Promise.reject(new Error('no host permission')),
      remove: () => Promise.reject(new Error('no host permission')),
    };
    await expect(
      markSessionVersion(refusing, 'http://127.0.0.1:5173', '0123456789abcdef', 0),
    ).resolves.toBeUndefined();
    await expect(forgetSessionVersion(refusing, 'http://127.0.0.1:5173')).resolves.toBeUndefined();
  });
});
