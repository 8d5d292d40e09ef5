/**
 * Fuzzes the two handlers that answer content scripts living in web pages: the sites bridge
 * (`handleBridgeRequest`, hands an allowed site its tokens) and the authenticator
 * (`handleOtpRequest`, hands an allowed site a TOTP code). Random and mutated messages from
 * random and mutated senders: never a throw, a token or code only to a sender that meets every
 * condition (checked here by an oracle written from the rules, not from the code), never the
 * refresh token or the TOTP secret to anyone, and no stored state touched by a rejected message.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleBridgeRequest, type BridgeSender } from '../../src/sites/background-handlers';
import { EXTENSION_ID, makeDeps } from '../../src/sites/testing/fakes';
import { makeTokens, TEST_CLIENT_ID } from '../../src/sites/testing/tokens';
import {
  handleOtpRequest,
  type OtpHandlerDeps,
  type OtpRequestSender,
} from '../../src/otp/background-handlers';
import { generateTotp } from '../../src/otp/totp';
import type { TotpParameters } from '../../src/otp/totp-parameters';
import { expectPrototypesClean, hostileValue, mutate, mutation, replyText } from './hostile-values';

const SITE = 'http://127.0.0.1:5173';
const REFRESH_TOKEN = 'refresh-token-that-must-never-reach-a-page-0123456789';

/** Variants of a URL a sender could report: the real one, look-alikes, and garbage. */
function urlVariants(origin: string): fc.Arbitrary<string | undefined> {
  const host = new URL(origin).host;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(`${origin}/`, `${origin}/login?x=1#y`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        origin.replace('http:', 'https:').replace('https:', 'http:'),
        origin.replace(host, `${host}.evil.test`),
        origin.replace(host, host.toUpperCase()),
        `${origin}:1/`,
        `${origin}.evil.test/`,
        `http://evil.test/?${origin}`,
        `http://user:pw@${host}/`,
        `blob:${origin}/1234`,
        `chrome-extension://${EXTENSION_ID}/popup.html`,
        'about:blank',
        'javascript:alert(1)',
        '',
      ),
    },
    { weight: 2, arbitrary: fc.webUrl() },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/**
 * A sender built field by field: each field is either the genuine value or something else. One
 * run in five is the genuine top frame itself: a fully genuine sender is otherwise so rare
 * (about 1 in 1,500) that a run of 3,000 sometimes had none, and the granted path went untested.
 * `oddTabIds`: also NaN and fractions.
 */
function senderFor(origin: string, oddTabIds: boolean) {
  const genuine = fc.constant({
    id: EXTENSION_ID,
    tab: { id: 7, url: `${origin}/` },
    frameId: 0,
    documentId: 'DOC-1',
    url: `${origin}/`,
  });
  return fc.oneof(
    { weight: 1, arbitrary: genuine },
    { weight: 4, arbitrary: anySender(origin, oddTabIds) },
  );
}

function anySender(origin: string, oddTabIds: boolean) {
  const url = urlVariants(origin);
  return fc.record(
    {
      id: fc.oneof(fc.constant(EXTENSION_ID), fc.constantFrom('other-extension', ''), fc.string()),
      tab: fc.oneof(
        fc.record(
          // A browser reports integers only (TAB_ID_NONE is -1); a forged sender might not.
          {
            id: oddTabIds
              ? fc.oneof(fc.nat(100), fc.constantFrom(-1, 1.5, Number.NaN))
              : fc.oneof(fc.nat(100), fc.constant(-1)),
            url,
          },
          { requiredKeys: [] },
        ),
        fc.constant(undefined),
      ),
      frameId: fc.oneof(fc.constant(0), fc.nat(5), fc.constantFrom(-1, Number.NaN)),
      documentId: fc.oneof(fc.constant('DOC-1'), fc.constantFrom('', ' '), fc.string()),
      url,
      origin: fc.oneof(
        fc.constant(undefined),
        fc.constant(origin),
        fc.constantFrom('null', 'http://evil.test', `${origin}/`),
      ),
    },
    { requiredKeys: [] },
  );
}

function webOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The rules of DESIGN.md ("Sites") and src/otp/README.md, written out independently. */
interface AnySender {
  id?: string | undefined;
  tab?: { id?: number | undefined; url?: string | undefined } | undefined;
  frameId?: number | undefined;
  documentId?: string | undefined;
  url?: string | undefined;
  origin?: string | undefined;
}

function isTrustedTopFrame(sender: AnySender, origin: string, checkTabUrl: boolean): boolean {
  return (
    sender.id === EXTENSION_ID &&
    typeof sender.tab?.id === 'number' &&
    Number.isInteger(sender.tab.id) &&
    sender.tab.id >= 0 &&
    sender.frameId === 0 &&
    typeof sender.documentId === 'string' &&
    sender.documentId !== '' &&
    webOrigin(sender.url) === origin &&
    (sender.origin === undefined || sender.origin === origin) &&
    (!checkTabUrl || sender.tab.url === undefined || webOrigin(sender.tab.url) === origin)
  );
}

function requestFor(type: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ type }) },
    {
      weight: 4,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((changes) => mutate({ type }, changes)),
    },
    { weight: 2, arbitrary: hostileValue },
  );
}

function isExactly(message: unknown, type: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    !Array.isArray(message) &&
    Object.keys(message).length === 1 &&
    (message as { type?: unknown }).type === type &&
    Object.getPrototypeOf(message) === Object.prototype
  );
}

async function dumpStorage(): Promise<string> {
  const [local, session] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
  ]);
  return JSON.stringify({ local, session });
}

const BRIDGE_RUNS = 10_000;
const OTP_RUNS = 10_000;
// 10,000 bridge requests take ~14 s alone on the 2-core CI machine, over the default 20 s when
// the other test files run beside them: the limit is for a hang, not for the machine's speed.
const FUZZ_TIMEOUT_MS = 90_000;

