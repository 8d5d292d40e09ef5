/**
 * The only door extension pages (popup, options) have to the background: send a `PageRequest`,
 * get a `PageResponse`; listen for `stateChanged` broadcasts. Pages receive a `PageClient` as a
 * dependency so their components run in tests against a fake one.
 */
import { browser } from 'wxt/browser';
import type { PageRequest, PageResponse, PopupState, StateChangedBroadcast } from './protocol';

export interface PageClient {
  /** Never rejects: a silent or crashed background becomes an error response. */
  send(request: PageRequest): Promise<PageResponse>;
  /** Calls `listener` with every state the background broadcasts; returns the unsubscribe. */
  onStateChanged(listener: (state: PopupState) => void): () => void;
  openOptionsPage(): Promise<void>;
}

/** The parts of `browser.runtime` a page client needs (a structural type, so tests can fake it). */
export interface PageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => undefined): void;
    removeListener(listener: (message: unknown) => undefined): void;
  };
  openOptionsPage(): Promise<void>;
}

export const BACKGROUND_UNAVAILABLE = {
  code: 'BackgroundUnavailable',
  message: 'Cognito Pass could not reach its background service.',
  recovery: 'Close and reopen this window. If it keeps happening, reload the extension.',
} as const;

export function createPageClient(runtime: PageRuntime): PageClient {
  return {
    async send(request) {
      try {
        const reply = await runtime.sendMessage(request);
        return isPageResponse(reply) ? reply : { ok: false, error: BACKGROUND_UNAVAILABLE };
      } catch {
        return { ok: false, error: BACKGROUND_UNAVAILABLE };
      }
    },
    onStateChanged(listener) {
      // Returns undefined synchronously: this page never answers messages, it only listens.
      const onMessage = (message: unknown): undefined => {
        if (isStateChanged(message)) listener(message.state);
        return undefined;
      };
      runtime.onMessage.addListener(onMessage);
      return () => {
        runtime.onMessage.removeListener(onMessage);
      };
    },
    openOptionsPage: () => runtime.openOptionsPage(),
  };
}

/** The client of the running extension page. */
export function createBrowserPageClient(): PageClient {
  return createPageClient(browser.runtime);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPopupState(value: unknown): value is PopupState {
  return (
    isRecord(value) &&
    Array.isArray(value.accounts) &&
    (value.activeAccountId === null || typeof value.activeAccountId === 'string') &&
    typeof value.busy === 'boolean'
  );
}

function isPageResponse(value: unknown): value is PageResponse {
  if (!isRecord(value)) return false;
  if (value.ok === true) return isPopupState(value.state);
  if (value.ok !== false || !isRecord(value.error)) return false;
  const { code, message, recovery } = value.error;
  return typeof code === 'string' && typeof message === 'string' && typeof recovery === 'string';
}

function isStateChanged(value: unknown): value is StateChangedBroadcast {
  return isRecord(value) && value.type === 'stateChanged' && isPopupState(value.state);
}
