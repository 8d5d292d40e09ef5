/**
 * The only door extension pages (popup, options) have to the background: send a `PageRequest`,
 * get a `PageResponse`; listen for `stateChanged` broadcasts. Pages receive a `PageClient` as a
 * dependency so their components run in tests against a fake one.
 */
import { browser } from 'wxt/browser';
import type { FeatureRequest, FeatureResponse } from './feature-protocol';
import { sendWithRedelivery } from './redelivery';
import type { PageRequest, PageResponse, PopupState, StateChangedBroadcast } from './protocol';

export interface PageClient {
  /** Never rejects: a silent or crashed background becomes an error response. */
  send(request: PageRequest): Promise<PageResponse>;
  /** Calls `listener` with every state the background broadcasts; returns the unsubscribe. */
  onStateChanged(listener: (state: PopupState) => void): () => void;
  openOptionsPage(): Promise<void>;
  /** The sites and authenticator requests; never rejects either. */
  sendFeature(request: FeatureRequest): Promise<FeatureResponse>;
  /**
   * Asks the browser for host access to exactly these match patterns. Must be called inside a
   * click handler (browsers require a user gesture); resolves false when refused or impossible.
   */
  requestSiteAccess(origins: string[]): Promise<boolean>;
  /** The http(s) origin of the active tab of the current window, if it has one. */
  activeTabOrigin(): Promise<string | undefined>;
  /**
   * The key the browser binds to the fill-one-time-code command ('' when none is set: the person
   * removed it, or another extension had it first). Absent where the page cannot read commands.
   */
  fillShortcut?(): Promise<string>;
}

/** The part of `browser.commands` pages use. */
export interface PageCommands {
  getAll(): Promise<Array<{ name?: string | undefined; shortcut?: string | undefined }>>;
}

/** The manifest's command name (FILL_COMMAND in src/otp/fill-command.ts). */
const FILL_COMMAND_NAME = 'fill-one-time-code';

/** The part of `browser.permissions` pages use. */
export interface PagePermissions {
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/** The part of `browser.tabs` pages use (the URL is readable thanks to `activeTab`). */
export interface PageTabs {
  query(filter: {
    active: true;
    currentWindow: true;
  }): Promise<Array<{ url?: string | undefined }>>;
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

const deliver = (runtime: PageRuntime, message: unknown) =>
  sendWithRedelivery((each) => runtime.sendMessage(each), message);

export function createPageClient(
  runtime: PageRuntime,
  permissions?: PagePermissions,
  tabs?: PageTabs,
  commands?: PageCommands,
): PageClient {
  return {
    ...(commands && {
      async fillShortcut() {
        try {
          const all = await commands.getAll();
          return all.find((command) => command.name === FILL_COMMAND_NAME)?.shortcut ?? '';
        } catch {
          return '';
        }
      },
    }),
    async send(request) {
      try {
        const reply = await deliver(runtime, request);
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
    async sendFeature(request) {
      try {
        const reply = await deliver(runtime, request);
        return isFeatureResponse(reply) ? reply : { ok: false, error: BACKGROUND_UNAVAILABLE };
      } catch {
        return { ok: false, error: BACKGROUND_UNAVAILABLE };
      }
    },
    async requestSiteAccess(origins) {
      if (!permissions) return false;
      try {
        return await permissions.request({ origins });
      } catch {
        // Chromium throws for patterns it cannot grant (e.g. no user gesture): same as refused.
        return false;
      }
    },
    async activeTabOrigin() {
      if (!tabs) return undefined;
      try {
        const [tab] = await tabs.query({ active: true, currentWindow: true });
        return webOrigin(tab?.url);
      } catch {
        return undefined;
      }
    },
  };
}

/** The origin of an http(s) URL; undefined for extension pages, about:, file: and the like. */
export function webOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The client of the running extension page. */
export function createBrowserPageClient(): PageClient {
  return createPageClient(
    browser.runtime,
    browser.permissions,
    browser.tabs,
    // Firefox for Android has no commands API.
    (browser as { commands?: PageCommands }).commands,
  );
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

function isError(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { code, message, recovery } = value;
  return typeof code === 'string' && typeof message === 'string' && typeof recovery === 'string';
}

function isFeatureResponse(value: unknown): value is FeatureResponse {
  if (!isRecord(value)) return false;
  if (value.ok === false) return isError(value.error);
  if (value.ok !== true) return false;
  if (Array.isArray(value.sites)) return true;
  const authenticator = value.authenticator;
  return (
    isRecord(authenticator) &&
    typeof authenticator.status === 'string' &&
    Array.isArray(authenticator.entries) &&
    Array.isArray(authenticator.autoAnswer) &&
    (value.exportedUri === undefined || typeof value.exportedUri === 'string')
  );
}

function isStateChanged(value: unknown): value is StateChangedBroadcast {
  return isRecord(value) && value.type === 'stateChanged' && isPopupState(value.state);
}
