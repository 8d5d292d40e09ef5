import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { assertTokensForClient, exchangeCode, type Fetch } from './token-exchange';

const key = new TextEncoder().encode('k'.repeat(32));
const jwt = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);

async function tokensFor(clientId: string) {
  return {
    id_token: await jwt({ token_use: 'id', aud: clientId, sub: 'u1' }),
    access_token: await jwt({ token_use: 'access', client_id: clientId, sub: 'u1' }),
    refresh_token: 'r1',
    expires_in: 3600,
    token_type: 'Bearer',
  };
}

function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: Fetch = (url, init) => {
    calls.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
  return { fetch, calls };
}

const input = {
  tokenEndpoint: 'https://d/oauth2/token',
  clientId: 'c1',
  code: 'code1',
  redirectUri: 'https://r/',
  codeVerifier: 'v1',
};

describe('exchangeCode', () => {
  it('posts the code, verifier and redirect URI; secret clients use HTTP Basic', async () => {
    const server = answering(200, await tokensFor('c1'));
    const tokens = await exchangeCode({ ...input, fetch: server.fetch, clientSecret: 's e/cret' });
    expect(tokens.refreshToken).toBe('r1');
    const call = server.calls[0];
    expect(call?.url).toBe('https://d/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(call?.init.body as string))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'c1',
      code: 'code1',
      redirect_uri: 'https://r/',
      code_verifier: 'v1',
    });
    expect((call?.init.headers as Record<string, string>).Authorization).toBe(
      `Basic ${btoa('c1:s%20e%2Fcret')}`,
    );
  });

  it('invalid_grant is HostedUiBadCode; other refusals say the HTTP status', async () => {
    await expect(
      exchangeCode({ ...input, fetch: answering(400, { error: 'invalid_grant' }).fetch }),
    ).rejects.toMatchObject({ code: 'HostedUiBadCode' });
    await expect(
      exchangeCode({ ...input, fetch: answering(401, { error: 'invalid_client' }).fetch }),
    ).rejects.toMatchObject({ code: 'HostedUiTokenRefused', httpStatus: 401 });
  });

  it('refuses tokens for another client or without an id token', async () => {
    await expect(
      exchangeCode({ ...input, fetch: answering(200, await tokensFor('other')).fetch }),
    ).rejects.toMatchObject({ code: 'HostedUiWrongTokens' });
    const { id_token: _id, ...noId } = await tokensFor('c1');
    await expect(
      exchangeCode({ ...input, fetch: answering(200, noId).fetch }),
    ).rejects.toMatchObject({
      code: 'HostedUiWrongTokens',
    });
  });

  it('assertTokensForClient refuses a mixed pair', async () => {
    const a = await tokensFor('c1');
    const other = await jwt({ token_use: 'access', client_id: 'c1', sub: 'u2' });
    expect(() =>
      assertTokensForClient({ idToken: a.id_token, accessToken: other, expiresInSeconds: 1 }, 'c1'),
    ).toThrow(expect.objectContaining({ code: 'HostedUiWrongTokens' }));
  });
});
