/**
 * Cookie name and value encoding as js-cookie (used by Amplify's CookieStorage and its SSR
 * adapters) writes and reads them: percent-encoding, except for the characters js-cookie leaves
 * readable. Writing names any other way would create cookies Amplify looks up under another name.
 */

// js-cookie keeps # $ & + ^ ` | readable in names and escapes ( ) the legacy `escape` way.
const NAME_KEPT = /%(2[346B]|5E|60|7C)/g;
// …and in values additionally / : < = > ? @ [ ] { } (still never ; , or space).
const VALUE_KEPT = /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g;

export function encodeCookieName(name: string): string {
  return encodeURIComponent(name)
    .replace(NAME_KEPT, (escaped) => decodeURIComponent(escaped))
    .replace(/[()]/g, (paren) => (paren === '(' ? '%28' : '%29'));
}

export function encodeCookieValue(value: string): string {
  return encodeURIComponent(value).replace(VALUE_KEPT, (escaped) => decodeURIComponent(escaped));
}
