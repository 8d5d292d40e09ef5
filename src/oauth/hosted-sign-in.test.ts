/**
 * The hosted-UI sign-in against the real local pool. The "sign-in window" is a small cookie-keeping
 * HTTP client that does what the person would: load the page, submit the form, follow redirects
 * until the redirect URI, which is where launchWebAuthFlow stops and hands the URL back.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../../local-pool/server';
import { buildAuthorizeUrl } from './authorize-url';
import { hostedSignIn, hostedSignOut, type HostedUiDeps } from './hosted-sign-in';
import { webCryptoRandom } from './pkce';
import type { OAuthSettings } from './settings';
import { poolWindow } from './testing/pool-window';

const CLIENT_ID = '3demo0public0client0000000';
const POOL_ID = 'us-east-1_DemoPool0';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let pool: LocalPool;
let settings: OAuthSettings;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, quiet: true });
  settings = {
    domain: pool.url,
    scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
    identityProviders: ['COGNITO', 'DemoIdP'],
  };
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

function depsWith(window: ReturnType<typeof poolWindow>): HostedUiDeps {
  return {
    webAuth: window.webAuth,
    fetch: (url, init) => fetch(url, init),
    random: webCryptoRandom,
  };
}

const client = () => ({ clientId: CLIENT_ID, oauth: settings });
const alice = () => ({ action: 'password', username: 'alice', password: 'Passw0rd!' });

describe('hosted-UI sign-in against the local pool', () => {
  it('signs alice in: tokens verify against the JWKS, and the hosted session skips the page next time', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    window.onPage(alice);
    const tokens = await hostedSignIn(depsWith(window), client(), 'COGNITO');
    const jwks = createRemoteJWKSet(new URL(`${pool.url}/${POOL_ID}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(tokens.idToken, jwks, { audience: CLIENT_ID });
    expect(payload['cognito:username']).toBe('alice');
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(window.pages).toHaveLength(1);

    window.onPage(() => 'close');
    await hostedSignIn(depsWith(window), client(), 'COGNITO');
    expect(window.pages).toHaveLength(1);

    await hostedSignOut(depsWith(window), client());
    await expect(hostedSignIn(depsWith(window), client(), 'COGNITO')).rejects.toMatchObject({
      code: 'HostedUiWindowClosed',
    });
    expect(window.pages[1]).toContain('name="password"');
  });

  it('DemoIdP signs the federated user in', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    window.onPage(() => ({ action: 'demoidp-consent' }));
    const tokens = await hostedSignIn(depsWith(window), client(), 'DemoIdP');
    expect(window.pages[0]).toContain('DemoIdP');
    expect(JSON.parse(atob(tokens.idToken.split('.')[1] ?? ''))).toMatchObject({
      'cognito:username': 'DemoIdP_pat',
    });
  });

  it('cancel on the page is HostedUiAccessDenied', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    window.onPage(() => ({ action: 'cancel' }));
    await expect(hostedSignIn(depsWith(window), client(), undefined)).rejects.toMatchObject({
      code: 'HostedUiAccessDenied',
    });
  });

  it('a callback with another state is refused before the code is used', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    window.onPage(alice);
    window.tamperCallback((url) => {
      const changed = new URL(url);
      changed.searchParams.set('state', 'forged');
      return changed.toString();
    });
    await expect(hostedSignIn(depsWith(window), client(), 'COGNITO')).rejects.toMatchObject({
      code: 'HostedUiStateMismatch',
    });
  });

  it('a forged code is HostedUiBadCode (invalid_grant from the pool)', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    window.onPage(alice);
    window.tamperCallback((url) => {
      const changed = new URL(url);
      changed.searchParams.set('code', 'forged-code');
      return changed.toString();
    });
    await expect(hostedSignIn(depsWith(window), client(), 'COGNITO')).rejects.toMatchObject({
      code: 'HostedUiBadCode',
    });
  });

  it('refuses a provider the settings do not list, and accounts without settings', async () => {
    const window = poolWindow(pool.url, REDIRECT);
    await expect(hostedSignIn(depsWith(window), client(), 'Google')).rejects.toMatchObject({
      code: 'HostedUiUnknownProvider',
    });
    await expect(
      hostedSignIn(depsWith(window), { clientId: CLIENT_ID }, undefined),
    ).rejects.toMatchObject({ code: 'HostedUiNotConfigured' });
    await expect(
      hostedSignIn({ ...depsWith(window), webAuth: undefined }, client(), undefined),
    ).rejects.toMatchObject({ code: 'HostedUiUnavailable' });
  });

  it('the authorize URL carries S256 PKCE, state and the provider', () => {
    const url = new URL(
      buildAuthorizeUrl({
        settings,
        clientId: CLIENT_ID,
        redirectUri: REDIRECT,
        state: 's',
        codeChallenge: 'c',
        provider: 'DemoIdP',
      }),
    );
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: 'openid email aws.cognito.signin.user.admin',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
      identity_provider: 'DemoIdP',
    });
  });
});
