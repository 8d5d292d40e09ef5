/** The `runtime.onMessage` listener for passkey requests: own pages only, parsed messages. */
import type { Logger } from '../platform/logger';
import { createOwnPageListener } from '../platform/message-router';
import {
  PASSKEY_REQUEST_TYPES,
  PasskeyRequestSchema,
  type PasskeyRequest,
  type PasskeyResponse,
} from './messages';

export function createPasskeyListener(deps: {
  runtimeId: string;
  extensionOrigin: string;
  handle: (request: PasskeyRequest) => Promise<PasskeyResponse>;
  logger: Logger;
}) {
  return createOwnPageListener({
    ...deps,
    types: PASSKEY_REQUEST_TYPES,
    schema: PasskeyRequestSchema,
    crashReply: (): PasskeyResponse => ({
      ok: false,
      error: {
        code: 'Unexpected',
        message: 'Cognito Pass could not do that.',
        recovery: 'Try again.',
      },
    }),
  });
}
