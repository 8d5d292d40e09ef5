import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../platform/logger';
import type { StepAnswer } from '../platform/protocol';
import type { CeremonyResult } from './ceremony';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import type { TabInfo } from './rp-tab';
import {
  createTabCeremonies,
  TAB_CEREMONY_SCRIPT_FILE,
  type InjectionTarget,
  type TabCeremonyDeps,
} from './tab-ceremony';
import { TAB_CEREMONY_GLOBAL, type TabCeremonyRequest } from './tab-page';

const SITE = 'https://app.example.com';
const OPTIONS = JSON.stringify({ challenge: 'AQID', rpId: 'example.com' });
const ASSERTION = {
  id: 'Bwc',
  rawId: 'Bwc',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: 'AQ', authenticatorData: 'Ag', signature: 'Aw' },
};
const ATTESTATION = {
  id: 'Bwc',
  rawId: 'Bwc',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: 'AQ', attestationObject: 'BA', transports: ['internal'] },
};

interface Injection {
  target: InjectionTarget;
  files?: string[];
  func?: (...args: never[]) => unknown;
  args?: unknown[];
}

/**
 * A browser with tabs and a fake isolated world: injecting the file installs a runner on the
 * global (as entrypoints/passkey-tab.ts does in the tab), and the `func` really runs against it.
 */
function world(options: {
  tabs?: TabInfo[];
  sites?: Array<{ origin: string; granted: boolean }>;
  outcome?: (request: TabCeremonyRequest) => Promise<CeremonyResult>;
  step?: { options: string | undefined };
}) {
  const injections: Injection[] = [];
  const calls: string[] = [];
  const answers: StepAnswer[] = [];
  const passkeyRequests: PasskeyRequest[] = [];
  const step = options.step ?? { options: OPTIONS };
  let release: (() => void) | undefined;
  const aborts: string[] = [];
  const scope = globalThis as unknown as Record<string, unknown>;
  const deps: TabCeremonyDeps = {
    tabs: {
      query: () => Promise.resolve(options.tabs ?? [{ id: 7, windowId: 3, url: `${SITE}/home` }]),
      update: (tabId) => {
        calls.push(`activate ${String(tabId)}`);
        return Promise.resolve();
      },
    },
    windows: {
      update: (windowId) => {
        calls.push(`focus window ${String(windowId)}`);
        return Promise.resolve();
      },
    },
    scripting: {
      executeScript(injection) {
        injections.push(injection);
        if (injection.files) {
          calls.push('inject file');
          scope[TAB_CEREMONY_GLOBAL] = {
            run: (request: TabCeremonyRequest) =>
              options.outcome
                ? options.outcome(request)
                : new Promise<CeremonyResult>((resolve) => {
                    release = () => {
                      resolve({ ok: true, credential: ASSERTION });
                    };
                  }),
            abort: () => {
              aborts.push('abort');
            },
          };
          return Promise.resolve([{}]);
        }
        calls.push('run func');
        const func = injection.func as (...args: unknown[]) => unknown;
        return Promise.resolve(func(...(injection.args ?? []))).then((result) => [{ result }]);
      },
    },
    documentOf: (tabId) =>
      Promise.resolve(tabId === 7 ? { documentId: 'DOC7', origin: SITE } : undefined),
    sharedSites: () => Promise.resolve(options.sites ?? [{ origin: SITE, granted: true }]),
    signIn: {
      requestOptions: () => Promise.resolve(step.options),
      answer: (_accountId, answer) => {
        answers.push(answer);
        step.options = undefined;
        return Promise.resolve();
      },
    },
    passkeys: (request): Promise<PasskeyResponse> => {
      passkeyRequests.push(request);
      if (request.type === 'passkeys:startRegistration') {
        return Promise.resolve({
          ok: true,
          passkeys: [],
          creationOptions: { challenge: 'AQID', rp: { id: 'example.com', name: 'Pool' } },
        });
      }
      return Promise.resolve({ ok: true, passkeys: [] });
    },
    logger: createLogger('silent', () => undefined),
  };
  return {
    ceremonies: createTabCeremonies(deps),
    injections,
    calls,
    answers,
    passkeyRequests,
    aborts,
    step,
    release: () => release?.(),
  };
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, TAB_CEREMONY_GLOBAL);
});

