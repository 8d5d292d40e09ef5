/**
 * Tokens for the hosted UI: the same RS256 id/access tokens and refresh chain as InitiateAuth
 * (so RevokeToken, GlobalSignOut and REFRESH_TOKEN_AUTH work on them), with the granted scopes
 * in the access token as on Cognito. No device tracking: the hosted UI does not remember devices.
 */
import { randomUUID } from 'node:crypto';
import { issuerFor, type ClientScope, type PoolContext } from '../context';
import { createRefreshToken } from '../issue-tokens';
import type { UserRecord } from '../state';
import { issueAccessToken, issueIdToken, type TokenGrant } from '../tokens';

export interface OAuthTokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

function grantFor(
  ctx: PoolContext,
  scope: ClientScope,
  session: { originJti: string; authTime: number },
  scopes: string[] | undefined,
): TokenGrant {
  return {
    issuer: issuerFor(ctx, scope.pool.id),
    clientId: scope.client.id,
    originJti: session.originJti,
    authTime: session.authTime,
    now: ctx.now(),
    accessValidityMinutes: scope.settings.accessTokenValidityMinutes,
    idValidityMinutes: scope.settings.idTokenValidityMinutes,
    eventId: randomUUID(),
    jti: randomUUID,
    ...(scopes === undefined ? {} : { scope: scopes.join(' ') }),
  };
}

const subjectOf = (user: UserRecord) => ({
  sub: user.sub,
  username: user.username,
  attributes: user.attributes,
});

/** authorization_code: a new refresh chain; an id token only when `openid` was granted. */
export async function tokensForCode(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  authTime: number,
  scopes: string[],
): Promise<OAuthTokenResponse> {
  const session = { originJti: randomUUID(), authTime };
  const grant = grantFor(ctx, scope, session, scopes);
  const refreshToken = createRefreshToken(ctx, scope, {
    clientId: scope.client.id,
    username: user.username,
    ...session,
  });
  ctx.changed();
  return {
    ...(scopes.includes('openid')
      ? { id_token: await issueIdToken(ctx.key, subjectOf(user), grant) }
      : {}),
    access_token: await issueAccessToken(ctx.key, subjectOf(user), grant),
    refresh_token: refreshToken,
    expires_in: scope.settings.accessTokenValidityMinutes * 60,
    token_type: 'Bearer',
  };
}

/** refresh_token: new id + access tokens on the same chain (same origin_jti and auth_time). */
export async function tokensForRefresh(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: { originJti: string; authTime: number },
): Promise<OAuthTokenResponse> {
  const grant = grantFor(ctx, scope, session, undefined);
  return {
    id_token: await issueIdToken(ctx.key, subjectOf(user), grant),
    access_token: await issueAccessToken(ctx.key, subjectOf(user), grant),
    expires_in: scope.settings.accessTokenValidityMinutes * 60,
    token_type: 'Bearer',
  };
}
