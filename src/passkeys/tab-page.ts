/**
 * The part of a tab ceremony that runs inside the site's tab (injected on demand by the
 * background into the isolated world of the top frame, entrypoints/passkey-tab.ts). It checks
 * again, from inside, that it is where the background meant it to be (top frame, the expected
 * origin, a host the RP ID covers) before handing the public-key options to the browser, and
 * gives back only the credential JSON. Nothing here sees a token or a Cognito Session.
 */
import {
  createPasskey,
  getPasskeyAssertion,
  type CeremonyResult,
  type CredentialsApi,
} from './ceremony';
import { hostServesRelyingParty } from './rp-tab';
import type { Json } from './webauthn-json';

export interface TabCeremonyRequest {
  kind: 'create' | 'get';
  options: Json;
  /** The origin the background chose; anything else means the tab navigated meanwhile. */
  origin: string;
  rpId: string;
}

/** What the injected code reads from its window. */
export interface TabWindow {
  location: { origin: string; hostname: string };
  isTopFrame: boolean;
  credentials: CredentialsApi | undefined;
}

export interface TabCeremonyRunner {
  run(request: TabCeremonyRequest): Promise<CeremonyResult>;
  /** Cancels the ceremony in progress ("Use another way" in the popup). */
  abort(): void;
}

/** The global the injected script leaves in the isolated world for the `func` call to use. */
export const TAB_CEREMONY_GLOBAL = '__cognitoPassTabCeremony';

const wrongDocument: CeremonyResult = {
  ok: false,
  error: {
    code: 'PasskeyWrongPlace',
    message: 'The tab changed to another page before the passkey could be used.',
    recovery: 'Open the site again in that tab, then try again.',
  },
};

export function createTabCeremonyRunner(window: TabWindow): TabCeremonyRunner {
  let current: AbortController | undefined;
  return {
    async run(request) {
      if (
        !window.isTopFrame ||
        window.location.origin !== request.origin ||
        !hostServesRelyingParty(window.location.hostname, request.rpId)
      ) {
        return wrongDocument;
      }
      // One ceremony per tab: a new request replaces one left behind (e.g. a restarted worker).
      current?.abort();
      const controller = new AbortController();
      current = controller;
      // Checked above that this page's host is under the RP ID, so it serves that RP ID.
      const place = { credentials: window.credentials, here: request.rpId };
      try {
        return request.kind === 'create'
          ? await createPasskey(place, request.options, controller.signal)
          : await getPasskeyAssertion(place, request.options, controller.signal);
      } finally {
        if (current === controller) current = undefined;
      }
    },
    abort() {
      current?.abort();
    },
  };
}