describe('sign-in with the passkey in a tab', () => {
  it('focuses the tab, runs the ceremony in its bridge document and answers with the assertion', async () => {
    const w = world({ outcome: () => Promise.resolve({ ok: true, credential: ASSERTION }) });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(reply).toEqual({
      ok: true,
      ceremony: { kind: 'signIn', state: 'waiting', origin: SITE },
    });
    await w.ceremonies.settled();
    expect(w.calls).toEqual(['activate 7', 'focus window 3', 'inject file', 'run func']);
    // The exact document the bridge runs in, never "whatever is in the tab now".
    expect(w.injections.map((each) => each.target)).toEqual([
      { tabId: 7, documentIds: ['DOC7'] },
      { tabId: 7, documentIds: ['DOC7'] },
    ]);
    expect(w.injections[0]?.files).toEqual([TAB_CEREMONY_SCRIPT_FILE]);
    // Only the public-key options and where they may be used go into the tab.
    expect(w.injections[1]?.args).toEqual([
      TAB_CEREMONY_GLOBAL,
      { kind: 'get', options: JSON.parse(OPTIONS) as unknown, origin: SITE, rpId: 'example.com' },
    ]);
    expect(w.answers).toEqual([
      { kind: 'webAuthnCredential', credential: JSON.stringify(ASSERTION) },
    ]);
  });

  it('a second request while the tab waits (a reopened popup) starts nothing new', async () => {
    const w = world({});
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await vi.waitFor(() => {
      expect(w.calls).toContain('run func');
    });
    const again = await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(again).toEqual({
      ok: true,
      ceremony: { kind: 'signIn', state: 'waiting', origin: SITE },
    });
    expect(await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' })).toEqual(again);
    expect(w.calls.filter((call) => call === 'run func')).toHaveLength(1);
    w.release();
    await w.ceremonies.settled();
    expect(w.answers).toHaveLength(1);
    expect(await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' })).toEqual({
      ok: true,
      ceremony: null,
    });
  });

  it('two requests at once (a double click) start one ceremony', async () => {
    const w = world({});
    const [first, second] = await Promise.all([
      w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' }),
      w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' }),
    ]);
    expect(second).toEqual(first);
    await vi.waitFor(() => {
      expect(w.calls).toContain('run func');
    });
    w.release();
    await w.ceremonies.settled();
    expect(w.calls.filter((call) => call === 'run func')).toHaveLength(1);
    expect(w.answers).toHaveLength(1);
  });

  it('with no shared tab of the RP ID open: falls back with the reason, injects nothing', async () => {
    const w = world({ tabs: [{ id: 9, url: 'https://elsewhere.test/' }] });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(reply.ok).toBe(false);
    expect(w.injections).toEqual([]);
    expect(w.answers).toEqual([
      expect.objectContaining({
        kind: 'webAuthnFailed',
        code: 'PasskeyWrongPlace',
        recovery: expect.stringContaining(
          'Open example.com in a tab where Cognito Pass shares the session',
        ) as unknown,
      }),
    ]);
  });

  it('a shared site that lost its grant is named', async () => {
    const w = world({ sites: [{ origin: SITE, granted: false }] });
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(w.injections).toEqual([]);
    expect(w.answers[0]).toMatchObject({ kind: 'webAuthnFailed', code: 'PasskeyWrongPlace' });
    expect(w.answers[0]?.kind === 'webAuthnFailed' && w.answers[0].message).toContain(SITE);
  });

  it('a failed ceremony falls back with its reason', async () => {
    const w = world({
      outcome: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'PasskeyCancelled', message: 'Cancelled.', recovery: 'Again.' },
        }),
    });
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await w.ceremonies.settled();
    expect(w.answers).toEqual([
      {
        kind: 'webAuthnFailed',
        code: 'PasskeyCancelled',
        message: 'Cancelled.',
        recovery: 'Again.',
      },
    ]);
  });

  it('a malformed result from the tab is never sent to Cognito', async () => {
    const w = world({
      outcome: () => Promise.resolve({ ok: true, credential: { ...ASSERTION, extra: 'x' } }),
    });
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await w.ceremonies.settled();
    expect(w.answers[0]).toMatchObject({ kind: 'webAuthnFailed', code: 'PasskeyFailed' });
  });

  it('answers nothing when the person left the step meanwhile', async () => {
    const w = world({});
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await vi.waitFor(() => {
      expect(w.calls).toContain('run func');
    });
    w.step.options = undefined;
    w.release();
    await w.ceremonies.settled();
    expect(w.answers).toEqual([]);
  });

  it('is not started off the passkey step', async () => {
    const w = world({ step: { options: undefined } });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(!reply.ok && reply.error.code).toBe('NotAtPasskeyStep');
    expect(w.injections).toEqual([]);
  });

  it('options without an RP ID stay with the popup', async () => {
    const w = world({ step: { options: JSON.stringify({ challenge: 'AQID' }) } });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    expect(!reply.ok && reply.error.code).toBe('PasskeyNoRelyingParty');
  });

  it('cancel aborts the ceremony in the tab, which then falls back', async () => {
    const w = world({});
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await vi.waitFor(() => {
      expect(w.calls).toContain('run func');
    });
    const scope = globalThis as unknown as Record<string, { abort(): void }>;
    const runner = scope[TAB_CEREMONY_GLOBAL];
    if (runner) {
      // The fake tab ends the ceremony when aborted, as navigator.credentials does.
      runner.abort = () => {
        w.aborts.push('abort');
        w.release();
      };
    }
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:cancel', accountId: 'a' });
    expect(w.aborts).toEqual(['abort']);
    expect(reply).toEqual({ ok: true, ceremony: null });
  });

  it('a tab without a known bridge document gets its top frame only', async () => {
    const w = world({
      tabs: [{ id: 8, url: `${SITE}/` }],
      outcome: () => Promise.resolve({ ok: true, credential: ASSERTION }),
    });
    await w.ceremonies.handle({ type: 'passkeyTab:signIn', accountId: 'a' });
    await w.ceremonies.settled();
    expect(w.injections[0]?.target).toEqual({ tabId: 8, frameIds: [0] });
  });
});

