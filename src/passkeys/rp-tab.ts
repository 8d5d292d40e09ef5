/**
 * Which open tab may run a passkey ceremony for a web-domain relying-party ID (docs/passkeys.md,
 * "Which setups work"). WebAuthn lets a page use an RP ID equal to its host or a registrable
 * parent of it, only in a secure context (https, or http on localhost), and never for an IP
 * address. On top of the browser's rule, Cognito Pass only uses a tab whose top-frame origin is a
 * site the person shares this account's session with and whose host access is granted: the
 * options never go to any other page.
 */
import type { CeremonyError } from './ceremony';
import { originOfUrl } from '../sites/origin';

/** A tab as `tabs.query` reports it (url and title only where host access is granted). */
export interface TabInfo {
  id?: number | undefined;
  windowId?: number | undefined;
  url?: string | undefined;
  title?: string | undefined;
  active?: boolean | undefined;
  lastAccessed?: number | undefined;
}

export interface CeremonyTab {
  tabId: number;
  windowId: number | undefined;
  origin: string;
  title: string | undefined;
}

export type TabChoice =
  | { kind: 'found'; tab: CeremonyTab }
  /** A site of the account matches the RP ID but its host access was withdrawn. */
  | { kind: 'notGranted'; origin: string }
  | { kind: 'none' };

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An IP address (v4, or v6 as URL hosts spell it, in brackets) is never an RP ID. */
export function isIpAddress(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[') || host.includes(':');
}

/** WebAuthn's rule: the RP ID is the page's host or a parent domain of it. */
export function hostServesRelyingParty(host: string, rpId: string): boolean {
  const h = host.toLowerCase();
  const rp = rpId.toLowerCase();
  if (rp === '' || isIpAddress(rp) || isIpAddress(h)) return false;
  return h === rp || h.endsWith(`.${rp}`);
}

/** WebAuthn needs a secure context: https, or http on localhost (and its subdomains). */
export function isSecureWebAuthnOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname.endsWith('.localhost'))
  );
}

/** Whether a shared site's origin could ever run a ceremony for this RP ID. */
export function originServesRelyingParty(origin: string, rpId: string): boolean {
  if (!isSecureWebAuthnOrigin(origin)) return false;
  return hostServesRelyingParty(new URL(origin).hostname, rpId);
}

/**
 * Picks the tab: its origin is one of the account's shared origins, granted, and serves the RP
 * ID. The active tab of a window wins, then the most recently used one.
 */
export function chooseCeremonyTab(input: {
  rpId: string;
  tabs: readonly TabInfo[];
  /** Origins the account's session is shared with, each with whether host access is granted. */
  sites: ReadonlyArray<{ origin: string; granted: boolean }>;
}): TabChoice {
  const matching = input.sites.filter((site) => originServesRelyingParty(site.origin, input.rpId));
  const granted = new Set(matching.filter((site) => site.granted).map((site) => site.origin));
  const candidates = input.tabs
    .filter((tab) => typeof tab.id === 'number' && tab.id >= 0)
    .filter((tab) => {
      const origin = originOfUrl(tab.url);
      return origin !== undefined && granted.has(origin);
    })
    .sort(
      (a, b) =>
        Number(b.active === true) - Number(a.active === true) ||
        (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
    );
  const [best] = candidates;
  if (best !== undefined) {
    return {
      kind: 'found',
      tab: {
        tabId: best.id as number,
        windowId: best.windowId,
        origin: originOfUrl(best.url) as string,
        title: best.title,
      },
    };
  }
  const withdrawn = matching.find((site) => !site.granted);
  return withdrawn ? { kind: 'notGranted', origin: withdrawn.origin } : { kind: 'none' };
}

/** No tab to run it in: the person opens the site, and meanwhile signs in another way. */
export function noTabError(rpId: string): CeremonyError {
  return {
    code: 'PasskeyWrongPlace',
    message: `This pool's passkeys belong to ${rpId}, and no tab of it where Cognito Pass shares the session is open.`,
    recovery: `Open ${rpId} in a tab where Cognito Pass shares the session, then try again. Or choose another way to sign in.`,
  };
}

export function notGrantedError(origin: string): CeremonyError {
  return {
    code: 'PasskeyWrongPlace',
    message: `Cognito Pass shares the session with ${origin}, but its access to that site was withdrawn, so the passkey cannot be used there.`,
    recovery: `Share the session with ${origin} again from the popup, then try again. Or choose another way to sign in.`,
  };
}

export function tabChoiceError(choice: Exclude<TabChoice, { kind: 'found' }>, rpId: string) {
  return choice.kind === 'notGranted' ? notGrantedError(choice.origin) : noTabError(rpId);
}
