// @vitest-environment happy-dom
/**
 * Cookies written the way this module says are read back by the real aws-amplify v6 with its
 * CookieStorage (js-cookie), and the name/value encoding matches js-cookie's own output.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { CookieStorage } from 'aws-amplify/utils';
import fc from 'fast-check';
import JsCookie from 'js-cookie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyToCookies } from '../apply-changes';
import { makeTokens, TEST_CLIENT_ID, TEST_POOL_ID } from '../testing/tokens';
import { amplifyCookieChanges, cookiesAreSecure } from './amplify-cookies';
import { encodeCookieName, encodeCookieValue } from './js-cookie-encoding';

const P = `CognitoIdentityServiceProvider.${TEST_CLIENT_ID}`;

function clearCookies() {
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0];
    if (name) document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
}

describe('js-cookie encoding', () => {
  it('matches js-cookie for names and values (what Amplify looks cookies up by)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string(), (name, value) => {
        fc.pre(name !== '');
        clearCookies();
        const written = JsCookie.set(name, value);
        expect(written).toBe(`${encodeCookieName(name)}=${encodeCookieValue(value)}; path=/`);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes an e-mail username in the name like Amplify’s SSR adapter', () => {
    expect(encodeCookieName(`${P}.ana+x@example.com (work).idToken`)).toBe(
      `${P}.ana+x%40example.com%20%28work%29.idToken`,
    );
  });
});

describe('amplify cookies format', () => {
  beforeEach(() => {
    clearCookies();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new Error('no network in this test'))),
    );
    Amplify.configure(
      { Auth: { Cognito: { userPoolId: TEST_POOL_ID, userPoolClientId: TEST_CLIENT_ID } } },
      { ssr: true },
    );
    cognitoUserPoolsTokenProvider.setKeyValueStorage(
      new CookieStorage({ sameSite: 'lax', secure: false }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    clearCookies();
  });

  it('Secure on https only, path /, SameSite=Lax', () => {
    expect(cookiesAreSecure('https://app.example.com')).toBe(true);
    expect(cookiesAreSecure('http://127.0.0.1:5173')).toBe(false);
    const written: string[] = [];
    const jar = {
      get cookie() {
        return '';
      },
      set cookie(line: string) {
        written.push(line);
      },
    };
    const now = Date.now();
    const tokens = makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now });
    applyToCookies(
      jar,
      amplifyCookieChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { origin: 'https://app.example.com', shareRefreshToken: false },
      ),
    );
    expect(written[0]).toBe(`${P}.LastAuthUser=alice; path=/; SameSite=Lax; Secure`);
    expect(written).toContain(
      `${P}.alice.signInDetails=${encodeURIComponent('{"loginId":"alice","authFlowType":"USER_SRP_AUTH"}').replace(/%(3A|7B|7D)/g, decodeURIComponent)}; path=/; SameSite=Lax; Secure`,
    );
    expect(written.every((line) => !/domain=/i.test(line))).toBe(true);
  });

  it('is read by the real aws-amplify v6 CookieStorage, then signed out by the removals', async () => {
    const now = Date.now();
    const tokens = makeTokens({
      username: 'ana@example.com',
      issuedAt: Math.floor(now / 1000),
      receivedAt: now,
    });
    const origin = 'http://localhost:3000';
    applyToCookies(
      document,
      amplifyCookieChanges(
        { clientId: TEST_CLIENT_ID, tokens },
        { origin, shareRefreshToken: false },
      ),
    );
    expect(document.cookie).toContain(`${P}.ana%40example.com.accessToken=`);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'ana@example.com' });
    const session = await fetchAuthSession();
    expect(session.tokens?.accessToken.toString()).toBe(tokens.accessToken);

    document.cookie = 'unrelated=kept; path=/';
    applyToCookies(
      document,
      amplifyCookieChanges(
        { clientId: TEST_CLIENT_ID, tokens: undefined },
        { origin, shareRefreshToken: false },
      ),
    );
    expect(document.cookie).toBe('unrelated=kept');
    await expect(getCurrentUser()).rejects.toThrow();
    expect(fetch).not.toHaveBeenCalled();
  });
});
