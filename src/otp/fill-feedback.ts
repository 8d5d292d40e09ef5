/**
 * What the person sees when the shortcut or the menu could not fill: a red "!" on the toolbar
 * button of that tab for a few seconds, and the reason (with what to do) as the button's
 * tooltip for that tab. No notification permission, no page UI: the page must not learn that a
 * fill was attempted.
 */
import type { OtpErrorInfo } from './errors';

/** The part of `browser.action` feedback uses (tab-specific settings only). */
export interface FeedbackActionPort {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
}

export const FEEDBACK_BADGE = '!';
export const FEEDBACK_COLOR = '#b42318';
/** Long enough to notice after looking up from the field, short enough not to linger. */
export const FEEDBACK_MS = 6000;

export interface FillFeedbackDeps {
  action: FeedbackActionPort;
  /** The title the button has when nothing is wrong (the manifest's default_title). */
  defaultTitle: string;
  /** Runs `clear` after `ms` (setTimeout in the worker; a fake clock in tests). */
  later: (clear: () => void, ms: number) => void;
  onError: (what: string, error: unknown) => void;
}

export function fillFeedback(deps: FillFeedbackDeps) {
  const { action } = deps;
  // The latest problem per tab: an older timer must not clear a newer problem.
  const shown = new Map<number, OtpErrorInfo>();

  async function clear(tabId: number): Promise<void> {
    shown.delete(tabId);
    await action.setBadgeText({ tabId, text: '' });
    await action.setTitle({ tabId, title: deps.defaultTitle });
  }

  // The tab may have closed meanwhile: the browser then rejects, which changes nothing.
  const quietly = (work: Promise<void>) =>
    work.catch((error: unknown) => {
      deps.onError('could not update the toolbar button', error);
    });

  return async (tabId: number, problem: OtpErrorInfo | undefined): Promise<void> => {
    if (problem === undefined) {
      if (shown.has(tabId)) await quietly(clear(tabId));
      return;
    }
    shown.set(tabId, problem);
    await quietly(
      (async () => {
        await action.setBadgeBackgroundColor({ tabId, color: FEEDBACK_COLOR });
        await action.setBadgeText({ tabId, text: FEEDBACK_BADGE });
        await action.setTitle({
          tabId,
          title: `${deps.defaultTitle}: ${problem.message} ${problem.recovery}`,
        });
      })(),
    );
    deps.later(() => {
      if (shown.get(tabId) === problem) void quietly(clear(tabId));
    }, FEEDBACK_MS);
  };
}
