/**
 * The background's side of a passkey ceremony in a tab of the site, for pools whose relying-party
 * ID is a web domain (docs/passkeys.md). Bringing the tab to the front closes a toolbar popup, so
 * the background owns the whole flow once the person asked: pick the tab (rp-tab.ts), focus it,
 * inject the ceremony into its top frame, and answer Cognito with the credential (sign-in:
 * RespondToAuthChallenge through the sign-in machine; registration: Complete through the passkey
 * handler). Only the public-key options go into the tab and only the credential JSON comes out.
 * A popup reopened meanwhile asks for the status and shows "waiting" instead of starting again.
 */
import * as v from 'valibot';
import type { StepAnswer } from '../platform/protocol';
import type { Logger } from '../platform/logger';
import { relyingPartyOf, type CeremonyError, type CeremonyResult } from './ceremony';
import {
  PasskeyRequestSchema,
  type PasskeyErrorView,
  type PasskeyRequest,
  type PasskeyResponse,
} from './messages';
import { chooseCeremonyTab, tabChoiceError, type CeremonyTab, type TabInfo } from './rp-tab';
import {
  AssertionCredentialSchema,
  TabResultSchema,
  type TabCeremonyKind,
  type TabCeremonyMessage,
  type TabCeremonyReply,
  type TabCeremonyView,
} from './tab-messages';
import { TAB_CEREMONY_GLOBAL, type TabCeremonyRequest } from './tab-page';
import type { Json } from './webauthn-json';

/** Path of the built injected script (WXT's output for entrypoints/passkey-tab.ts). */
export const TAB_CEREMONY_SCRIPT_FILE = 'passkey-tab.js';

export type InjectionTarget =
  { tabId: number; documentIds: string[] } | { tabId: number; frameIds: number[] };

export interface TabScriptingPort {
  executeScript(injection: {
    target: InjectionTarget;
    files?: string[];
    func?: (...args: never[]) => unknown;
    args?: unknown[];
  }): Promise<Array<{ result?: unknown }>>;
}

export interface TabCeremonyDeps {
  tabs: {
    query(queryInfo: Record<string, never>): Promise<TabInfo[]>;
    update(tabId: number, change: { active: true }): Promise<unknown>;
  };
  windows?: { update(windowId: number, change: { focused: true }): Promise<unknown> } | undefined;
  scripting: TabScriptingPort;
  /** The top-frame document the session bridge reported for a tab (src/sites/document-registry). */
  documentOf(tabId: number): Promise<{ documentId: string; origin: string } | undefined>;
  /** The origins this account's session is shared with, and whether host access is granted. */
  sharedSites(accountId: string): Promise<Array<{ origin: string; granted: boolean }>>;
  signIn: {
    /** The CONFIRM_SIGN_IN_WITH_WEB_AUTHN step's options (JSON), when the account is on it. */
    requestOptions(accountId: string): Promise<string | undefined>;
    /** Hands the outcome to the sign-in machine, as the popup would. */
    answer(accountId: string, answer: StepAnswer): Promise<void>;
  };
  /** The passkey handler (start and complete a registration with the access token). */
  passkeys(request: PasskeyRequest): Promise<PasskeyResponse>;
  logger: Logger;
}

/** Runs in the tab (serialised by `executeScript`): it may only use its arguments. */
function runInjectedCeremony(key: string, request: TabCeremonyRequest): unknown {
  const runner = (
    globalThis as unknown as Record<string, { run(r: unknown): unknown } | undefined>
  )[key];
  return runner ? runner.run(request) : { ok: false, error: undefined };
}

function abortInjectedCeremony(key: string): void {
  const runner = (globalThis as unknown as Record<string, { abort(): void } | undefined>)[key];
  runner?.abort();
}

const notAtPasskeyStep: PasskeyErrorView = {
  code: 'NotAtPasskeyStep',
  message: 'This sign-in is not waiting for a passkey any more.',
  recovery: 'Start the sign-in again.',
};

const noRelyingParty: PasskeyErrorView = {
  code: 'PasskeyNoRelyingParty',
  message: 'This pool’s passkey options name no site, so they are used from the popup itself.',
  recovery: 'Reopen the popup and try again.',
};

function unreachable(origin: string): CeremonyError {
  return {
    code: 'PasskeyFailed',
    message: `Cognito Pass could not start the passkey in the tab of ${origin} (it changed or closed).`,
    recovery: 'Open the site again, then try again, or choose another way to sign in.',
  };
}

