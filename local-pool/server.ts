/**
 * Starts the local Cognito-compatible pool: `startLocalPool({ port: 0 })` in tests,
 * local-pool/cli.ts for `npm run pool`. See local-pool/README.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes as nodeRandomBytes, randomInt } from 'node:crypto';
import type { PoolConfig } from './config';
import type { PoolContext } from './context';
import type { FlowData } from './flow-data';
import { createFaultPlan } from './faults';
import { createRequestHandler, type Runtime } from './http-handler';
import { Outbox, type OutboxMessage } from './outbox';
import { openDataDir } from './persistence';
import { demoSeed } from './seed';
import { SessionStore } from './sessions';
import { seedState, type StateData } from './state';
import { createSigningKey, importSigningKey } from './tokens';

export type { OutboxMessage } from './outbox';
export type { PoolConfig } from './config';

export interface StartOptions {
  /** 0 = a random free port; default 9230. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default demoSeed(). */
  config?: PoolConfig;
  /** Persist key and data here; otherwise everything is fresh from the seed on every start. */
  dataDir?: string;
  /** The clock, epoch ms (default Date.now). POST /_local/clock moves the pool's clock past it. */
  now?: () => number;
  /** No log lines (the outbox still records everything). */
  quiet?: boolean;
  /** Where log lines go (default stdout); codes are printed so people can read them. */
  log?: (line: string) => void;
}

export interface LocalPool {
  /** e.g. http://127.0.0.1:9230 */
  url: string;
  close(): Promise<void>;
  outbox(): OutboxMessage[];
  /**
   * Starts over with another configuration on the same port (in-process only, for tests that
   * share one running pool but need, say, another relying-party ID). Like a reset: all state goes.
   */
  useConfig(next: PoolConfig): Promise<void>;
}

const randomBytes = (length: number) => new Uint8Array(nodeRandomBytes(length));

export async function startLocalPool(options: StartOptions = {}): Promise<LocalPool> {
  let config = options.config ?? demoSeed();
  const wallNow = options.now ?? Date.now;
  let clockOffset = 0;
  const now = () => wallNow() + clockOffset;
  const log =
    options.quiet === true
      ? () => undefined
      : (options.log ?? ((line: string) => void process.stdout.write(`[local-pool] ${line}\n`)));

  const dataDir = options.dataDir === undefined ? undefined : openDataDir(options.dataDir);
  const storedKey = dataDir?.loadKey();
  // RSA key generation (the slowest part of a start) runs on libuv's thread pool while the pool
  // seeds and starts listening; requests that need the key wait for it.
  const keyReady = (
    storedKey
      ? importSigningKey(storedKey)
      : createSigningKey(`local-${nodeRandomBytes(6).toString('hex')}`)
  ).then((created) => {
    if (!storedKey) dataDir?.saveKey(created.privateJwk);
    return created;
  });
  keyReady.catch((error: unknown) => {
    log(
      `could not create the signing key: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  // Seeding derives an SRP verifier per user; do it once and copy it on every reset.
  let seeded = await seedState(config, { now: now(), randomBytes });

  const fresh = () => structuredClone(seeded);
  let state: StateData = dataDir?.loadState() ?? fresh();
  const persist = () => dataDir?.saveState(state);
  persist();

  const outbox = new Outbox(now, log);
  const faults = createFaultPlan();
  const sessions = new SessionStore<FlowData>({ now, randomBytes });

  const runtime: Runtime = {
    context: async (origin): Promise<PoolContext> => ({
      config,
      state,
      sessions,
      outbox,
      key: await keyReady,
      now,
      wallNow,
      randomBytes,
      randomDigit: () => randomInt(10),
      changed: persist,
      origin,
    }),
    poolIds: () => config.pools.map((pool) => pool.id),
    key: () => keyReady,
    outbox,
    reset: () => {
      state = fresh();
      sessions.clear();
      outbox.clear();
      clockOffset = 0;
      faults.clear();
      persist();
    },
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    faults,
    log,
  };

  const handle = createRequestHandler(runtime);
  const server = createServer((request, response) => {
    // The handler answers every error itself; if even that fails, drop the connection rather
    // than let a rejection end the process.
    handle(request, response).catch((error: unknown) => {
      log(`could not answer: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9230, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    outbox: () => outbox.list(),
    async useConfig(next) {
      seeded = await seedState(next, { now: now(), randomBytes });
      config = next;
      runtime.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
