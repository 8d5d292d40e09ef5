/**
 * Connects the tab ceremonies (tab-ceremony.ts) to the background: the sign-in state and answers
 * go through the background's own page-request handler (so the machine, its persistence and its
 * serialisation per account are the same as for the popup), and every change is broadcast to
 * open pages. The browser APIs come in as ports from src/background/start.ts.
 */
import type { Logger } from '../platform/logger';
import { createOwnPageListener } from '../platform/message-router';
import type { PageRequest, PageResponse, PopupState } from '../platform/protocol';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import { createTabCeremonies, type TabCeremonyDeps } from './tab-ceremony';
import {
  TAB_CEREMONY_REQUEST_TYPES,
  TabCeremonyRequestSchema,
  type TabCeremonyReply,
} from './tab-messages';

export function wireTabCeremonies(deps: {
  runtimeId: string;
  extensionOrigin: string;
  tabs: TabCeremonyDeps['tabs'];
  windows: TabCeremonyDeps['windows'];
  scripting: TabCeremonyDeps['scripting'];
  documentOf: TabCeremonyDeps['documentOf'];
  sharedSites: TabCeremonyDeps['sharedSites'];
  background: { handle(request: PageRequest): Promise<PageResponse> };
  passkeys(request: PasskeyRequest): Promise<PasskeyResponse>;
  broadcast(state: PopupState): void;
  logger: Logger;
}) {
  const ceremonies = createTabCeremonies({
    tabs: deps.tabs,
    windows: deps.windows,
    scripting: deps.scripting,
    documentOf: deps.documentOf,
    sharedSites: deps.sharedSites,
    passkeys: (request) => deps.passkeys(request),
    logger: deps.logger,
    signIn: {
      async requestOptions(accountId) {
        const reply = await deps.background.handle({ type: 'getState' });
        if (!reply.ok || reply.state.activeAccountId !== accountId) return undefined;
        const flow = reply.state.flow;
        if (flow?.step.name !== 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN' || flow.sessionExpired === true) {
          return undefined;
        }
        return flow.step.credentialRequestOptions;
      },
      async answer(accountId, answer) {
        const reply = await deps.background.handle({ type: 'answer', accountId, answer });
        // The popup that asked is usually closed by now; one reopened (or the options page) follows.
        if (reply.ok) deps.broadcast(reply.state);
      },
    },
  });
  const listener = createOwnPageListener({
    runtimeId: deps.runtimeId,
    extensionOrigin: deps.extensionOrigin,
    types: TAB_CEREMONY_REQUEST_TYPES,
    schema: TabCeremonyRequestSchema,
    handle: (request) => ceremonies.handle(request),
    crashReply: (): TabCeremonyReply => ({
      ok: false,
      error: {
        code: 'Unexpected',
        message: 'Cognito Pass could not do that.',
        recovery: 'Try again.',
      },
    }),
    logger: deps.logger,
  });
  return { ceremonies, listener };
}
