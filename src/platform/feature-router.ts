/**
 * The `runtime.onMessage` listener for the sites and authenticator requests of extension pages:
 * the same guard as the sign-in router (own pages only, parsed messages, `sendResponse`
 * replies), answered by the feature handler. Other messages are left to other listeners.
 */
import {
  FeatureRequestSchema,
  type FeatureRequest,
  type FeatureResponse,
} from './feature-protocol';
import type { Logger } from './logger';
import { createOwnPageListener } from './message-router';

const FEATURE_TYPES = new Set<string>(
  FeatureRequestSchema.options.flatMap((schema) =>
    schema.options.map((option) => option.entries.type.literal),
  ),
);

export function createFeatureListener(deps: {
  runtimeId: string;
  extensionOrigin: string;
  handle: (request: FeatureRequest) => Promise<FeatureResponse>;
  logger: Logger;
}) {
  return createOwnPageListener({
    ...deps,
    types: FEATURE_TYPES,
    schema: FeatureRequestSchema,
    crashReply: (): FeatureResponse => ({
      ok: false,
      error: {
        code: 'Unexpected',
        message: 'Cognito Pass could not do that.',
        recovery: 'Try again.',
      },
    }),
  });
}
