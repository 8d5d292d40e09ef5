/**
 * Listens for the person's two fill gestures, the keyboard shortcut and the context-menu entry,
 * and hands them to the fill command (src/otp/fill-command.ts). Registered synchronously at
 * worker start: Chromium wakes the worker for a command or a menu click and delivers it only to
 * listeners added in the first turn.
 */
import type { OtpHandlerDeps } from '../otp/background-handlers';
import {
  createOtpFillCommand,
  type FillOutcome,
  type FillScriptingPort,
  type FillTab,
} from '../otp/fill-command';
import { fillFeedback, type FeedbackActionPort } from '../otp/fill-feedback';

interface Event<Listener> {
  addListener(listener: Listener): void;
}

type MenuClick = { menuItemId: string | number; frameId?: number | undefined };

/** The browser APIs the gestures use (pass `browser` from `wxt/browser`). */
export interface OtpFillBrowser {
  commands: { onCommand: Event<(command: string, tab?: FillTab) => void> };
  contextMenus: { onClicked: Event<(info: MenuClick, tab?: FillTab) => void> };
  tabs: {
    query(query: { active: true; lastFocusedWindow: true }): Promise<FillTab[]>;
  };
  scripting: FillScriptingPort;
  action: FeedbackActionPort;
}

export interface OtpFillGestureDeps {
  browser: OtpFillBrowser;
  /** What `otp:getCode` decides with (wireOtpAutofill's `handlerDeps`). */
  handlerDeps: () => Promise<OtpHandlerDeps>;
  /** The toolbar button's title when nothing is wrong. */
  defaultTitle: string;
  later: (run: () => void, ms: number) => void;
  onError: (what: string, error: unknown) => void;
}

export function wireOtpFillGestures(deps: OtpFillGestureDeps): void {
  const { browser } = deps;
  const fill = createOtpFillCommand({
    handlerDeps: deps.handlerDeps,
    activeTab: async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0],
    scripting: browser.scripting,
    feedback: fillFeedback({
      action: browser.action,
      defaultTitle: deps.defaultTitle,
      later: deps.later,
      onError: deps.onError,
    }),
  });
  const settle = (outcome: Promise<FillOutcome | undefined>) => {
    outcome.catch((error: unknown) => {
      deps.onError('could not fill the one-time code', error);
    });
  };
  browser.commands.onCommand.addListener((command, tab) => {
    settle(fill.onCommand(command, tab));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    settle(fill.onMenuClick(info, tab));
  });
}
