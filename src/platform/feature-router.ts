/**
 * The `runtime.onMessage` listener for the sites and authenticator requests of extension pages.
 * Same guard as the sign-in router: only this extension's own pages, only messages that parse,
 * replies through `sendResponse`. Other messages are left to other listeners.
 */
import * as v from 'valibot';
import {
  FeatureRequestSchema,
  type FeatureRequest,
  type FeatureResponse,
} from './feature-protocol';
import type { Logger } from './logger';
import { isOwnPage, type MessageSender } from './message-router';

const FEATURE_TYPES = new Set<string>(
  FeatureRequestSchema.options.flatMap((schema) =>
    schema.options.map((option) => option.entries.type.literal),
  ),
);

export function isFeatureRequestType(type: unknown): boolean {
  return typeof type === 'string' && FEATURE_TYPES.has(type);
}

export function createFeatureListener(deps: {
  runtimeId: string;
  extensionOrigin: string;
  handle: (request: FeatureRequest) => Promise<FeatureResponse>;
  logger: Logger;
}) {
  return (
    message: unknown,
    sender: MessageSender,
    sendResponse: (reply: unknown) => void,
  ): true | undefined => {
    const type =
      typeof message === 'object' && message !== null
        ? (message as { type?: unknown }).type
        : undefined;
    if (!isFeatureRequestType(type)) return undefined;
    if (!isOwnPage(sender, deps.runtimeId, deps.extensionOrigin)) {
      deps.logger.warn('refused a feature request from outside the extension', { type });
      sendResponse(
        refusal(
          'ForbiddenSender',
          'Only Cognito Pass itself may ask for this.',
          'Use the toolbar popup.',
        ),
      );
      return true;
    }
    const parsed = v.safeParse(FeatureRequestSchema, message);
    if (!parsed.success) {
      sendResponse(
        refusal(
          'InvalidRequest',
          'The request was not understood.',
          'Reload the page and try again.',
        ),
      );
      return true;
    }
    deps.handle(parsed.output).then(sendResponse, (error: unknown) => {
      deps.logger.error('feature request crashed', { type, error });
      sendResponse(refusal('Unexpected', 'Cognito Pass could not do that.', 'Try again.'));
    });
    return true;
  };
}

function refusal(code: string, message: string, recovery: string): FeatureResponse {
  return { ok: false, error: { code, message, recovery } };
}
