/**
 * The back channel: code + verifier → tokens at /oauth2/token, and the tokens' own check that
 * they are for this app client (an answer for another client is refused, not stored).
 */
import { decodeJwt } from 'jose';
import { toAuthError } from '../cognito/auth-error';
import type { AuthTokens } from '../cognito/gateway';
import { HostedUiErrors } from './errors';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

interface TokenAnswer {
  id_token?: unknown;
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

export function assertTokensForClient(tokens: AuthTokens, clientId: string): void {
  let id: Record<string, unknown>;
  let access: Record<string, unknown>;
  try {
    id = decodeJwt(tokens.idToken);
    access = decodeJwt(tokens.accessToken);
  } catch {
    throw HostedUiErrors.wrongTokens('they are not JWTs');
  }
  if (id.token_use !== 'id' || access.token_use !== 'access')
    throw HostedUiErrors.wrongTokens('token_use');
  if (id.aud !== clientId || access.client_id !== clientId)
    throw HostedUiErrors.wrongTokens('another app client');
  if (id.sub !== access.sub) throw HostedUiErrors.wrongTokens('two different users');
}

export async function exchangeCode(input: {
  fetch: Fetch;
  tokenEndpoint: string;
  clientId: string;
  clientSecret?: string | undefined;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}): Promise<AuthTokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: input.clientId,
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  if (input.clientSecret !== undefined) {
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
    const basic = `${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`;
    headers.Authorization = `Basic ${btoa(basic)}`;
  }
  let response: Response;
  let answer: TokenAnswer;
  try {
    response = await input.fetch(input.tokenEndpoint, {
      method: 'POST',
      headers,
      body: form.toString(),
      credentials: 'omit',
    });
    answer = (await response.json()) as TokenAnswer;
  } catch (error) {
    throw toAuthError(error);
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (!response.ok) {
    if (answer.error === 'invalid_grant')
      throw HostedUiErrors.badCode(text(answer.error_description));
    throw HostedUiErrors.tokenRefused(response.status, text(answer.error));
  }
  const idToken = text(answer.id_token);
  const accessToken = text(answer.access_token);
  if (idToken === undefined || accessToken === undefined) {
    throw HostedUiErrors.wrongTokens('no id token: the scopes must include openid');
  }
  const refreshToken = text(answer.refresh_token);
  const tokens: AuthTokens = {
    idToken,
    accessToken,
    expiresInSeconds: typeof answer.expires_in === 'number' ? answer.expires_in : 3600,
    ...(refreshToken !== undefined && { refreshToken }),
  };
  assertTokensForClient(tokens, input.clientId);
  return tokens;
}
