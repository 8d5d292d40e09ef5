/**
 * The background's `runtime.onMessage` listener for page requests. Only this extension's own
 * pages may talk to it: `sender.id` is ours and `sender.url` is on our origin (a content script
 * reports the web page's URL, so it fails that test). Messages that are not page requests are
 * left alone for other listeners. Replies go through `sendResponse` + `return true`, which both
 * Chrome and WXT's fake browser deliver.
 */
import * as v from 'valibot';
import { toAuthError } from '../cognito/auth-error';
import type { Logger } from './logger';
import { PageRequestSchema, type PageRequest, type PageResponse } from './protocol';

export interface MessageSender {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { url?: string | undefined } | undefined;
}

export interface RouterDeps {
  runtimeId: string;
  /** e.g. chrome-extension://<id>/ */
  extensionOrigin: string;
  handle: (request: PageRequest) => Promise<PageResponse>;
  logger: Logger;
}

type Listener = (
  message: unknown,
  sender: MessageSender,
  sendResponse: (reply: unknown) => void,
) => true | undefined;

const PAGE_REQUEST_TYPES = new Set<string>(
  PageRequestSchema.options.map((option) => option.entries.type.literal),
);

export function isOwnPage(
  sender: MessageSender,
  runtimeId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== runtimeId) return false;
  if (sender.url?.startsWith(extensionOrigin) !== true) return false;
  // An extension page opened in a tab (options) has a tab, but that tab shows our origin too.
  if (sender.tab && sender.tab.url?.startsWith(extensionOrigin) !== true) return false;
  return true;
}

export function createMessageListener(deps: RouterDeps): Listener {
  const guarded = createOwnPageListener({
    ...deps,
    types: PAGE_REQUEST_TYPES,
    schema: PageRequestSchema,
    crashReply: (error) => ({ ok: false, error: toAuthError(error).toView() }),
  });
  return (message, sender, sendResponse) => {
    if (typeOf(message) === 'ping') {
      // Liveness only (the e2e suite waits for the worker with it); reveals nothing.
      sendResponse({ ok: true, value: { pong: true } });
      return true;
    }
    return guarded(message, sender, sendResponse);
  };
}

/**
 * The guard every page-facing listener shares: messages of other types are left to other
 * listeners; only this extension's own pages are served; the message must parse; replies go
 * through `sendResponse` + `return true` (Chrome and WXT's fake browser both deliver those).
 */
export function createOwnPageListener<Request extends { type: string }>(deps: {
  runtimeId: string;
  extensionOrigin: string;
  types: ReadonlySet<string>;
  schema: v.GenericSchema<unknown, Request>;
  handle: (request: Request) => Promise<unknown>;
  crashReply: (error: unknown) => unknown;
  logger: Logger;
}): Listener {
  return (message, sender, sendResponse) => {
    const type = typeOf(message);
    if (type === undefined || !deps.types.has(type)) return undefined;
    if (!isOwnPage(sender, deps.runtimeId, deps.extensionOrigin)) {
      deps.logger.warn('refused a page request from outside the extension', {
        type,
        url: sender.url,
      });
      sendResponse(
        refusal(
          'ForbiddenSender',
          'Only Cognito Pass itself may ask for this.',
          'Use the toolbar popup.',
        ),
      );
      return true;
    }
    const parsed = v.safeParse(deps.schema, message);
    if (!parsed.success) {
      sendResponse(
        refusal(
          'InvalidRequest',
          'The request was not understood.',
          'Reload the popup and try again.',
        ),
      );
      return true;
    }
    deps.handle(parsed.output).then(sendResponse, (error: unknown) => {
      deps.logger.error('page request failed', { type, error });
      sendResponse(deps.crashReply(error));
    });
    return true;
  };
}

function typeOf(message: unknown): string | undefined {
  const type =
    typeof message === 'object' && message !== null
      ? (message as { type?: unknown }).type
      : undefined;
  return typeof type === 'string' ? type : undefined;
}

function refusal(code: string, message: string, recovery: string): PageResponse {
  return { ok: false, error: { code, message, recovery } };
}
