/**
 * Amplify cookies format (for SSR apps using Amplify's CookieStorage / `ssr: true`): the same
 * entries as the localStorage format, as cookies named and valued the js-cookie way, path `/`,
 * `SameSite=Lax`, host-only (no Domain attribute: exactly the site's host, not its subdomains).
 * `Secure` on https only: a page served over plain http cannot set a Secure cookie (Chromium
 * makes an exception for localhost, 127.0.0.1 is not covered everywhere), so on http loopback
 * development origins the cookies go without it — the only place http sites make sense.
 */
import type { PageChanges } from '../page-changes';
import type { AccountSession } from '../session-source';
import { amplifySessionEntries, clientPrefix, SESSION_KEY_SUFFIXES } from './amplify-keys';
import { encodeCookieName, encodeCookieValue } from './js-cookie-encoding';

export function cookiesAreSecure(origin: string): boolean {
  return origin.startsWith('https:');
}

export function amplifyCookieChanges(
  session: AccountSession,
  options: { origin: string; shareRefreshToken: boolean },
): PageChanges {
  const secure = cookiesAreSecure(options.origin);
  const writes =
    session.tokens === undefined
      ? []
      : amplifySessionEntries(session.clientId, session.tokens, options.shareRefreshToken).map(
          ([key, value]) => ({
            area: 'cookie' as const,
            name: encodeCookieName(key),
            value: encodeCookieValue(value),
            secure,
          }),
        );
  return {
    writes,
    removals: [
      {
        area: 'cookie',
        // Client ids and the suffixes are alphanumeric: encoding leaves them as they are.
        prefix: encodeCookieName(clientPrefix(session.clientId)),
        suffixes: SESSION_KEY_SUFFIXES,
        secure,
      },
    ],
  };
}
