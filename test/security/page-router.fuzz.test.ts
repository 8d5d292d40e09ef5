/**
 * Fuzzes the background's page-request listener (`createMessageListener`) with mutations of every
 * valid PageRequest and StepAnswer variant plus random JSON, from a content script on a web page
 * and from our own popup. Promises checked: it never throws, the handler (the only thing that
 * changes state) runs only for well-formed requests from our own pages, and no reply to a
 * rejected or foreign message carries a password, code, secret or token.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger';
import { createMessageListener, type MessageSender } from '../../src/platform/message-router';
import {
  PageRequestSchema,
  StepAnswerSchema,
  type PageRequest,
  type PageResponse,
  type StepAnswer,
} from '../../src/platform/protocol';
import { expectPrototypesClean, hostileValue, mutate, mutation, replyText } from './hostile-values';

const ID = 'cognito-pass-test-id';
const ORIGIN = `chrome-extension://${ID}/`;
const PASSWORD = 'Fuzz-Passw0rd!';
const CODE = '424242';
const CLIENT_SECRET = 'fuzz-client-secret-value';
/** Only the fake handler's answer contains it: a rejected message must never get it back. */
const HANDLER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJoYW5kbGVyIn0.aGFuZGxlci10b2tlbg';

// Every optional field is present, so a seed's keys are all the keys that variant may have.
const ANSWERS: StepAnswer[] = [
  { kind: 'code', code: CODE },
  { kind: 'selectMfa', mfa: 'TOTP' },
  { kind: 'selectMfaSetup', mfa: 'EMAIL' },
  { kind: 'selectFirstFactor', factor: 'PASSWORD_SRP' },
  { kind: 'password', password: PASSWORD },
  { kind: 'totpSetup', code: CODE, deviceName: 'laptop', saveToAuthenticator: true },
  { kind: 'emailSetup', email: 'alice@example.com' },
  { kind: 'newPassword', newPassword: PASSWORD, attributes: { name: 'Alice' } },
  { kind: 'customChallenge', answer: CODE },
  { kind: 'resetRequest', username: 'alice' },
  { kind: 'resetConfirm', code: CODE, newPassword: PASSWORD },
  { kind: 'confirmSignUp', code: CODE },
  { kind: 'webAuthnCredential', credential: '{"id":"Y3JlZA","type":"public-key"}' },
  {
    kind: 'webAuthnFailed',
    code: 'PasskeyCancelled',
    message: 'The passkey prompt was closed.',
    recovery: 'Try again, or choose another way to sign in.',
  },
];

const A = 'demo-public';
const REQUESTS: PageRequest[] = [
  { type: 'ping' },
  { type: 'getState' },
  { type: 'selectAccount', accountId: A },
  { type: 'prepareSignIn', accountId: A },
  { type: 'signInWithHostedUi', accountId: A, provider: 'DemoIdP' },
  {
    type: 'startSignIn',
    accountId: A,
    username: 'alice',
    password: PASSWORD,
    authFlow: 'USER_SRP_AUTH',
    preferredChallenge: 'PASSWORD_SRP',
  },
  ...ANSWERS.map((answer): PageRequest => ({ type: 'answer', accountId: A, answer })),
  { type: 'resendCode', accountId: A },
  { type: 'restart', accountId: A },
  { type: 'showSignUp', accountId: A },
  { type: 'showResetPassword', accountId: A, username: 'alice' },
  {
    type: 'signUp',
    accountId: A,
    username: 'newbie',
    password: PASSWORD,
    attributes: { email: 'n@example.com' },
  },
  { type: 'signOut', accountId: A, global: true },
  {
    type: 'saveAccount',
    account: {
      id: A,
      displayName: 'Demo',
      region: 'us-east-1',
      userPoolId: 'us-east-1_DemoPool0',
      clientId: '3demo0secret0client0000000',
      clientSecret: CLIENT_SECRET,
      endpoint: 'http://127.0.0.1:9230',
      staySignedIn: true,
      defaultAuthFlow: 'USER_SRP_AUTH',
    },
  },
  { type: 'removeAccount', accountId: A },
];

const SECRETS = [PASSWORD, CODE, CLIENT_SECRET, HANDLER_TOKEN];
const ALLOWED_KEYS = new Map<string, Set<string>>();
for (const seed of REQUESTS) {
  const keys = ALLOWED_KEYS.get(seed.type) ?? new Set<string>();
  for (const key of Object.keys(seed)) keys.add(key);
  ALLOWED_KEYS.set(seed.type, keys);
}

const message: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...REQUESTS), fc.array(mutation, { minLength: 0, maxLength: 4 }))
      .map(([seed, changes]) => mutate(seed, changes)),
  },
  { weight: 2, arbitrary: hostileValue },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constantFrom(...ALLOWED_KEYS.keys()) }, { requiredKeys: [] }),
  },
);

const webUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://evil.example/',
    `https://evil.example/${ORIGIN}`,
    `chrome-extension://${ID}.evil/popup.html`,
    `chrome-extension://other-extension/popup.html`,
    'about:blank',
    'data:text/html,<p>hi',
    'file:///home/user/x.html',
  ),
);

