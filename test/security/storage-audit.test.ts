/**
 * Storage audit at unit level: the real background (createBackground over WXT's fake browser, an
 * in-memory key store for the IndexedDB one) signs in alice (public client, stay signed in),
 * bob with TOTP (the secret client, stay signed in), carol with SMS after a wrong code (stay
 * signed in off), refreshes two of them and signs one out, then every storage area and every log line is searched for the secrets that
 * went through. The rules are DESIGN.md's storage table: tokens only in storage.session, the
 * refresh token in storage.local only sealed, nothing at all in storage.sync, no password, code,
 * TOTP secret or token in logs, the client secret nowhere in plain text (sealed in the accounts item).
 */
import { createGuardrails, generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BOB_TOTP_SECRET,
  DEMO_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_SECRET_CLIENT_ID,
} from '../../local-pool/seed';
import { startLocalPool, type LocalPool } from '../../local-pool/server';
import { createBackground, type Background } from '../../src/background/service';
import { browserAlarms } from '../../src/platform/alarms';
import { memoryKeyStore } from '../../src/platform/key-store';
import { createLogger } from '../../src/platform/logger';
import type { PageRequest } from '../../src/platform/protocol';
import { defineAccountItems } from '../../src/platform/storage-items';
import { wxtStorageArea } from '../../src/platform/storage-area';
import type { Account } from '../../src/session/accounts';
import type { FlowView } from '../../src/signin/steps';

const STAY_PUBLIC = 'public-stay';
const STAY_SECRET = 'secret-stay';
const NO_STAY = 'public-no-stay';

let pool: LocalPool;
let bg: Background;
const logLines: string[] = [];
const used = {
  codes: [] as string[],
  refresh: new Map<string, string>(),
  retiredRefresh: [] as string[],
  tokens: [] as string[],
};
let dump: { local: string; sync: string; session: string; logs: string };
let localItems: Record<string, unknown>;

async function flow(request: PageRequest): Promise<FlowView> {
  const response = await bg.handle(request);
  if (!response.ok) throw new Error(`${request.type}: ${JSON.stringify(response.error)}`);
  if (!response.state.flow) throw new Error('no flow');
  expect(response.state.flow.error, `error at ${response.state.flow.step.name}`).toBeUndefined();
  return response.state.flow;
}

async function remember(accountId: string) {
  const tokens = await bg.vault.load(accountId);
  const refresh = await bg.vault.refreshToken(accountId);
  expect(tokens, accountId).not.toBeNull();
  expect(refresh, accountId).toBeDefined();
  used.tokens.push(tokens?.accessToken ?? '', tokens?.idToken ?? '');
  used.refresh.set(accountId, refresh ?? '');
}

beforeAll(async () => {
  fakeBrowser.reset();
  pool = await startLocalPool({ port: 0, quiet: true });
  const common = { region: 'us-east-1', userPoolId: DEMO_POOL_ID, endpoint: pool.url };
  const accounts: Account[] = [
    {
      id: STAY_PUBLIC,
      displayName: 'Public',
      clientId: DEMO_PUBLIC_CLIENT_ID,
      staySignedIn: true,
      ...common,
    },
    {
      id: STAY_SECRET,
      displayName: 'Secret client',
      clientId: DEMO_SECRET_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      staySignedIn: true,
      ...common,
    },
    {
      id: NO_STAY,
      displayName: 'No stay',
      clientId: DEMO_PUBLIC_CLIENT_ID,
      staySignedIn: false,
      ...common,
    },
  ];
  const items = defineAccountItems();
  await items.accounts.setValue(accounts);
  await items.activeAccountId.setValue(STAY_PUBLIC);
  bg = createBackground({
    session: wxtStorageArea('session'),
    local: wxtStorageArea('local'),
    accountsItem: items.accounts,
    activeItem: items.activeAccountId,
    keyStore: memoryKeyStore(),
    alarms: browserAlarms(),
    now: Date.now,
    newId: () => crypto.randomUUID(),
    // Everything the background logs, at the most talkative level, after redaction.
    logger: createLogger('debug', (...args) => logLines.push(JSON.stringify(args))),
    broadcast: () => undefined,
  });
  const start = (accountId: string, username: string) =>
    flow({ type: 'startSignIn', accountId, username, password: DEMO_PASSWORD });

  expect((await start(STAY_PUBLIC, 'alice')).step.name).toBe('DONE');
  await remember(STAY_PUBLIC);

  expect((await start(STAY_SECRET, 'bob')).step.name).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  const totp = await generate({
    secret: BOB_TOTP_SECRET,
    guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }),
  });
  used.codes.push(totp);
  expect(
    (await flow({ type: 'answer', accountId: STAY_SECRET, answer: { kind: 'code', code: totp } }))
      .step.name,
  ).toBe('DONE');
  await remember(STAY_SECRET);

  expect((await start(NO_STAY, 'carol')).step.name).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
  // A wrong code first: the error path logs too, and must not log what was typed.
  const wrong = await bg.handle({
    type: 'answer',
    accountId: NO_STAY,
    answer: { kind: 'code', code: '909090' },
  });
  expect(wrong.ok && wrong.state.flow?.error).toBeTruthy();
  used.codes.push('909090');
  const sms =
    pool
      .outbox()
      .filter((m) => m.username === 'carol')
      .at(-1)?.code ?? '';
  used.codes.push(sms);
  expect(
    (await flow({ type: 'answer', accountId: NO_STAY, answer: { kind: 'code', code: sms } })).step
      .name,
  ).toBe('DONE');
  await remember(NO_STAY);

  // A refresh with the secret client (SECRET_HASH) and one without "stay signed in": the new
  // tokens must land where the first ones did.
  for (const accountId of [STAY_SECRET, NO_STAY]) {
    const before = (await bg.vault.load(accountId))?.accessToken;
    await bg.refresher.refresh(accountId);
    const after = await bg.vault.load(accountId);
    expect(after?.accessToken, `refreshed ${accountId}`).not.toBe(before);
    used.tokens.push(after?.accessToken ?? '', after?.idToken ?? '');
    // With rotation a new refresh token replaces the old one: audit both.
    const rotated = await bg.vault.refreshToken(accountId);
    const previous = used.refresh.get(accountId) ?? '';
    if (rotated !== undefined && rotated !== previous) {
      used.retiredRefresh.push(previous);
      used.refresh.set(accountId, rotated);
    }
  }

  const [local, sync, session] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.sync.get(null),
    fakeBrowser.storage.session.get(null),
  ]);
  localItems = local;
  dump = {
    local: JSON.stringify(local),
    sync: JSON.stringify(sync),
    session: JSON.stringify(session),
    logs: logLines.join('\n'),
  };
}, 120_000);

