/**
 * The pool's mutable data (users, devices, refresh tokens) as plain JSON, so it can be written to
 * a data directory and read back. Built from the configuration by `seedState`.
 */
import { randomUUID } from 'node:crypto';
import {
  srpPoolName,
  type MfaKind,
  type PoolConfig,
  type UserConfig,
  type UserPoolConfig,
  type UserStatus,
} from './config';
import type { IssuedCode } from './codes';
import { createVerifier, type RandomBytes, type StoredVerifier } from './srp-verifier';
import type { PasskeyRecord } from './webauthn/passkey-record';

export interface UserRecord {
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  attributes: Record<string, string>;
  password: StoredVerifier;
  mfa: { sms: boolean; totp: boolean; email: boolean; preferred?: MfaKind };
  totpSecret?: string;
  /** Handed out by AssociateSoftwareToken(AccessToken), enabled once verified. */
  pendingTotpSecret?: string;
  /** Replay floor: the last accepted TOTP time step. */
  totpLastTimeStep?: number;
  /** Registered passkeys (local-pool/webauthn). */
  passkeys?: PasskeyRecord[];
  /** StartWebAuthnRegistration's challenge until CompleteWebAuthnRegistration spends it. */
  pendingPasskeyRegistration?: { challenge: string; expiresAt: number };
  createdAt: number;
  updatedAt: number;
  codes: {
    signUp?: IssuedCode;
    forgotPassword?: IssuedCode;
    email?: IssuedCode;
    phone_number?: IssuedCode;
  };
}

export interface DeviceRecord {
  key: string;
  groupKey: string;
  username: string;
  name?: string;
  confirmed: boolean;
  remembered: boolean;
  verifier?: StoredVerifier;
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt: number;
}

export interface RefreshRecord {
  clientId: string;
  username: string;
  originJti: string;
  authTime: number;
  deviceKey?: string;
  expiresAt: number;
  revoked: boolean;
  /** When rotation replaced it: still accepted until the grace period ends. */
  rotatedAt?: number;
}

export interface PoolData {
  /** Keyed by lower-case username (usernames are case-insensitive). */
  users: Record<string, UserRecord>;
  devices: Record<string, DeviceRecord>;
  refreshTokens: Record<string, RefreshRecord>;
  revokedOrigins: string[];
}

export interface StateData {
  pools: Record<string, PoolData>;
}

export interface SeedDeps {
  now: number;
  randomBytes: RandomBytes;
}

export async function userFromConfig(
  pool: UserPoolConfig,
  user: UserConfig,
  deps: SeedDeps,
): Promise<UserRecord> {
  const mfa = {
    sms: user.mfa?.sms ?? false,
    totp: user.mfa?.totp ?? false,
    email: user.mfa?.email ?? false,
    ...(user.mfa?.preferred ? { preferred: user.mfa.preferred } : {}),
  };
  if (mfa.totp && user.totpSecret === undefined) {
    throw new Error(`user ${user.username}: mfa.totp needs a totpSecret`);
  }
  return {
    username: user.username,
    sub: user.sub ?? randomUUID(),
    status: user.status ?? 'CONFIRMED',
    enabled: user.enabled ?? true,
    attributes: { ...user.attributes },
    password: await createVerifier(
      srpPoolName(pool.id),
      user.username,
      user.password,
      deps.randomBytes,
    ),
    mfa,
    ...(user.totpSecret === undefined ? {} : { totpSecret: user.totpSecret }),
    createdAt: deps.now,
    updatedAt: deps.now,
    codes: {},
  };
}

export async function seedState(config: PoolConfig, deps: SeedDeps): Promise<StateData> {
  const pools: Record<string, PoolData> = {};
  for (const pool of config.pools) {
    const users: Record<string, UserRecord> = {};
    for (const user of pool.users) {
      users[user.username.toLowerCase()] = await userFromConfig(pool, user, deps);
    }
    pools[pool.id] = { users, devices: {}, refreshTokens: {}, revokedOrigins: [] };
  }
  return { pools };
}
