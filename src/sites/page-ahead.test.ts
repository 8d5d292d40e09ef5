// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { amplifyCookieChanges } from './formats/amplify-cookies';
import { amplifyLocalStorageChanges } from './formats/amplify-local-storage';
import { pageIsAhead } from './page-ahead';
import { fakeJwt, makeTokens, TEST_CLIENT_ID } from './testing/tokens';

const P = `CognitoIdentityServiceProvider.${TEST_CLIENT_ID}`;
const T0 = 1_800_000_000;
const ours = makeTokens({ issuedAt: T0, receivedAt: T0 * 1000 });
/** What the site got by refreshing on its own, ten minutes later. */
const sitesOwn = makeTokens({ issuedAt: T0 + 600, receivedAt: (T0 + 600) * 1000 });

const changes = (tokens: typeof ours | undefined) =>
  amplifyLocalStorageChanges({ clientId: TEST_CLIENT_ID, tokens }, { shareRefreshToken: true });
const page = { localStorage, cookies: document };

describe('pageIsAhead', () => {
  beforeEach(() => {
    localStorage.clear();
    for (const pair of document.cookie.split(';')) {
      const name = pair.split('=')[0]?.trim();
      if (name) document.cookie = `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
    }
  });

  it('is ahead when the page holds a later token of the same user', () => {
    localStorage.setItem(`${P}.alice.accessToken`, sitesOwn.accessToken);
    expect(pageIsAhead(page, changes(ours))).toBe(true);
  });

  it('is not ahead with an older or the same token, nothing stored, or a sign-out', () => {
    expect(pageIsAhead(page, changes(ours))).toBe(false);
    localStorage.setItem(`${P}.alice.accessToken`, ours.accessToken);
    expect(pageIsAhead(page, changes(ours))).toBe(false);
    expect(pageIsAhead(page, changes(sitesOwn))).toBe(false);
    localStorage.setItem(`${P}.alice.accessToken`, sitesOwn.accessToken);
    // A sign-out writes nothing: it always applies.
    expect(pageIsAhead(page, changes(undefined))).toBe(false);
  });

  it('is not ahead for another user, whatever the times', () => {
    const bob = makeTokens({
      username: 'bob',
      sub: '7d1c2f3e-0000-4000-8000-000000000b0b',
      issuedAt: T0 + 600,
      receivedAt: (T0 + 600) * 1000,
    });
    localStorage.setItem(`${P}.alice.accessToken`, bob.accessToken);
    expect(pageIsAhead(page, changes(ours))).toBe(false);
  });

  it('ignores values that are not JWTs, or JWTs without sub and iat', () => {
    localStorage.setItem(`${P}.alice.accessToken`, 'not.a-jwt.at all');
    expect(pageIsAhead(page, changes(ours))).toBe(false);
    localStorage.setItem(`${P}.alice.accessToken`, fakeJwt({ iat: T0 + 600 }));
    expect(pageIsAhead(page, changes(ours))).toBe(false);
    localStorage.setItem(`${P}.alice.accessToken`, 'e30.e30');
    expect(pageIsAhead(page, changes(ours))).toBe(false);
  });

  it('reads cookies the same way (SSR-configured sites)', () => {
    const cookieChanges = amplifyCookieChanges(
      { clientId: TEST_CLIENT_ID, tokens: ours },
      { origin: 'http://localhost:3000', shareRefreshToken: true },
    );
    const accessWrite = cookieChanges.writes.find(
      (write) => write.area === 'cookie' && write.name.endsWith('.accessToken'),
    );
    expect(accessWrite?.area).toBe('cookie');
    if (accessWrite?.area !== 'cookie') return;
    expect(pageIsAhead(page, cookieChanges)).toBe(false);
    document.cookie = `${accessWrite.name}=${sitesOwn.accessToken}; path=/`;
    expect(pageIsAhead(page, cookieChanges)).toBe(true);
  });
});