afterAll(async () => {
  await pool.close();
});

/** A code is 6 digits: match it only as a whole number, not inside a timestamp. */
function containsCode(text: string, code: string): boolean {
  return new RegExp(`(?<![0-9])${code}(?![0-9])`).test(text);
}

function expectAbsent(area: keyof typeof dump, name: string, values: string[]) {
  for (const value of values) {
    expect(value.length, `${name} is known`).toBeGreaterThan(5);
    expect(dump[area].includes(value), `${name} in ${area}`).toBe(false);
  }
}

describe('storage audit after real sign-ins', () => {
  it('the audit has something to find: tokens in session, a sealed refresh token in local', () => {
    expect(used.tokens.filter(Boolean)).toHaveLength(10);
    // The wrong code was logged as a failed request (redacted), so the log audit reads something.
    expect(logLines.length).toBeGreaterThan(0);
    expect(dump.session).toContain(used.tokens[0]);
    expect(localItems[`refresh.${STAY_PUBLIC}`]).toMatchObject({
      sealed: expect.stringMatching(/^v1\./) as string,
    });
    expect(localItems[`refresh.${STAY_SECRET}`]).toMatchObject({
      sealed: expect.stringMatching(/^v1\./) as string,
    });
  });

  it('storage.sync holds nothing at all', () => {
    expect(JSON.parse(dump.sync)).toEqual({});
  });

  it('no password, code or TOTP secret anywhere: local, session, sync, logs', () => {
    for (const area of ['local', 'session', 'sync', 'logs'] as const) {
      expectAbsent(area, 'password', [DEMO_PASSWORD]);
      expectAbsent(area, 'TOTP secret', [BOB_TOTP_SECRET]);
      for (const code of used.codes) {
        expect(code).toMatch(/^\d{6}$/);
        expect(containsCode(dump[area], code), `code ${code} in ${area}`).toBe(false);
      }
    }
  });

  it('id and access tokens only in storage.session: not in local, sync or logs', () => {
    for (const area of ['local', 'sync', 'logs'] as const) expectAbsent(area, 'token', used.tokens);
  });

  it('refresh tokens: never plaintext in local; in session only for accounts that do not stay signed in; never logged', () => {
    const all = [...used.refresh.values(), ...used.retiredRefresh];
    expectAbsent('local', 'refresh token', all);
    expectAbsent('logs', 'refresh token', all);
    expectAbsent('session', 'stay-signed-in refresh token', [
      used.refresh.get(STAY_PUBLIC) ?? '',
      used.refresh.get(STAY_SECRET) ?? '',
    ]);
    expect(dump.session).toContain(used.refresh.get(NO_STAY));
  });

  it('the client secret nowhere in plain text: sealed in the accounts item of storage.local', () => {
    const { accounts, ...rest } = localItems;
    expect(JSON.stringify(accounts)).not.toContain(DEMO_CLIENT_SECRET);
    expect(JSON.stringify(accounts)).toMatch(/"clientSecret":"v1\./);
    expect(JSON.stringify(rest)).not.toContain(DEMO_CLIENT_SECRET);
    for (const area of ['session', 'sync', 'logs'] as const) {
      expectAbsent(area, 'client secret', [DEMO_CLIENT_SECRET]);
    }
  });

  it('signing out clears the account’s tokens from session and its sealed refresh token from local', async () => {
    const response = await bg.handle({ type: 'signOut', accountId: STAY_PUBLIC, global: false });
    expect(response.ok).toBe(true);
    const [local, session] = await Promise.all([
      fakeBrowser.storage.local.get(null),
      fakeBrowser.storage.session.get(null),
    ]);
    expect(Object.keys(local)).not.toContain(`refresh.${STAY_PUBLIC}`);
    expect(JSON.stringify(session)).not.toContain(used.tokens[0]);
    expect(JSON.stringify(session)).not.toContain(used.tokens[1]);
    expect(logLines.join('\n')).not.toContain(used.refresh.get(STAY_PUBLIC));
  });
});
