/**
 * The keyboard shortcut ("fill-one-time-code") and the "Fill one-time code" context-menu entry.
 * Either is the person's gesture for the tab they are on, so nothing here waits for a click in
 * the page. The decision is the one `otp:getCode` makes: the tab's top-frame origin must be
 * allowed for autofill and granted (the same `allowedOrigins` set), and only that origin's
 * entry's current code is computed (background-handlers.ts `codeForOrigin`). The code then goes
 * to that tab's top frame only, in two injections: the filler (the unlisted `otp-fill` script),
 * which reports the document it landed in, then the code, pinned to that document and checked
 * against `location.origin` once more, so a tab that navigated meanwhile gets nothing.
 */
import { originOfUrl } from '../sites/origin';
import { codeForOrigin, type OtpHandlerDeps } from './background-handlers';
import type { OtpErrorInfo } from './errors';
import { PAGE_FILL_GLOBAL } from './page-fill';

/** The `commands` key in the manifest. */
export const FILL_COMMAND = 'fill-one-time-code';
/** The context-menu entry's id (fill-menu.ts creates it). */
export const FILL_MENU_ID = 'fill-one-time-code';
/** WXT's output for entrypoints/otp-fill.ts. */
export const OTP_FILL_SCRIPT_FILE = 'otp-fill.js';

export interface FillTab {
  id?: number | undefined;
  url?: string | undefined;
}

type InjectionTarget =
  { tabId: number; frameIds: number[] } | { tabId: number; documentIds: string[] };
type PageFill = (globalName: string, code: string, origin: string) => unknown;

/** The part of `browser.scripting` the fill uses. */
export interface FillScriptingPort {
  executeScript(
    injection:
      | { target: InjectionTarget; files: string[] }
      | { target: InjectionTarget; func: PageFill; args: [string, string, string] },
  ): Promise<Array<{ documentId?: string | undefined; result?: unknown }>>;
}

export interface FillCommandDeps {
  /** The same checks and entry lookup as `otp:getCode`, read at each gesture. */
  handlerDeps: () => Promise<Pick<OtpHandlerDeps, 'allowedOrigins' | 'findEntryForOrigin' | 'now'>>;
  /** The active tab of the focused window, for a command Chromium sent without its tab. */
  activeTab: () => Promise<FillTab | undefined>;
  scripting: FillScriptingPort;
  /** Shows the problem on the tab (or clears an earlier one when `problem` is undefined). */
  feedback: (tabId: number, problem: OtpErrorInfo | undefined) => Promise<void>;
}

export type FillOutcome = { filled: true } | { filled: false; error: OtpErrorInfo };

export interface OtpFillCommand {
  /** `commands.onCommand`; undefined for commands that are not ours. */
  onCommand(command: string, tab?: FillTab): Promise<FillOutcome | undefined>;
  /** `contextMenus.onClicked`; undefined for menu entries that are not ours. */
  onMenuClick(
    info: { menuItemId: string | number; frameId?: number | undefined },
    tab?: FillTab,
  ): Promise<FillOutcome | undefined>;
}

const problem = (code: string, message: string, recovery: string): OtpErrorInfo => ({
  code,
  message,
  recovery,
});

export const FILL_PROBLEMS = {
  notAllowed: problem(
    'OTP_FILL_NOT_ALLOWED',
    'Cognito Pass does not fill one-time codes on this page.',
    'In the Cognito Pass settings, link an authenticator entry to this site and allow it.',
  ),
  noField: problem(
    'OTP_FILL_NO_FIELD',
    'No one-time-code field was found on this page.',
    'Click into the code field, then press the shortcut again.',
  ),
  pageChanged: problem(
    'OTP_FILL_PAGE_CHANGED',
    'The page changed before the code could be filled.',
    'Press the shortcut again.',
  ),
  frame: problem(
    'OTP_FILL_FRAME',
    'Codes are filled in the page itself, not in a frame inside it.',
    'Type the code the Cognito Pass popup shows.',
  ),
} as const;

/**
 * Runs in the page's isolated world (serialized by `executeScript`: it must not refer to
 * anything outside itself). The filler left by otp-fill.js does the work; the origin is checked
 * here too, before the code reaches any of the page's code.
 */
export function runPageFill(globalName: string, code: string, origin: string): unknown {
  if (location.origin !== origin) return 'other-origin';
  const fill = (globalThis as Record<string, unknown>)[globalName];
  return typeof fill === 'function'
    ? (fill as (code: string, origin: string) => unknown)(code, origin)
    : 'not-installed';
}

export function createOtpFillCommand(deps: FillCommandDeps): OtpFillCommand {
  async function inject(tabId: number, code: string, origin: string): Promise<unknown> {
    const [installed] = await deps.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      files: [OTP_FILL_SCRIPT_FILE],
    });
    // Chromium names the document the filler landed in; pinning the code to it makes the
    // injection fail, rather than fill, if the tab navigated since. (Firefox names none: the
    // origin check in runPageFill and in the filler still hold.)
    const documentId = installed?.documentId;
    const target: InjectionTarget = documentId
      ? { tabId, documentIds: [documentId] }
      : { tabId, frameIds: [0] };
    const [ran] = await deps.scripting.executeScript({
      target,
      func: runPageFill,
      args: [PAGE_FILL_GLOBAL, code, origin],
    });
    return ran?.result;
  }

  async function decide(tab: FillTab & { id: number }): Promise<FillOutcome> {
    const origin = originOfUrl(tab.url);
    const checks = await deps.handlerDeps();
    if (origin === undefined || !checks.allowedOrigins.has(origin)) {
      return { filled: false, error: FILL_PROBLEMS.notAllowed };
    }
    const answer = await codeForOrigin(origin, checks);
    if (!answer.ok) return { filled: false, error: answer.error };
    let result: unknown;
    try {
      result = await inject(tab.id, answer.code, origin);
    } catch {
      // Closed, navigated to a page we may not touch, or a document that no longer exists.
      return { filled: false, error: FILL_PROBLEMS.pageChanged };
    }
    if (result === 'filled') return { filled: true };
    return {
      filled: false,
      error: result === 'no-field' ? FILL_PROBLEMS.noField : FILL_PROBLEMS.pageChanged,
    };
  }

  async function fillTab(tab: FillTab | undefined): Promise<FillOutcome> {
    const tabId = tab?.id;
    // No tab (a devtools window, the browser's own pages): nothing to fill and nowhere to tell.
    if (tab === undefined || tabId === undefined || tabId < 0) {
      return { filled: false, error: FILL_PROBLEMS.notAllowed };
    }
    const outcome = await decide({ ...tab, id: tabId });
    await deps.feedback(tabId, outcome.filled ? undefined : outcome.error);
    return outcome;
  }

  return {
    async onCommand(command, tab) {
      if (command !== FILL_COMMAND) return undefined;
      return fillTab(tab ?? (await deps.activeTab()));
    },
    async onMenuClick(info, tab) {
      if (info.menuItemId !== FILL_MENU_ID) return undefined;
      if (info.frameId !== undefined && info.frameId !== 0) {
        if (tab?.id !== undefined) await deps.feedback(tab.id, FILL_PROBLEMS.frame);
        return { filled: false, error: FILL_PROBLEMS.frame };
      }
      return fillTab(tab);
    },
  };
}