/** A content script (ours or injected) on a web page, another extension, or no details at all. */
const foreignSender: fc.Arbitrary<MessageSender> = fc.oneof(
  fc.record({
    id: fc.constantFrom(ID, 'other-extension', ''),
    url: webUrl,
    tab: fc.record({ id: fc.nat(), url: webUrl }),
    frameId: fc.nat(8),
    documentId: fc.string(),
  }),
  // Our page shown inside a web page's tab (an iframe): the tab gives it away.
  fc.record({
    id: fc.constant(ID),
    url: fc.constant(`${ORIGIN}popup.html`),
    tab: fc.record({ url: webUrl }),
  }),
  fc.record({ id: fc.string(), url: fc.option(webUrl, { nil: undefined }) }, { requiredKeys: [] }),
);

const ownPage: fc.Arbitrary<MessageSender> = fc.constantFrom(
  { id: ID, url: `${ORIGIN}popup.html` },
  { id: ID, url: `${ORIGIN}options.html`, tab: { url: `${ORIGIN}options.html` } },
);

interface Outcome {
  returned: unknown;
  reply: unknown;
}

function setup() {
  const handled: unknown[] = [];
  const logLines: string[] = [];
  const ok: PageResponse = {
    ok: true,
    state: {
      accounts: [],
      activeAccountId: HANDLER_TOKEN,
      busy: false,
    },
  };
  const listener = createMessageListener({
    runtimeId: ID,
    extensionOrigin: ORIGIN,
    handle: (request) => {
      handled.push(request);
      return Promise.resolve(ok);
    },
    logger: createLogger('debug', (...args) => logLines.push(replyText(args))),
  });
  const send = async (input: unknown, sender: MessageSender): Promise<Outcome> => {
    let resolveReply: (reply: unknown) => void = () => undefined;
    const replied = new Promise((resolve) => {
      resolveReply = resolve;
    });
    const returned = listener(input, sender, resolveReply);
    return { returned, reply: returned === true ? await replied : undefined };
  };
  return { handled, logLines, send };
}

/** The router answers any message typed `ping` with a pong, by design: it reveals nothing. */
function isPing(input: unknown): boolean {
  return (
    typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'ping'
  );
}

/**
 * A refusal is one fixed text whatever was sent: nothing the sender wrote is echoed back (a
 * reflected password or code would be a leak too), and no secret is in it.
 */
function expectFixedRefusal(reply: unknown, code: 'ForbiddenSender' | 'InvalidRequest'): void {
  expect(reply).toEqual({
    ok: false,
    error: { code, message: expect.any(String) as string, recovery: expect.any(String) as string },
  });
  const text = replyText(reply);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  refusals.add(text);
}
const refusals = new Set<string>();

const RUNS = 10_000;

describe('page-request listener under fuzzing', () => {
  it('every seed is a valid request, and every variant of the protocol has a seed', () => {
    for (const seed of REQUESTS) expect(v.is(PageRequestSchema, seed), seed.type).toBe(true);
    const variants = PageRequestSchema.options.map((option) => option.entries.type.literal);
    expect(new Set(REQUESTS.map((seed) => seed.type))).toEqual(new Set(variants));
    const kinds = StepAnswerSchema.options.map((option) => option.entries.kind.literal);
    expect(new Set(ANSWERS.map((answer) => answer.kind))).toEqual(new Set(kinds));
  });

  it(`from content scripts, other extensions and unknown senders: ${String(RUNS)} messages, 0 handled, 0 secrets`, async () => {
    const { handled, logLines, send } = setup();
    let replies = 0;
    await fc.assert(
      fc.asyncProperty(message, foreignSender, async (input, sender) => {
        const { returned, reply } = await send(input, sender);
        expect([true, undefined]).toContain(returned);
        if (returned === true) {
          replies += 1;
          if (isPing(input)) expect(reply).toEqual({ ok: true, value: { pong: true } });
          else expectFixedRefusal(reply, 'ForbiddenSender');
        }
      }),
      { numRuns: RUNS },
    );
    expect(handled).toEqual([]);
    expect(replies).toBeGreaterThan(RUNS / 4);
    for (const line of logLines) for (const secret of SECRETS) expect(line).not.toContain(secret);
    expectPrototypesClean();
  });

  it(`from our own popup and options page: ${String(RUNS)} messages, only well-formed ones handled`, async () => {
    const { handled, logLines, send } = setup();
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(message, ownPage, async (input, sender) => {
        const before = handled.length;
        const { returned, reply } = await send(input, sender);
        const valid = v.is(PageRequestSchema, input);
        if (valid && !isPing(input)) {
          accepted += 1;
          expect(returned).toBe(true);
          expect(handled.length).toBe(before + 1);
          // What reaches the handler is a fresh object with only the keys its variant may have.
          const request = handled.at(-1) as Record<string, unknown>;
          expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
          const allowed = ALLOWED_KEYS.get(String(request.type)) ?? new Set<string>();
          for (const key of Object.keys(request)) expect(allowed.has(key), key).toBe(true);
          return;
        }
        expect(handled.length).toBe(before);
        if (returned === true && !isPing(input)) {
          rejected += 1;
          expectFixedRefusal(reply, 'InvalidRequest');
        }
      }),
      { numRuns: RUNS },
    );
    // The mix must exercise both sides, or the property proves nothing.
    expect(accepted).toBeGreaterThan(RUNS / 20);
    expect(rejected).toBeGreaterThan(RUNS / 10);
    for (const line of logLines) for (const secret of SECRETS) expect(line).not.toContain(secret);
    expectPrototypesClean();
  });

  it('gave exactly one fixed text per refusal kind over all runs (nothing echoed)', () => {
    expect(refusals.size).toBe(2);
  });
});
