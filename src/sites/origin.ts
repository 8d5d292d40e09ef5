/**
 * Site origins as the allow-list keeps them: exactly `scheme://host[:port]`, the form
 * `URL.origin` produces (lower-case host, default port dropped), so one site has one spelling and
 * a comparison with `new URL(sender.url).origin` is a plain string equality.
 */
import { SiteError } from './errors';

const ORIGIN_RECOVERY =
  'Enter just the address of the site, like https://app.example.com or http://127.0.0.1:5173.';

function invalid(code: string, message: string): SiteError {
  return new SiteError({ code, message, recovery: ORIGIN_RECOVERY });
}

/** Parses what a person typed (or a tab URL's origin) into the canonical origin; throws SiteError. */
export function normalizeOrigin(input: string): string {
  const text = input.trim();
  if (text === '') throw invalid('OriginEmpty', 'The site address is empty.');
  // Checked before parsing: URL would percent-encode or reject `*` in confusing ways.
  if (text.includes('*')) {
    throw invalid(
      'OriginWildcard',
      'Wildcards are not allowed: a session is shared with one exact site only.',
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('OriginInvalid', `"${text}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      'OriginScheme',
      `Only http and https sites can get a session (this one is ${url.protocol.replace(/:$/, '')}).`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('OriginCredentials', 'The address must not contain a user name or password.');
  }
  // The host permission and the content-script match cover the whole origin; a path would
  // suggest a narrower grant than the one the browser actually gives.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
    throw invalid(
      'OriginPath',
      'Enter the site without a path, query or fragment: the session is shared with the whole origin.',
    );
  }
  if (url.hostname === '') throw invalid('OriginInvalid', `"${text}" has no host.`);
  return url.origin;
}

/** The origin of a URL a browser reported (tab or sender URL), or undefined for anything else. */
export function originOfUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}

/** The match pattern that covers exactly this origin (permissions and content-script matches). */
export function originMatchPattern(origin: string): string {
  return `${origin}/*`;
}

/** A registered script's id for an origin: stable, unique and safe (the origin's UTF-8 in hex). */
export function originScriptId(prefix: string, origin: string): string {
  const hex = [...new TextEncoder().encode(origin)]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return `${prefix}${hex}`;
}

/** The origin an `originScriptId(prefix, …)` id was made from; undefined for any other id. */
export function originOfScriptId(prefix: string, id: string): string | undefined {
  if (!id.startsWith(prefix)) return undefined;
  const hex = id.slice(prefix.length);
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
  return new TextDecoder().decode(bytes);
}
