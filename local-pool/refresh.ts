/**
 * Refresh tokens and sign-out: REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken (with rotation as an
 * app-client option), RevokeToken and GlobalSignOut, and the access-token check every
 * token-authenticated operation uses.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  assertFlowAllowed,
  assertSecretHash,
  findPool,
  findUser,
  resolveClient,
  type ClientScope,
  type PoolContext,
} from './context';
import { CognitoError, Errors } from './errors';
import { createRefreshToken, refreshedTokens } from './issue-tokens';
import { optionalString, requiredString, type Json } from './input';
import type { PoolData, RefreshRecord, UserRecord } from './state';
import { verifyAccessToken } from './tokens';

function usableRefresh(ctx: PoolContext, scope: ClientScope, token: string | undefined) {
  if (token === undefined || token === '') throw Errors.missing('refreshToken');
  const record = scope.data.refreshTokens[token];
  if (!record || record.clientId !== scope.client.id) throw Errors.invalidRefreshToken();
  if (record.revoked || scope.data.revokedOrigins.includes(record.originJti)) {
    throw Errors.refreshTokenRevoked();
  }
  const now = ctx.now();
  if (record.expiresAt <= now) throw Errors.refreshTokenExpired();
  if (
    record.rotatedAt !== undefined &&
    now > record.rotatedAt + scope.settings.retryGracePeriodSeconds * 1000
  ) {
    throw Errors.invalidRefreshToken();
  }
  const user = findUser(scope.data, record.username);
  if (!user) throw Errors.invalidRefreshToken();
  if (!user.enabled) throw Errors.userDisabled();
  return { record, user };
}

function assertClientSecret(scope: ClientScope, given: string | undefined): void {
  const secret = scope.client.secret;
  if (secret === undefined) return;
  const a = Buffer.from(secret);
  const b = Buffer.from(given ?? '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw Errors.clientSecret(scope.client.id);
}

export async function refreshWithInitiateAuth(
  ctx: PoolContext,
  scope: ClientScope,
  params: Record<string, string>,
) {
  const { record, user } = usableRefresh(ctx, scope, params.REFRESH_TOKEN ?? params.REFRESH);
  // Clients hash whatever username they know; Cognito accepts the sub here.
  assertSecretHash(scope, params.SECRET_HASH, params.USERNAME ?? user.username, user);
  const tokens = await refreshedTokens(ctx, scope, user, record);
  return { ChallengeParameters: {}, AuthenticationResult: tokens };
}

export async function getTokensFromRefreshToken(ctx: PoolContext, body: Json) {
  const scope = resolveClient(ctx, requiredString(body, 'ClientId'));
  assertFlowAllowed(scope, 'REFRESH_TOKEN_AUTH');
  assertClientSecret(scope, optionalString(body, 'ClientSecret'));
  const token = requiredString(body, 'RefreshToken');
  const { record, user } = usableRefresh(ctx, scope, token);
  const tokens = await refreshedTokens(ctx, scope, user, record);
  if (!scope.settings.rotation) return { AuthenticationResult: tokens };
  record.rotatedAt ??= ctx.now();
  const next: Omit<RefreshRecord, 'expiresAt' | 'revoked'> = {
    clientId: record.clientId,
    username: record.username,
    originJti: record.originJti,
    authTime: record.authTime,
    ...(record.deviceKey === undefined ? {} : { deviceKey: record.deviceKey }),
  };
  const RefreshToken = createRefreshToken(ctx, scope, next);
  ctx.changed();
  return { AuthenticationResult: { ...tokens, RefreshToken } };
}

export function revokeToken(ctx: PoolContext, body: Json) {
  const scope = resolveClient(ctx, requiredString(body, 'ClientId'));
  assertClientSecret(scope, optionalString(body, 'ClientSecret'));
  const token = requiredString(body, 'Token');
  const record = scope.data.refreshTokens[token];
  if (record) {
    if (record.clientId !== scope.client.id) {
      throw new CognitoError(
        'InvalidParameterException',
        'The token was not issued to this client.',
      );
    }
    revokeOrigin(scope.data, record.originJti);
    ctx.changed();
  }
  return {};
}

function revokeOrigin(data: PoolData, originJti: string): void {
  if (!data.revokedOrigins.includes(originJti)) data.revokedOrigins.push(originJti);
  for (const record of Object.values(data.refreshTokens)) {
    if (record.originJti === originJti) record.revoked = true;
  }
}

export interface Authenticated {
  poolId: string;
  data: PoolData;
  user: UserRecord;
  clientId: string;
  deviceKey?: string;
  originJti: string;
}

/** Signature, expiry, revocation (RevokeToken, GlobalSignOut) and user state of an AccessToken. */
export async function authenticate(ctx: PoolContext, body: Json): Promise<Authenticated> {
  const token = requiredString(body, 'AccessToken');
  const claims = await verifyAccessToken(
    ctx.key,
    token,
    (iss) => {
      const poolId = iss.slice(iss.lastIndexOf('/') + 1);
      return ctx.state.pools[poolId] ? poolId : undefined;
    },
    ctx.now(),
  );
  const { data } = findPool(ctx, claims.poolId);
  if (data.revokedOrigins.includes(claims.origin_jti)) throw Errors.accessTokenRevoked();
  const user = findUser(data, claims.username);
  if (user?.sub !== claims.sub) throw Errors.userNotFound();
  if (!user.enabled) throw Errors.userDisabled();
  return {
    poolId: claims.poolId,
    data,
    user,
    clientId: claims.client_id,
    originJti: claims.origin_jti,
    ...(claims.device_key === undefined ? {} : { deviceKey: claims.device_key }),
  };
}

export async function globalSignOut(ctx: PoolContext, body: Json) {
  const auth = await authenticate(ctx, body);
  revokeOrigin(auth.data, auth.originJti);
  for (const record of Object.values(auth.data.refreshTokens)) {
    if (record.username === auth.user.username) revokeOrigin(auth.data, record.originJti);
  }
  ctx.changed();
  return {};
}
