/**
 * What every operation works with: the configuration, the mutable data, Sessions, outbox, signing
 * key and clocks, plus the address the request arrived at (the token issuer). Built once per
 * server by server.ts; nothing here is a module-level singleton.
 */
import {
  clientSettings,
  poolSettings,
  type AppClientConfig,
  type PoolConfig,
  type UserPoolConfig,
} from './config';
import { CognitoError, Errors } from './errors';
import type { Outbox } from './outbox';
import type { SessionStore } from './sessions';
import type { FlowData } from './flow-data';
import type { PoolData, StateData, UserRecord } from './state';
import type { RandomBytes } from './srp-verifier';
import type { SigningKey } from './tokens';
import { secretHashMatches } from './secret-hash';

export interface PoolContext {
  config: PoolConfig;
  state: StateData;
  sessions: SessionStore<FlowData>;
  outbox: Outbox;
  key: SigningKey;
  /** The pool's clock (the injected clock plus whatever /_local/clock advanced). */
  now: () => number;
  /** The injected clock alone: SRP TIMESTAMPs come from the clients' real clocks. */
  wallNow: () => number;
  randomBytes: RandomBytes;
  randomDigit: () => number;
  /** Called after every change to the data, so it can be persisted. */
  changed: () => void;
  /** `http://<host>` as the request reached the server; tokens are issued under it. */
  origin: string;
}

export interface ClientScope {
  pool: UserPoolConfig;
  data: PoolData;
  client: AppClientConfig;
  settings: ReturnType<typeof clientSettings>;
  poolSettings: ReturnType<typeof poolSettings>;
}

export function issuerFor(ctx: PoolContext, poolId: string): string {
  return `${ctx.origin}/${poolId}`;
}

export function findPool(
  ctx: PoolContext,
  poolId: string,
): { pool: UserPoolConfig; data: PoolData } {
  const pool = ctx.config.pools.find((candidate) => candidate.id === poolId);
  const data = ctx.state.pools[poolId];
  if (!pool || !data) {
    throw new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  }
  return { pool, data };
}

export function resolveClient(ctx: PoolContext, clientId: string): ClientScope {
  for (const pool of ctx.config.pools) {
    const client = pool.clients.find((candidate) => candidate.id === clientId);
    const data = ctx.state.pools[pool.id];
    if (client && data) {
      return {
        pool,
        data,
        client,
        settings: clientSettings(client),
        poolSettings: poolSettings(pool),
      };
    }
  }
  throw new CognitoError(
    'ResourceNotFoundException',
    `User pool client ${clientId} does not exist.`,
  );
}

export function findUser(data: PoolData, username: string): UserRecord | undefined {
  const direct = data.users[username.toLowerCase()];
  if (direct) return direct;
  // Cognito also accepts the sub as a username.
  return Object.values(data.users).find((user) => user.sub === username);
}

export function requireUser(data: PoolData, username: string): UserRecord {
  const user = findUser(data, username);
  if (!user) throw Errors.userNotFound();
  return user;
}

/** Every app client with a secret needs SECRET_HASH over the name the caller used. */
export function assertSecretHash(
  scope: ClientScope,
  given: string | undefined,
  username: string,
  user?: UserRecord,
): void {
  const secret = scope.client.secret;
  if (secret === undefined) return;
  const names = [username, ...(user ? [user.username, user.sub] : [])];
  if (!secretHashMatches(given, secret, scope.client.id, names)) {
    throw Errors.secretHash(scope.client.id);
  }
}

export function assertFlowAllowed(scope: ClientScope, flow: string): void {
  const allow = `ALLOW_${flow}` as (typeof scope.settings.explicitAuthFlows)[number];
  if (!scope.settings.explicitAuthFlows.includes(allow)) throw Errors.flowNotEnabled(flow);
}

export function attributeList(user: UserRecord): { Name: string; Value: string }[] {
  return [
    { Name: 'sub', Value: user.sub },
    ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
  ];
}