describe('sites bridge handler under fuzzing', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it(
    `${String(BRIDGE_RUNS)} random requests and senders: tokens only to the granted top frame, never the refresh token`,
    async () => {
      const deps = makeDeps();
      const now = Date.now();
      const tokens = makeTokens({
        issuedAt: Math.floor(now / 1000),
        receivedAt: now,
        refreshToken: REFRESH_TOKEN,
      });
      deps.sessions.accounts.set('demo', { clientId: TEST_CLIENT_ID, tokens });
      await deps.allowList.put({ origin: SITE, accountId: 'demo' });
      deps.permissions.granted.add(`${SITE}/*`);
      const counts = { granted: 0, rejected: 0 };
      await fc.assert(
        fc.asyncProperty(
          requestFor('bridge:getSession'),
          senderFor(SITE, true),
          async (message, sender) => {
            const before = await dumpStorage();
            const response = await handleBridgeRequest(message, sender, deps);
            const text = replyText(response);
            expect(text).not.toContain(REFRESH_TOKEN);
            const trusted =
              isExactly(message, 'bridge:getSession') && isTrustedTopFrame(sender, SITE, false);
            if (trusted) {
              counts.granted += 1;
              expect(text).toContain(tokens.accessToken);
              return;
            }
            counts.rejected += 1;
            expect(response).toEqual({ type: 'bridge:rejected' });
            expect(deps.rules.updates).toEqual([]);
            // The document registry is written without being awaited: let it settle first.
            await new Promise((resolve) => setTimeout(resolve, 0));
            expect(await dumpStorage()).toBe(before);
          },
        ),
        { numRuns: BRIDGE_RUNS },
      );
      expect(counts.granted).toBeGreaterThan(0);
      expect(counts.rejected).toBeGreaterThan(BRIDGE_RUNS / 2);
      expectPrototypesClean();
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('authenticator code handler under fuzzing', () => {
  const ORIGIN = 'https://app.example.com';
  const SECRET = 'JBSWY3DPEHPK3PXP';
  const entry: TotpParameters = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 };
  const NOW = 1_700_000_022_000;

  it(
    `${String(OTP_RUNS)} random requests and senders: a code only to an allowed top frame, never the secret`,
    async () => {
      const code = await generateTotp(entry, NOW);
      const findEntryForOrigin = vi.fn((origin: string) =>
        Promise.resolve(origin === ORIGIN ? entry : undefined),
      );
      const deps: OtpHandlerDeps = {
        extensionId: EXTENSION_ID,
        allowedOrigins: new Set([ORIGIN]),
        findEntryForOrigin,
        now: () => NOW,
      };
      const counts = { granted: 0, rejected: 0 };
      await fc.assert(
        fc.asyncProperty(
          requestFor('otp:getCode'),
          senderFor(ORIGIN, false),
          async (message, sender) => {
            findEntryForOrigin.mockClear();
            const response = await handleOtpRequest(message, sender as OtpRequestSender, deps);
            const text = replyText(response);
            expect(text).not.toContain(SECRET);
            const trusted =
              isExactly(message, 'otp:getCode') && isTrustedTopFrame(sender, ORIGIN, true);
            if (trusted) {
              counts.granted += 1;
              expect(response).toEqual({ ok: true, code, secondsRemaining: 18 });
              return;
            }
            counts.rejected += 1;
            expect(response.ok).toBe(false);
            expect(text).not.toContain(code);
            // The vault is not even consulted for a sender that may not have codes.
            expect(findEntryForOrigin).not.toHaveBeenCalled();
          },
        ),
        { numRuns: OTP_RUNS },
      );
      expect(counts.granted).toBeGreaterThan(0);
      expect(counts.rejected).toBeGreaterThan(OTP_RUNS / 2);
      expectPrototypesClean();
    },
    FUZZ_TIMEOUT_MS,
  );
});

/**
 * Findings (low severity: `sender` is filled in by the browser, which only ever reports integer
 * tab ids, so a page cannot choose these values). Both handlers checked `typeof id !== 'number'
 * || id < 0`, which lets NaN and fractions through. Fixed in the bridge (bfb0bff); still open in
 * src/otp/background-handlers.ts (trustedOrigin): require `Number.isInteger(id) && id >= 0`,
 * then drop `.fails` below.
 */
describe('findings: non-integer tab ids', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it.each([Number.NaN, 1.5])(
    'the bridge rejects a sender whose tab id is %s (src/sites/background-handlers.ts)',
    async (tabId) => {
      const deps = makeDeps();
      const now = Date.now();
      deps.sessions.accounts.set('demo', {
        clientId: TEST_CLIENT_ID,
        tokens: makeTokens({ issuedAt: Math.floor(now / 1000), receivedAt: now }),
      });
      await deps.allowList.put({ origin: SITE, accountId: 'demo' });
      deps.permissions.granted.add(`${SITE}/*`);
      const sender: BridgeSender = {
        id: EXTENSION_ID,
        tab: { id: tabId, url: `${SITE}/` },
        frameId: 0,
        documentId: 'DOC-1',
        url: `${SITE}/`,
      };
      expect(await handleBridgeRequest({ type: 'bridge:getSession' }, sender, deps)).toEqual({
        type: 'bridge:rejected',
      });
    },
  );

  it.each([Number.NaN, 1.5])(
    'the authenticator refuses a sender whose tab id is %s (src/otp/background-handlers.ts)',
    async (tabId) => {
      const origin = 'https://app.example.com';
      const response = await handleOtpRequest(
        { type: 'otp:getCode' },
        { id: EXTENSION_ID, tab: { id: tabId }, frameId: 0, documentId: 'D', url: `${origin}/` },
        {
          extensionId: EXTENSION_ID,
          allowedOrigins: new Set([origin]),
          findEntryForOrigin: () =>
            Promise.resolve({
              secret: 'JBSWY3DPEHPK3PXP',
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
            }),
          now: () => 1_700_000_022_000,
        },
      );
      expect(response).toMatchObject({ ok: false, error: { code: 'OTP_REQUEST_REFUSED' } });
    },
  );
});
