/**
 * Runs the real background (createBackground over WXT's fake browser storage and alarms, an
 * in-memory key store standing in for IndexedDB) against a local pool on a random port. One
 * clock drives both, so tests can move time for Sessions, codes and tokens alike.
 */
import { createGuardrails, generate } from 'otplib';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expect } from 'vitest';
import { startLocalPool, type LocalPool, type PoolConfig } from '../../local-pool/server';
import { demoSeed } from '../../local-pool/seed';
import {
  createBackground,
  type Authenticator,
  type Background,
} from '../../src/background/service';
import type { CognitoClientConfig, CognitoGateway } from '../../src/cognito/gateway';
import { createSdkGateway } from '../../src/cognito/sdk-gateway';
import { browserAlarms } from '../../src/platform/alarms';
import { memoryKeyStore, type KeyStore } from '../../src/platform/key-store';
import { createLogger } from '../../src/platform/logger';
import type { PageRequest, PopupState, StepAnswer } from '../../src/platform/protocol';
import { defineAccountItems } from '../../src/platform/storage-items';
import { wxtStorageArea } from '../../src/platform/storage-area';
import { demoAccounts } from '../../src/session/accounts';
import type { FlowView } from '../../src/signin/steps';

export const PASSWORD = 'Passw0rd!';

export interface Harness {
  pool: LocalPool;
  bg: Background;
  clock: { now: () => number; advance: (ms: number) => void };
  broadcasts: PopupState[];
  gatewayCalls: string[];
  tokenChanges: string[];
  /** Drops every in-memory object and builds a new background from storage (a worker stop). */
  restartWorker(): void;
  request(request: PageRequest): Promise<PopupState>;
  flow(request: PageRequest): Promise<FlowView>;
  answer(accountId: string, answer: StepAnswer): Promise<FlowView>;
  latestCode(username: string): string;
  totp(secret: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: PoolConfig;
  /** Wraps the SDK gateway (fault injection, call counting). */
  wrapGateway?: (gateway: CognitoGateway) => CognitoGateway;
  staySignedIn?: boolean;
  authenticator?: (clock: { now: () => number }) => Authenticator;
}

const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  fakeBrowser.reset();
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
  const pool = await startLocalPool({
    port: 0,
    quiet: true,
    now: clock.now,
    ...(options.config && { config: options.config }),
  });
  const items = defineAccountItems();
  await items.accounts.setValue(
    demoAccounts().map((account) => ({
      ...account,
      endpoint: pool.url,
      staySignedIn: options.staySignedIn ?? account.staySignedIn,
    })),
  );
  await items.activeAccountId.setValue('demo-public');
  const keyStore: KeyStore = memoryKeyStore();
  const broadcasts: PopupState[] = [];
  const tokenChanges: string[] = [];
  const gatewayCalls: string[] = [];
  const counting = (config: CognitoClientConfig): CognitoGateway => {
    const real = createSdkGateway(config);
    const wrapped = options.wrapGateway ? options.wrapGateway(real) : real;
    return new Proxy(wrapped, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          gatewayCalls.push(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
  const build = () =>
    createBackground({
      session: wxtStorageArea('session'),
      local: wxtStorageArea('local'),
      accountsItem: items.accounts,
      activeItem: items.activeAccountId,
      keyStore,
      alarms: browserAlarms(),
      now: clock.now,
      newId: () => crypto.randomUUID(),
      logger: createLogger('silent', () => undefined),
      broadcast: (state) => broadcasts.push(state),
      onTokensChanged: (accountId) => tokenChanges.push(accountId),
      ...(options.authenticator && { authenticator: options.authenticator(clock) }),
      gatewayFor: counting,
    });

  const harness: Harness = {
    pool,
    bg: build(),
    clock,
    broadcasts,
    gatewayCalls,
    tokenChanges,
    restartWorker() {
      harness.bg = build();
    },
    async request(request) {
      const response = await harness.bg.handle(request);
      // What the worker does after answering (device confirmation) is part of the request here.
      await harness.bg.settled();
      if (!response.ok)
        throw new Error(`${request.type} failed: ${JSON.stringify(response.error)}`);
      return response.state;
    },
    async flow(request) {
      const state = await harness.request(request);
      if (!state.flow) throw new Error('no flow in state');
      return state.flow;
    },
    answer: (accountId, answer) => harness.flow({ type: 'answer', accountId, answer }),
    latestCode(username) {
      const message = pool
        .outbox()
        .filter((m) => m.username.toLowerCase() === username.toLowerCase())
        .at(-1);
      if (!message) throw new Error(`no code for ${username}`);
      return message.code;
    },
    totp: (secret) => generate({ secret, epoch: Math.floor(clock.now() / 1000), guardrails }),
    close: () => pool.close(),
  };
  return harness;
}

export function expectStep(flow: FlowView, name: FlowView['step']['name']): void {
  expect(flow.error, `unexpected error at ${flow.step.name}`).toBeUndefined();
  expect(flow.step.name).toBe(name);
}

/** The demo seed with its app clients limited to password flows: no auto sign-in Session. */
export function seedWithoutUserAuth(): PoolConfig {
  const config = demoSeed();
  for (const client of config.pools[0]?.clients ?? []) {
    client.explicitAuthFlows = [
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];
  }
  return config;
}
