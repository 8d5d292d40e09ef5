/**
 * The first-load handshake. A page's scripts may read storage before the bridge's request to the
 * background is answered (measured: an inline <head> script saw the session 1 time in 12), and
 * content scripts have no synchronous way to ask. So the background leaves one synchronous fact
 * where the bridge can read it at document_start: a cookie holding the *version* of the session
 * the site should have (a hash, never a token). The bridge keeps the version it last applied in
 * the page's localStorage. Equal: the stored session is current and the page may run. Different
 * (tokens changed while no tab was open, first visit, sign-out): the bridge stops the load before
 * any page script runs, applies the fresh session and reloads once.
 *
 * The cookie carries no secret on purpose: cookies are not bound to a port (nor, without Secure,
 * to a scheme), so other origins on the same host would see it; a version tells them nothing.
 */
import type { PageChanges } from './page-changes';

export const VERSION_COOKIE = 'cognito-pass-session';
/** In the page's localStorage: the version of the session the bridge last applied. */
export const APPLIED_VERSION_KEY = 'cognito-pass.session-version';
/** In the tab's sessionStorage: the version a reload was already made for (no reload loops). */
export const RELOADED_FOR_KEY = 'cognito-pass.reloaded-for';

export const VERSION_PATTERN = /^[0-9a-f]{16}$/;

/** 64 bits of SHA-256 over exactly what the page gets: equal changes, equal version. */
export async function sessionVersion(
  changes: PageChanges,
  digest: Pick<SubtleCrypto, 'digest'> = crypto.subtle,
): Promise<string> {
  const bytes = new TextEncoder().encode(
    JSON.stringify({ writes: changes.writes, removals: changes.removals }),
  );
  const hash = new Uint8Array(await digest.digest('SHA-256', bytes));
  return [...hash.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The version cookie's value in a `document.cookie` string, if well-formed. */
export function versionFromCookies(cookieString: string): string | undefined {
  for (const pair of cookieString.split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === VERSION_COOKIE && value !== undefined && VERSION_PATTERN.test(value)) return value;
  }
  return undefined;
}

/** The part of `browser.cookies` the background needs (and the `cookies` permission). */
export interface VersionCookiesPort {
  set(details: {
    url: string;
    name: string;
    value: string;
    path: string;
    sameSite: 'lax';
    secure: boolean;
    expirationDate: number;
  }): Promise<unknown>;
  remove(details: { url: string; name: string }): Promise<unknown>;
}

/** Kept a year: it must survive a browser restart to protect the first load after it. */
const VERSION_COOKIE_LIFETIME_S = 365 * 24 * 3600;

export async function markSessionVersion(
  cookies: VersionCookiesPort | undefined,
  origin: string,
  version: string,
  now: number,
): Promise<void> {
  if (!cookies) return;
  await cookies
    .set({
      url: `${origin}/`,
      name: VERSION_COOKIE,
      value: version,
      path: '/',
      sameSite: 'lax',
      secure: origin.startsWith('https:'),
      expirationDate: Math.floor(now / 1000) + VERSION_COOKIE_LIFETIME_S,
    })
    // Without it the page still gets the session, only not before its first script.
    .catch(() => undefined);
}

export async function forgetSessionVersion(
  cookies: VersionCookiesPort | undefined,
  origin: string,
): Promise<void> {
  if (!cookies) return;
  await cookies.remove({ url: `${origin}/`, name: VERSION_COOKIE }).catch(() => undefined);
}