describe('registration in a tab', () => {
  it('starts with Cognito, creates in the tab, completes, and keeps the outcome for the popup', async () => {
    const w = world({ outcome: () => Promise.resolve({ ok: true, credential: ATTESTATION }) });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:register', accountId: 'a' });
    expect(reply).toEqual({
      ok: true,
      ceremony: { kind: 'register', state: 'waiting', origin: SITE },
    });
    await w.ceremonies.settled();
    expect(w.injections[1]?.args?.[1]).toMatchObject({ kind: 'create', rpId: 'example.com' });
    expect(w.passkeyRequests).toEqual([
      { type: 'passkeys:startRegistration', accountId: 'a', reuseRecent: true },
      { type: 'passkeys:completeRegistration', accountId: 'a', credential: ATTESTATION },
    ]);
    expect(await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' })).toEqual({
      ok: true,
      ceremony: { kind: 'register', state: 'done' },
    });
    // Shown once.
    expect(await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' })).toEqual({
      ok: true,
      ceremony: null,
    });
  });

  it('a refused ceremony is kept as the outcome, and nothing is completed', async () => {
    const error = {
      code: 'PasskeyAlreadyRegistered' as const,
      message: 'Held.',
      recovery: 'Use it.',
    };
    const w = world({ outcome: () => Promise.resolve({ ok: false, error }) });
    await w.ceremonies.handle({ type: 'passkeyTab:register', accountId: 'a' });
    await w.ceremonies.settled();
    expect(w.passkeyRequests.map((request) => request.type)).toEqual([
      'passkeys:startRegistration',
    ]);
    expect(await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' })).toEqual({
      ok: true,
      ceremony: { kind: 'register', state: 'failed', error },
    });
  });

  it('with no tab open it says so at once', async () => {
    const w = world({ tabs: [] });
    const reply = await w.ceremonies.handle({ type: 'passkeyTab:register', accountId: 'a' });
    expect(!reply.ok && reply.error.recovery).toContain('Open example.com in a tab');
    expect(w.injections).toEqual([]);
  });

  it('a tab that closed mid-way is a plain failure', async () => {
    const w = world({
      outcome: () => Promise.reject(new Error('No tab with id: 7')),
    });
    await w.ceremonies.handle({ type: 'passkeyTab:register', accountId: 'a' });
    await w.ceremonies.settled();
    const status = await w.ceremonies.handle({ type: 'passkeyTab:status', accountId: 'a' });
    expect(status.ok && status.ceremony).toMatchObject({ state: 'failed' });
  });
});
