// @vitest-environment happy-dom
/**
 * The strongest evidence the format is right: the keys this module writes are read back by the
 * real aws-amplify v6 (getCurrentUser, fetchAuthSession) and by amazon-cognito-identity-js.
 */
/* eslint-disable @typescript-eslint/no-deprecated -- amazon-cognito-identity-js is deprecated,
   and still what many sites run: compatibility with it is the point of the last test. */
import { CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyToLocalStorage } from '../apply-changes';
import { makeTokens, TEST_CLIENT_ID, TEST_POOL_ID } from '../testing/tokens';
import { amplifyLocalStorageChanges } from './amplify-local-storage';

const P = `CognitoIdentityServiceProvider.${TEST_CLIENT_ID}`;

function configureAmplify() {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: TEST_POOL_ID,
        userPoolClientId: TEST_CLIENT_ID,
        userPoolEndpoint: 'http://127.0.0.1:9230',
      },
    },
  });
}

describe('amplify localStorage format', () => {
  beforeEach(() => {
    localStorage.clear();
    // Any network call would mean Amplify tried to refresh: the injected session was not usable.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new Error('no network in this test'))),
    );
    configureAmplify();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('writes exactly the keys aws-amplify v6 reads, byte for byte', () => {
    const now = Date.now();
    const tokens = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now + 250 });
    const changes = amplifyLocalStorageChanges(
      { clientId: TEST_CLIENT_ID, tokens },
      { shareRefreshToken: false },
    );
    expect(changes.writes).toEqual([
      { area: 'localStorage', key: `${P}.LastAuthUser`, value: 'alice' },
      { area: 'localStorage', key: `${P}.alice.accessToken`, value: tokens.accessToken },
      { area: 'localStorage', key: `${P}.alice.idToken`, value: tokens.idToken },
      {
        area: 'localStorage',
        key: `${P}.alice.signInDetails`,
        value: '{"loginId":"alice","authFlowType":"USER_SRP_AUTH"}',
      },
      {
        area: 'localStorage',
        key: `${P}.alice.clockDrift`,
        value: String(Math.floor(now / 1000) * 1000 - (now + 250)),
      },
    ]);
  });

  it('is read by the real aws-amplify v6: getCurrentUser and fetchAuthSession', async () => {
    const now = Date.now();
    const tokens = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
    applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { shareRefreshToken: false },
      ),
    );
    const user = await getCurrentUser();
    expect(user).toEqual({
      username: 'alice',
      userId: '7d1c2f3e-0000-4000-8000-00000000a11c',
      signInDetails: { loginId: 'alice', authFlowType: 'USER_SRP_AUTH' },
    });
    const session = await fetchAuthSession();
    expect(session.tokens?.accessToken.toString()).toBe(tokens.accessToken);
    expect(session.tokens?.idToken?.toString()).toBe(tokens.idToken);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses v6 clockDrift (ms, iat·1000 − received): a local clock 2 h fast still reads valid tokens', async () => {
    // Local clock 2 h ahead of Cognito's: by the local clock alone the 1 h tokens look expired.
    const now = Date.now();
    const serverNow = Math.floor(now / 1000) - 7200;
    const tokens = makeTokens({ issuedAt: serverNow, receivedAt: now });
    applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { shareRefreshToken: false },
      ),
    );
    expect(Number(localStorage.getItem(`${P}.alice.clockDrift`))).toBeCloseTo(-7_200_000, -4);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'alice' });
    expect(fetch).not.toHaveBeenCalled();

    // Control: the same tokens with drift 0 (or in the seconds convention) are treated as expired.
    localStorage.setItem(`${P}.alice.clockDrift`, '0');
    await expect(getCurrentUser()).rejects.toThrow();
  });

  it('hands over the refresh token only when the site is set to', () => {
    const now = Date.now();
    const tokens = makeTokens({
      issuedAt: Math.floor(now / 1000),
      receivedAt: now,
      refreshToken: 'opaque-refresh',
    });
    const keys = (share: boolean) =>
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { shareRefreshToken: share },
      ).writes.map((write) => (write.area === 'localStorage' ? write.key : write.name));
    expect(keys(false)).not.toContain(`${P}.alice.refreshToken`);
    expect(keys(true)).toContain(`${P}.alice.refreshToken`);
  });

  it('signs the page out: removal leaves no session for Amplify and keeps device keys', async () => {
    const now = Date.now();
    const tokens = makeTokens({
      issuedAt: Math.floor(now / 1000),
      receivedAt: now,
      refreshToken: 'r',
    });
    applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges({ clientId: TEST_CLIENT_ID, tokens }, { shareRefreshToken: true }),
    );
    localStorage.setItem(`${P}.alice.deviceKey`, 'us-east-1_device');
    localStorage.setItem('unrelated', 'kept');
    const changed = applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens: undefined },
        { shareRefreshToken: false },
      ),
    );
    expect(changed.map((change) => change.key).sort()).toEqual(
      [
        `${P}.LastAuthUser`,
        `${P}.alice.accessToken`,
        `${P}.alice.clockDrift`,
        `${P}.alice.idToken`,
        `${P}.alice.refreshToken`,
        `${P}.alice.signInDetails`,
      ].sort(),
    );
    expect(localStorage.getItem(`${P}.alice.deviceKey`)).toBe('us-east-1_device');
    expect(localStorage.getItem('unrelated')).toBe('kept');
    await expect(getCurrentUser()).rejects.toThrow();
  });

  it('switching user replaces the old user’s keys in place (no window without a session)', () => {
    const now = Date.now();
    const alice = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
    const bob = makeTokens({ username: 'bob', issuedAt: Math.floor(now / 1000), receivedAt: now });
    applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens: alice },
        { shareRefreshToken: false },
      ),
    );
    const changed = applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens: bob },
        { shareRefreshToken: false },
      ),
    );
    // Writes come first, so LastAuthUser is never absent in between.
    expect(changed[0]).toEqual({ key: `${P}.LastAuthUser`, oldValue: 'alice', newValue: 'bob' });
    expect(localStorage.getItem(`${P}.alice.accessToken`)).toBeNull();
    expect(localStorage.getItem(`${P}.bob.accessToken`)).toBe(bob.accessToken);
  });

  it('is read by amazon-cognito-identity-js too (it needs the idToken)', async () => {
    const now = Date.now();
    const tokens = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
    applyToLocalStorage(
      localStorage,
      amplifyLocalStorageChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { shareRefreshToken: false },
      ),
    );
    const pool = new CognitoUserPool({
      UserPoolId: TEST_POOL_ID,
      ClientId: TEST_CLIENT_ID,
      Storage: localStorage,
    });
    const user = pool.getCurrentUser();
    expect(user?.getUsername()).toBe('alice');
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user?.getSession((error: Error | null, result: CognitoUserSession | null) => {
        if (error || !result) reject(error ?? new Error('no session'));
        else resolve(result);
      });
    });
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().getJwtToken()).toBe(tokens.idToken);
    expect(session.getAccessToken().getJwtToken()).toBe(tokens.accessToken);
  });
});
