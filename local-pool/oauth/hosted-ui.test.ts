import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_SECRET_CLIENT_ID,
  demoOAuthSettings,
  demoSeed,
} from '../seed';
import { startLocalPool, type LocalPool } from '../server';
import { s256Challenge } from './pkce';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const VERIFIER = 'x'.repeat(20) + 'verifier-0123456789-abcdefghijklmnop';

let pool: LocalPool;

beforeAll(async () => {
  const config = demoSeed();
  // The seed's secret client has no hosted UI; give it one here to test client authentication.
  const secretClient = config.pools[0]?.clients.find((c) => c.id === DEMO_SECRET_CLIENT_ID);
  if (secretClient) secretClient.oauth = demoOAuthSettings();
  pool = await startLocalPool({ port: 0, quiet: true, config });
});
afterAll(() => pool.close());
beforeEach(async () => {
  await fetch(`${pool.url}/_local/reset`, { method: 'POST' });
});

function authorizeUrl(extra: Record<string, string> = {}, clientId = DEMO_PUBLIC_CLIENT_ID) {
  const params = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid email aws.cognito.signin.user.admin',
    state: 'state-123',
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${pool.url}/oauth2/authorize?${params.toString()}`;
}

const get = (url: string, cookie?: string) =>
  fetch(url, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });

function requestIdOf(html: string): string {
  const match = /name="request" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no login request id on the page');
  return match[1];
}

const postForm = (
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(`${pool.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });

