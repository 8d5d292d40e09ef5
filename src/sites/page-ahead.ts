/**
 * Whether the page already holds a newer session of the same user than the one the background
 * sends. A site given the refresh token refreshes by itself (the extension stops refreshing for
 * it), so on its next load the extension's copy is the older one: writing it back would hand the
 * page an access token that may have expired and, with refresh-token rotation, a refresh token
 * Cognito already replaced, which signs the person out of the site. Runs in the bridge content
 * script: no dependencies, and nothing here is trusted beyond this one decision (a page that
 * forges a "newer" token only keeps the extension from writing into that same page).
 */
import type { PageChanges, PageWrite } from './page-changes';

interface Claims {
  sub: string;
  issuedAt: number;
}

/** `sub` and `iat` of a JWT-shaped value (not verified), or undefined. */
function claimsOf(value: string | null): Claims | undefined {
  const payload = value?.split('.')[1];
  if (payload === undefined || value?.split('.').length !== 3) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: unknown; iat?: unknown };
    return typeof claims.sub === 'string' && typeof claims.iat === 'number'
      ? { sub: claims.sub, issuedAt: claims.iat }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A cookie's current value in a `document.cookie` string (null when absent). */
function cookieValue(cookieString: string, name: string): string | null {
  for (const pair of cookieString.split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1);
  }
  return null;
}

/**
 * True when some written token is older than the page's token at the same key or cookie, for
 * the same user. A different user, a newer token, or a sign-out (no writes) is never "ahead".
 */
export function pageIsAhead(
  page: { localStorage: Pick<Storage, 'getItem'>; cookies: { cookie: string } },
  changes: PageChanges,
): boolean {
  const current = (write: PageWrite) =>
    write.area === 'localStorage'
      ? page.localStorage.getItem(write.key)
      : cookieValue(page.cookies.cookie, write.name);
  return changes.writes.some((write) => {
    const sent = claimsOf(write.value);
    const held = sent && claimsOf(current(write));
    return (
      held !== undefined &&
      sent !== undefined &&
      held.sub === sent.sub &&
      held.issuedAt > sent.issuedAt
    );
  });
}
