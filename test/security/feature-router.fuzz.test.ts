/**
 * Fuzzes the background's second page listener (`createFeatureListener`, sites and authenticator
 * requests) like the sign-in router: mutations of a valid seed of every request type plus random
 * values, from web pages and other extensions (never handled, one fixed refusal) and from our own
 * pages (handled exactly when the request parses).
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FeatureRequestSchema, type FeatureResponse } from '../../src/platform/feature-protocol';
import { createFeatureListener } from '../../src/platform/feature-router';
import { createLogger } from '../../src/platform/logger';
import type { MessageSender } from '../../src/platform/message-router';
import { expectPrototypesClean, hostileValue, mutate, mutation, replyText } from './hostile-values';

const ID = 'cognito-pass-test-id';
const ORIGIN = `chrome-extension://${ID}/`;
const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSPHRASE = 'fuzz-passphrase-123';
const HANDLER_SECRET = 'otpauth://totp/handler?secret=HANDLERSECRETXYZ';

const SEEDS: unknown[] = [
  { type: 'listSites' },
  {
    type: 'shareSite',
    origin: 'http://127.0.0.1:5173',
    accountId: 'demo-public',
    format: 'amplify-local-storage',
    apiOrigins: ['http://127.0.0.1:9300'],
  },
  { type: 'updateSite', origin: 'http://127.0.0.1:5173', accountId: 'demo-public' },
  { type: 'removeSite', origin: 'http://127.0.0.1:5173' },
  { type: 'otp:list' },
  { type: 'otp:addUri', uri: `otpauth://totp/x?secret=${SECRET}` },
  {
    type: 'otp:addManual',
    issuer: 'x',
    account: 'bob',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  { type: 'otp:remove', id: 'e1' },
  { type: 'otp:export', id: 'e1' },
  { type: 'otp:unlock', passphrase: PASSPHRASE },
  { type: 'otp:lock' },
  { type: 'otp:setPassphrase', passphrase: PASSPHRASE },
  { type: 'otp:removePassphrase' },
  { type: 'otp:setAutoAnswer', accountId: 'demo-public', enabled: true },
];

const message = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 4 }))
      .map(([seed, changes]) => mutate(seed, changes)),
  },
  { weight: 2, arbitrary: hostileValue },
);

const foreignSender: fc.Arbitrary<MessageSender> = fc.oneof(
  fc.record({
    id: fc.constantFrom(ID, 'other-extension'),
    url: fc.webUrl(),
    tab: fc.record({ url: fc.webUrl() }),
  }),
  fc.record({ id: fc.string(), url: fc.constant(`${ORIGIN}popup.html`) }),
  fc.record({
    id: fc.constant(ID),
    url: fc.constant(`${ORIGIN}popup.html`),
    tab: fc.record({ url: fc.webUrl() }),
  }),
);
const ownPage: fc.Arbitrary<MessageSender> = fc.constantFrom(
  { id: ID, url: `${ORIGIN}popup.html` },
  { id: ID, url: `${ORIGIN}options.html`, tab: { url: `${ORIGIN}options.html` } },
);

function setup() {
  const handled: unknown[] = [];
  const logs: string[] = [];
  const listener = createFeatureListener({
    runtimeId: ID,
    extensionOrigin: ORIGIN,
    handle: (request) => {
      handled.push(request);
      return Promise.resolve({ ok: true, value: HANDLER_SECRET } as unknown as FeatureResponse);
    },
    logger: createLogger('debug', (...args) => logs.push(JSON.stringify(args))),
  });
  const send = async (input: unknown, sender: MessageSender) => {
    let resolveReply: (reply: unknown) => void = () => undefined;
    const replied = new Promise((resolve) => {
      resolveReply = resolve;
    });
    const returned = listener(input, sender, resolveReply);
    return { returned, reply: returned === true ? await replied : undefined };
  };
  return { handled, logs, send };
}

function expectFixedRefusal(reply: unknown, code: string) {
  expect(reply).toEqual({
    ok: false,
    error: { code, message: expect.any(String) as string, recovery: expect.any(String) as string },
  });
  const text = replyText(reply);
  for (const secret of [SECRET, PASSPHRASE, HANDLER_SECRET]) expect(text).not.toContain(secret);
}

const RUNS = 10_000;

describe('feature-request listener under fuzzing', () => {
  it('every seed is a valid feature request', () => {
    for (const seed of SEEDS)
      expect(v.is(FeatureRequestSchema, seed), JSON.stringify(seed)).toBe(true);
  });

  it(`from web pages and other extensions: ${String(RUNS)} messages, 0 handled`, async () => {
    const { handled, logs, send } = setup();
    await fc.assert(
      fc.asyncProperty(message, foreignSender, async (input, sender) => {
        const { returned, reply } = await send(input, sender);
        if (returned === true) expectFixedRefusal(reply, 'ForbiddenSender');
        else expect(returned).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    expect(handled).toEqual([]);
    for (const line of logs) for (const s of [SECRET, PASSPHRASE]) expect(line).not.toContain(s);
    expectPrototypesClean();
  });

  it(`from our own pages: ${String(RUNS)} messages, handled exactly when they parse`, async () => {
    const { handled, logs, send } = setup();
    const counts = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(message, ownPage, async (input, sender) => {
        const before = handled.length;
        const { returned, reply } = await send(input, sender);
        if (v.is(FeatureRequestSchema, input)) {
          counts.accepted += 1;
          expect(returned).toBe(true);
          expect(handled.length).toBe(before + 1);
          return;
        }
        expect(handled.length).toBe(before);
        if (returned === true) {
          counts.rejected += 1;
          expectFixedRefusal(reply, 'InvalidRequest');
        }
      }),
      { numRuns: RUNS },
    );
    expect(counts.accepted).toBeGreaterThan(RUNS / 20);
    expect(counts.rejected).toBeGreaterThan(RUNS / 20);
    for (const line of logs) for (const s of [SECRET, PASSPHRASE]) expect(line).not.toContain(s);
    expectPrototypesClean();
  });
});