/** Login page → password form → the redirect back with a code. */
async function signInOnPage(username = 'alice', extra: Record<string, string> = {}) {
  const pageResponse = await get(authorizeUrl(extra));
  expect(pageResponse.status).toBe(200);
  const request = requestIdOf(await pageResponse.text());
  const response = await postForm('/login', {
    request,
    action: 'password',
    username,
    password: DEMO_PASSWORD,
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { location, code: location.searchParams.get('code') ?? '', cookie };
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  postForm('/oauth2/token', {
    grant_type: 'authorization_code',
    client_id: DEMO_PUBLIC_CLIENT_ID,
    code,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
    ...extra,
  });

interface TokenBody {
  id_token?: string;
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  token_type?: string;
  error?: string;
}

describe('hosted UI: OpenID configuration', () => {
  it('lists the OAuth endpoints at the domain root and per pool', async () => {
    for (const path of [
      '/.well-known/openid-configuration',
      `/${DEMO_POOL_ID}/.well-known/openid-configuration`,
    ]) {
      const config = (await (await fetch(`${pool.url}${path}`)).json()) as Record<string, unknown>;
      expect(config.authorization_endpoint).toBe(`${pool.url}/oauth2/authorize`);
      expect(config.token_endpoint).toBe(`${pool.url}/oauth2/token`);
      expect(config.userinfo_endpoint).toBe(`${pool.url}/oauth2/userInfo`);
      expect(config.end_session_endpoint).toBe(`${pool.url}/logout`);
      expect(config.issuer).toBe(`${pool.url}/${DEMO_POOL_ID}`);
    }
  });
});

describe('hosted UI: authorization code + PKCE', () => {
  it('signs alice in on the login page; the tokens verify against the JWKS; userInfo answers', async () => {
    const { location, code, cookie } = await signInOnPage();
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(code).not.toBe('');
    expect(cookie).toMatch(/^local-hosted-ui-us-east-1_DemoPool0=.+/);

    const response = await exchange(code);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as TokenBody;
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    const jwks = createRemoteJWKSet(new URL(`${pool.url}/${DEMO_POOL_ID}/.well-known/jwks.json`));
    const issuer = `${pool.url}/${DEMO_POOL_ID}`;
    const id = await jwtVerify(body.id_token ?? '', jwks, {
      issuer,
      audience: DEMO_PUBLIC_CLIENT_ID,
    });
    expect(id.payload['cognito:username']).toBe('alice');
    expect(id.payload.token_use).toBe('id');
    const access = await jwtVerify(body.access_token ?? '', jwks, { issuer });
    expect(access.payload.scope).toBe('openid email aws.cognito.signin.user.admin');
    expect(access.payload.client_id).toBe(DEMO_PUBLIC_CLIENT_ID);

    const info = await fetch(`${pool.url}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${body.access_token ?? ''}` },
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ username: 'alice', email: 'alice@example.com' });
    const refused = await fetch(`${pool.url}/oauth2/userInfo`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('the hosted tokens also work with the Cognito API (GetUser)', async () => {
    const { code } = await signInOnPage();
    const body = (await (await exchange(code)).json()) as TokenBody;
    const response = await fetch(`${pool.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
      },
      body: JSON.stringify({ AccessToken: body.access_token }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ Username: 'alice' });
  });

  it('a code is single-use: the second exchange is invalid_grant', async () => {
    const { code } = await signInOnPage();
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong code_verifier, a missing one, another redirect_uri and an unknown code', async () => {
    for (const extra of [
      { code_verifier: `${VERIFIER}-other` },
      { code_verifier: '' },
      { redirect_uri: 'https://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.chromiumapp.org/' },
    ]) {
      const { code } = await signInOnPage();
      const response = await exchange(code, extra);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    }
    const unknown = await exchange('no-such-code');
    expect(await unknown.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a code expires after 5 minutes', async () => {
    const { code } = await signInOnPage();
    await fetch(`${pool.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 5 * 60_000 + 1000 }),
    });
    const response = await exchange(code);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refresh_token grant: new id and access tokens on the same chain; a bad one is invalid_grant', async () => {
    const { code } = await signInOnPage();
    const first = (await (await exchange(code)).json()) as TokenBody;
    const refreshed = await postForm('/oauth2/token', {
      grant_type: 'refresh_token',
      client_id: DEMO_PUBLIC_CLIENT_ID,
      refresh_token: first.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as TokenBody;
    expect(body.refresh_token).toBeUndefined();
    expect(decodeJwt(body.access_token ?? '').origin_jti).toBe(
      decodeJwt(first.access_token ?? '').origin_jti,
    );
    const bad = await postForm('/oauth2/token', {
      grant_type: 'refresh_token',
      client_id: DEMO_PUBLIC_CLIENT_ID,
      refresh_token: 'nope',
    });
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant' });
    const unsupported = await postForm('/oauth2/token', {
      grant_type: 'password',
      client_id: DEMO_PUBLIC_CLIENT_ID,
    });
    expect(await unsupported.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('a client with a secret must authenticate (HTTP Basic or form)', async () => {
    const pageResponse = await get(authorizeUrl({}, DEMO_SECRET_CLIENT_ID));
    const request = requestIdOf(await pageResponse.text());
    const signedIn = await postForm('/login', {
      request,
      action: 'password',
      username: 'alice',
      password: DEMO_PASSWORD,
    });
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    };
    const without = await postForm('/oauth2/token', { ...form, client_id: DEMO_SECRET_CLIENT_ID });
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ error: 'invalid_client' });
    // The refused attempt did not consume the code (client authentication comes first).
    const basic = Buffer.from(`${DEMO_SECRET_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString('base64');
    const withBasic = await postForm('/oauth2/token', form, { authorization: `Basic ${basic}` });
    expect(withBasic.status).toBe(200);
  });
});

describe('hosted UI: the login page', () => {
  it('cancel sends error=access_denied with the state back to the redirect URI', async () => {
    const request = requestIdOf(await (await get(authorizeUrl())).text());
    const response = await postForm('/login', { request, action: 'cancel' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('a wrong password shows the page again with the error; MFA users are sent to the popup', async () => {
    const request = requestIdOf(await (await get(authorizeUrl())).text());
    const wrong = await postForm('/login', {
      request,
      action: 'password',
      username: 'alice',
      password: 'nope',
    });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('Incorrect username or password.');
    const bob = await postForm('/login', {
      request,
      action: 'password',
      username: 'bob',
      password: DEMO_PASSWORD,
    });
    expect(await bob.text()).toContain('uses MFA');
  });

  it('an untrusted client or redirect URI gets an error page, never a redirect', async () => {
    for (const url of [
      authorizeUrl({ redirect_uri: 'https://evil.example/' }),
      authorizeUrl({ client_id: 'nosuchclient' }),
      authorizeUrl({}, '3demo0public0client0000001'),
    ]) {
      const response = await get(url);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('bad parameters are sent back as RFC 6749 errors', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'openid admin' }, 'invalid_scope'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ identity_provider: 'Google' }, 'invalid_request'],
    ];
    for (const [extra, error] of cases) {
      const response = await get(authorizeUrl(extra));
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('state-123');
    }
  });

  it('DemoIdP signs in a federated user', async () => {
    const idpPage = await get(authorizeUrl({ identity_provider: 'DemoIdP' }));
    const html = await idpPage.text();
    expect(html).toContain('Continue as Pat');
    const response = await postForm('/login', {
      request: requestIdOf(html),
      action: 'demoidp-consent',
    });
    const code = new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const body = (await (await exchange(code)).json()) as TokenBody;
    expect(decodeJwt(body.id_token ?? '')['cognito:username']).toBe('DemoIdP_pat');
    expect(decodeJwt(body.id_token ?? '').email).toBe('pat@demoidp.example');
  });
});

describe('hosted UI: the hosted session and /logout', () => {
  it('a second authorize skips the login page until /logout (or prompt=login)', async () => {
    const { cookie } = await signInOnPage();
    const silent = await get(authorizeUrl(), cookie);
    expect(silent.status).toBe(302);
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).not.toBeNull();
    expect((await get(authorizeUrl({ prompt: 'login' }), cookie)).status).toBe(200);

    const logoutUri = 'http://127.0.0.1:4000/callback';
    const out = await get(
      `${pool.url}/logout?${new URLSearchParams({ client_id: DEMO_PUBLIC_CLIENT_ID, logout_uri: logoutUri }).toString()}`,
      cookie,
    );
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(logoutUri);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // Even a browser that kept the old cookie is asked for credentials again.
    const again = await get(authorizeUrl(), cookie);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('name="password"');
  });

  it('/logout refuses an unregistered logout_uri', async () => {
    const response = await get(
      `${pool.url}/logout?${new URLSearchParams({ client_id: DEMO_PUBLIC_CLIENT_ID, logout_uri: 'https://evil.example/' }).toString()}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
