/**
 * The fault suite's harness: the real background (createBackground over WXT's fake browser) and
 * the real gateway against a local pool reached through a switchable TCP relay, so a test can
 * make the pool unreachable (connection refused) and bring it back, inject faults per operation
 * (`/_local/faults`), and give the client a clock of its own (skew) while the pool keeps real
 * time.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createGuardrails, generate } from 'otplib';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FaultReport, FaultRule } from '../../local-pool/faults';
import { startLocalPool, type LocalPool } from '../../local-pool/server';
import { createBackground, type Background } from '../../src/background/service';
import { createSdkGateway } from '../../src/cognito/sdk-gateway';
import { browserAlarms } from '../../src/platform/alarms';
import { memoryKeyStore } from '../../src/platform/key-store';
import { createLogger } from '../../src/platform/logger';
import type { PageRequest, PageResponse, PopupState } from '../../src/platform/protocol';
import { defineAccountItems } from '../../src/platform/storage-items';
import { wxtStorageArea } from '../../src/platform/storage-area';
import { demoAccounts } from '../../src/session/accounts';

export const PASSWORD = 'Passw0rd!';
export const ACCOUNT = 'demo-public';

/** A TCP relay to the pool that can refuse connections (down) and accept them again (up). */
export interface Relay {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const make = (): Server =>
    createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  let server: Server | undefined = make();
  const port = await listen(server, 0);
  const stop = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${String(port)}`,
    down: stop,
    async up() {
      if (server) return;
      server = make();
      await listen(server, port);
    },
    close: stop,
  };
}

export interface FaultHarness {
  pool: LocalPool;
  relay: Relay;
  bg: Background;
  /** The client's clock: real time + skew + whatever the test advanced. */
  now: () => number;
  advance(ms: number): void;
  broadcasts: PopupState[];
  tokenChanges: string[];
  /** A new background from storage (Chrome stopped the worker). */
  restartWorker(): void;
  /** Chrome restarted: storage.session is gone, storage.local and IndexedDB stay. */
  restartBrowser(): Promise<void>;
  send(request: PageRequest): Promise<PageResponse>;
  state(request: PageRequest): Promise<PopupState>;
  faults(rules: FaultRule[]): Promise<void>;
  report(): Promise<FaultReport>;
  latestCode(username: string): string;
  totp(secret: string): Promise<string>;
  close(): Promise<void>;
}

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export async function startFaultHarness(
  options: {
    clientSkewMs?: number;
    staySignedIn?: boolean;
    /** The gateway without its measured Cognito clock (to show what the correction is for). */
    withoutServerClock?: boolean;
  } = {},
): Promise<FaultHarness> {
  fakeBrowser.reset();
  let advanced = 0;
  const now = () => Date.now() + (options.clientSkewMs ?? 0) + advanced;
  const pool = await startLocalPool({ port: 0, quiet: true });
  const relay = await startRelay(new URL(pool.url));
  const items = defineAccountItems();
  await items.accounts.setValue(
    demoAccounts().map((account) => ({
      ...account,
      endpoint: relay.url,
      ...(options.staySignedIn !== undefined && { staySignedIn: options.staySignedIn }),
    })),
  );
  await items.activeAccountId.setValue(ACCOUNT);
  const keyStore = memoryKeyStore();
  const broadcasts: PopupState[] = [];
  const tokenChanges: string[] = [];
  const build = () =>
    createBackground({
      session: wxtStorageArea('session'),
      local: wxtStorageArea('local'),
      accountsItem: items.accounts,
      activeItem: items.activeAccountId,
      keyStore,
      alarms: browserAlarms(),
      now,
      newId: () => crypto.randomUUID(),
      logger: createLogger('silent', () => undefined),
      broadcast: (state) => broadcasts.push(state),
      onTokensChanged: (accountId) => tokenChanges.push(accountId),
      gatewayFor: (config) => {
        const gateway = createSdkGateway(config, { now });
        if (options.withoutServerClock !== true) return gateway;
        const { serverClock: _dropped, ...withoutClock } = gateway;
        return withoutClock;
      },
    });

  const harness: FaultHarness = {
    pool,
    relay,
    bg: build(),
    now,
    advance(ms) {
      advanced += ms;
    },
    broadcasts,
    tokenChanges,
    restartWorker() {
      harness.bg = build();
    },
    async restartBrowser() {
      await fakeBrowser.storage.session.clear();
      harness.bg = build();
    },
    // What the worker does after answering (device confirmation) is part of the request here.
    async send(request) {
      const response = await harness.bg.handle(request);
      await harness.bg.settled();
      return response;
    },
    async state(request) {
      const response = await harness.send(request);
      if (!response.ok) throw new Error(`${request.type}: ${JSON.stringify(response.error)}`);
      return response.state;
    },
    async faults(rules) {
      const response = await fetch(`${pool.url}/_local/faults`, {
        method: 'POST',
        body: JSON.stringify({ faults: rules }),
      });
      if (!response.ok) throw new Error(`faults refused: ${await response.text()}`);
    },
    async report() {
      return (await (await fetch(`${pool.url}/_local/faults`)).json()) as FaultReport;
    },
    latestCode(username) {
      const message = pool
        .outbox()
        .filter((m) => m.username.toLowerCase() === username.toLowerCase())
        .at(-1);
      if (!message) throw new Error(`no code for ${username}`);
      return message.code;
    },
    totp: (secret) => generate({ secret, epoch: Math.floor(Date.now() / 1000), guardrails }),
    async close() {
      await relay.close();
      await pool.close();
    },
  };
  return harness;
}