const FALLBACK_CODES = [
  'PasskeyCancelled',
  'PasskeyWrongPlace',
  'PasskeyAlreadyRegistered',
  'PasskeyUnavailable',
  'PasskeyFailed',
] as const;

/** The sign-in machine's fallback answer, keeping only the codes it knows. */
function failedAnswer(error: CeremonyError | PasskeyErrorView): StepAnswer {
  const code = FALLBACK_CODES.find((known) => known === error.code) ?? 'PasskeyFailed';
  return {
    kind: 'webAuthnFailed',
    code,
    message: error.message.slice(0, 512),
    recovery: error.recovery.slice(0, 512),
  };
}

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

interface Running {
  kind: TabCeremonyKind;
  tab: CeremonyTab;
  target: InjectionTarget;
  done: Promise<void>;
}

export function createTabCeremonies(deps: TabCeremonyDeps) {
  const running = new Map<string, Running>();
  // A registration's outcome, kept until a page reads it (the popup may have closed meanwhile).
  const outcomes = new Map<string, TabCeremonyView>();

  const waiting = (kind: TabCeremonyKind, tab: CeremonyTab): TabCeremonyReply => ({
    ok: true,
    ceremony: { kind, state: 'waiting', origin: tab.origin },
  });

  async function targetFor(tab: CeremonyTab): Promise<InjectionTarget> {
    const document = await deps.documentOf(tab.tabId);
    // The exact document the bridge runs in: a tab that navigated since gets nothing.
    return document?.origin === tab.origin
      ? { tabId: tab.tabId, documentIds: [document.documentId] }
      : { tabId: tab.tabId, frameIds: [0] };
  }

  async function focus(tab: CeremonyTab): Promise<void> {
    // WebAuthn runs only in a focused document; this also closes a toolbar popup.
    await deps.tabs.update(tab.tabId, { active: true });
    if (tab.windowId !== undefined) await deps.windows?.update(tab.windowId, { focused: true });
  }

  async function ceremonyInTab(
    tab: CeremonyTab,
    target: InjectionTarget,
    request: TabCeremonyRequest,
  ): Promise<CeremonyResult> {
    try {
      await focus(tab);
      await deps.scripting.executeScript({ target, files: [TAB_CEREMONY_SCRIPT_FILE] });
      const [first] = await deps.scripting.executeScript({
        target,
        func: runInjectedCeremony,
        args: [TAB_CEREMONY_GLOBAL, request],
      });
      const parsed = v.safeParse(TabResultSchema, first?.result);
      if (!parsed.success) return { ok: false, error: unreachable(tab.origin) };
      return parsed.output as CeremonyResult;
    } catch (error) {
      deps.logger.warn('passkey ceremony in a tab failed', { origin: tab.origin, error });
      return { ok: false, error: unreachable(tab.origin) };
    }
  }

  async function pick(accountId: string, rpId: string) {
    const [tabs, sites] = await Promise.all([deps.tabs.query({}), deps.sharedSites(accountId)]);
    return chooseCeremonyTab({ rpId, tabs, sites });
  }

  function track(
    accountId: string,
    kind: TabCeremonyKind,
    tab: CeremonyTab,
    target: InjectionTarget,
    work: () => Promise<void>,
  ): void {
    const done = work()
      .catch((error: unknown) => {
        deps.logger.error('passkey ceremony in a tab crashed', { kind, error });
      })
      .finally(() => {
        if (running.get(accountId)?.done === done) running.delete(accountId);
      });
    running.set(accountId, { kind, tab, target, done });
  }

  async function signIn(accountId: string): Promise<TabCeremonyReply> {
    const optionsText = await deps.signIn.requestOptions(accountId);
    if (optionsText === undefined) return { ok: false, error: notAtPasskeyStep };
    const options = parseJson(optionsText) ?? {};
    const rpId = relyingPartyOf(options);
    if (rpId === undefined) return { ok: false, error: noRelyingParty };
    const choice = await pick(accountId, rpId);
    if (choice.kind !== 'found') {
      const error = tabChoiceError(choice, rpId);
      await deps.signIn.answer(accountId, failedAnswer(error));
      return { ok: false, error };
    }
    const { tab } = choice;
    const target = await targetFor(tab);
    track(accountId, 'signIn', tab, target, async () => {
      const result = await ceremonyInTab(tab, target, {
        kind: 'get',
        options,
        origin: tab.origin,
        rpId,
      });
      // The person may have gone back or chosen another way meanwhile: answer only that step.
      if ((await deps.signIn.requestOptions(accountId)) !== optionsText) return;
      if (!result.ok) {
        await deps.signIn.answer(accountId, failedAnswer(result.error));
        return;
      }
      const credential = v.safeParse(AssertionCredentialSchema, result.credential);
      await deps.signIn.answer(
        accountId,
        credential.success
          ? { kind: 'webAuthnCredential', credential: JSON.stringify(credential.output) }
          : failedAnswer(unreachable(tab.origin)),
      );
    });
    return waiting('signIn', tab);
  }

  async function register(accountId: string): Promise<TabCeremonyReply> {
    outcomes.delete(accountId);
    // The popup has usually just started one to learn the RP ID: take it, do not replace it.
    const started = await deps.passkeys({
      type: 'passkeys:startRegistration',
      accountId,
      reuseRecent: true,
    });
    if (!started.ok) return { ok: false, error: started.error };
    const options = started.creationOptions;
    const rpId = options === undefined ? undefined : relyingPartyOf(options);
    if (options === undefined || rpId === undefined) return { ok: false, error: noRelyingParty };
    const choice = await pick(accountId, rpId);
    if (choice.kind !== 'found') return { ok: false, error: tabChoiceError(choice, rpId) };
    const { tab } = choice;
    const target = await targetFor(tab);
    const failed = (error: PasskeyErrorView) => {
      outcomes.set(accountId, { kind: 'register', state: 'failed', error });
    };
    track(accountId, 'register', tab, target, async () => {
      const result = await ceremonyInTab(tab, target, {
        kind: 'create',
        options,
        origin: tab.origin,
        rpId,
      });
      if (!result.ok) {
        failed(result.error);
        return;
      }
      const request = v.safeParse(PasskeyRequestSchema, {
        type: 'passkeys:completeRegistration',
        accountId,
        credential: result.credential,
      });
      if (!request.success) {
        failed(unreachable(tab.origin));
        return;
      }
      const completed = await deps.passkeys(request.output);
      if (completed.ok) outcomes.set(accountId, { kind: 'register', state: 'done' });
      else failed(completed.error);
    });
    return waiting('register', tab);
  }

  function status(accountId: string): TabCeremonyReply {
    const current = running.get(accountId);
    if (current) return waiting(current.kind, current.tab);
    const outcome = outcomes.get(accountId);
    outcomes.delete(accountId);
    return { ok: true, ceremony: outcome ?? null };
  }

  async function cancel(accountId: string): Promise<TabCeremonyReply> {
    const current = running.get(accountId);
    if (!current) return { ok: true, ceremony: null };
    try {
      await deps.scripting.executeScript({
        target: current.target,
        func: abortInjectedCeremony,
        args: [TAB_CEREMONY_GLOBAL],
      });
    } catch (error) {
      deps.logger.warn('could not cancel the passkey in the tab', { error });
    }
    // The ceremony ends with PasskeyCancelled and answers (sign-in falls back) before the reply.
    await current.done;
    return status(accountId);
  }

  // A start in progress per account (choosing the tab, asking Cognito): a request arriving
  // meanwhile (a popup reopened at once, a double click) gets the same answer.
  const starting = new Map<string, Promise<TabCeremonyReply>>();
  const startOnce = (accountId: string, start: (id: string) => Promise<TabCeremonyReply>) => {
    const current = running.get(accountId);
    // Never a second ceremony while one waits in a tab (e.g. the popup was reopened).
    if (current) return Promise.resolve(waiting(current.kind, current.tab));
    const pending = starting.get(accountId);
    if (pending) return pending;
    const started = start(accountId).finally(() => {
      starting.delete(accountId);
    });
    starting.set(accountId, started);
    return started;
  };

  return {
    handle(request: TabCeremonyMessage): Promise<TabCeremonyReply> {
      const { accountId } = request;
      switch (request.type) {
        case 'passkeyTab:signIn':
          return startOnce(accountId, signIn);
        case 'passkeyTab:register':
          return startOnce(accountId, register);
        case 'passkeyTab:status':
          return Promise.resolve(status(accountId));
        case 'passkeyTab:cancel':
          return cancel(accountId);
      }
    },
    /** Resolves when every ceremony in progress has finished (tests, and nothing else). */
    async settled(): Promise<void> {
      await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
}
