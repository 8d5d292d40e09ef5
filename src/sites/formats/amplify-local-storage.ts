/**
 * Amplify localStorage format: the session as aws-amplify v6 (and amazon-cognito-identity-js)
 * keep it in `window.localStorage`. Without tokens the change set only removes: that is sign-out.
 */
import type { PageChanges } from '../page-changes';
import type { AccountSession } from '../session-source';
import { amplifySessionEntries, clientPrefix, SESSION_KEY_SUFFIXES } from './amplify-keys';

export function amplifyLocalStorageChanges(
  session: AccountSession,
  options: { shareRefreshToken: boolean },
): PageChanges {
  const writes =
    session.tokens === undefined
      ? []
      : amplifySessionEntries(session.clientId, session.tokens, options.shareRefreshToken).map(
          ([key, value]) => ({ area: 'localStorage' as const, key, value }),
        );
  return {
    writes,
    // Clears another user's leftovers, a refresh token no longer shared, and everything on sign-out.
    removals: [
      {
        area: 'localStorage',
        prefix: clientPrefix(session.clientId),
        suffixes: SESSION_KEY_SUFFIXES,
        secure: false,
      },
    ],
  };
}
