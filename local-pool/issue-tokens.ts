/**
 * The end of every successful sign-in and refresh: id + access (+ refresh) tokens, and, when the
 * pool tracks devices and the client has none yet, NewDeviceMetadata for ConfirmDevice.
 */
import { randomUUID } from 'node:crypto';
import { poolRegion } from './config';
import { issuerFor, type ClientScope, type PoolContext } from './context';
import type { RefreshRecord, UserRecord } from './state';
import { issueAccessToken, issueIdToken, type TokenGrant } from './tokens';

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

function randomToken(ctx: PoolContext, bytes: number): string {
  return Buffer.from(ctx.randomBytes(bytes)).toString('base64url');
}

async function signPair(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  session: { originJti: string; authTime: number; deviceKey?: string },
) {
  const grant: TokenGrant = {
    issuer: issuerFor(ctx, scope.pool.id),
    clientId: scope.client.id,
    originJti: session.originJti,
    authTime: session.authTime,
    now: ctx.now(),
    accessValidityMinutes: scope.settings.accessTokenValidityMinutes,
    idValidityMinutes: scope.settings.idTokenValidityMinutes,
    eventId: randomUUID(),
    jti: randomUUID,
    ...(session.deviceKey === undefined ? {} : { deviceKey: session.deviceKey }),
  };
  const subject = { sub: user.sub, username: user.username, attributes: user.attributes };
  return {
    AccessToken: await issueAccessToken(ctx.key, subject, grant),
    IdToken: await issueIdToken(ctx.key, subject, grant),
    ExpiresIn: scope.settings.accessTokenValidityMinutes * 60,
    TokenType: 'Bearer' as const,
  };
}

export function createRefreshToken(
  ctx: PoolContext,
  scope: ClientScope,
  record: Omit<RefreshRecord, 'expiresAt' | 'revoked'>,
): string {
  const token = randomToken(ctx, 96);
  scope.data.refreshTokens[token] = {
    ...record,
    expiresAt: ctx.now() + scope.settings.refreshTokenValidityMinutes * 60_000,
    revoked: false,
  };
  return token;
}

/** A completed sign-in: fresh origin (refresh chain), all three tokens, maybe a new device. */
export async function completeSignIn(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  deviceKey: string | undefined,
): Promise<{
  ChallengeParameters: Record<string, never>;
  AuthenticationResult: AuthenticationResult;
}> {
  const now = ctx.now();
  const originJti = randomUUID();
  const authTime = Math.floor(now / 1000);
  let newDevice: AuthenticationResult['NewDeviceMetadata'];
  let usedDevice = deviceKey;
  if (usedDevice !== undefined) {
    const device = scope.data.devices[usedDevice];
    if (device) device.lastAuthenticatedAt = now;
  } else if (scope.poolSettings.deviceTracking !== 'OFF') {
    const key = `${poolRegion(scope.pool.id)}_${randomUUID()}`;
    const groupKey = `-${randomToken(ctx, 6)}`;
    scope.data.devices[key] = {
      key,
      groupKey,
      username: user.username,
      confirmed: false,
      remembered: false,
      createdAt: now,
      lastModifiedAt: now,
      lastAuthenticatedAt: now,
    };
    newDevice = { DeviceKey: key, DeviceGroupKey: groupKey };
    usedDevice = key;
  }
  const session = {
    originJti,
    authTime,
    ...(usedDevice === undefined ? {} : { deviceKey: usedDevice }),
  };
  const pair = await signPair(ctx, scope, user, session);
  const RefreshToken = createRefreshToken(ctx, scope, {
    clientId: scope.client.id,
    username: user.username,
    ...session,
  });
  ctx.changed();
  return {
    ChallengeParameters: {},
    AuthenticationResult: {
      ...pair,
      RefreshToken,
      ...(newDevice ? { NewDeviceMetadata: newDevice } : {}),
    },
  };
}

/** New id + access tokens for an existing refresh chain (same origin_jti and auth_time). */
export async function refreshedTokens(
  ctx: PoolContext,
  scope: ClientScope,
  user: UserRecord,
  record: RefreshRecord,
) {
  return signPair(ctx, scope, user, record);
}
