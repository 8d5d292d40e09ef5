/**
 * The changes the bridge applies to a page, as plain data. The background computes them (per
 * format), the bridge validates and applies them. Removals name a key prefix and suffixes instead
 * of exact keys so a sign-out clears a session whose username the background no longer knows.
 */
export interface LocalStorageWrite {
  area: 'localStorage';
  key: string;
  value: string;
}

export interface CookieWrite {
  area: 'cookie';
  /** Already encoded (js-cookie convention): the bridge writes it as is. */
  name: string;
  value: string;
  /** `Secure` attribute; path `/` and `SameSite=Lax` are fixed. */
  secure: boolean;
}

export type PageWrite = LocalStorageWrite | CookieWrite;

/**
 * Remove every entry of `area` whose key (cookie: encoded name) starts with `prefix` and ends with
 * one of `suffixes`, except the keys written by the same change set.
 */
export interface PageRemoval {
  area: 'localStorage' | 'cookie';
  prefix: string;
  suffixes: string[];
  /** Cookies only: must match how they were written for the browser to delete them. */
  secure: boolean;
}

export interface PageChanges {
  writes: PageWrite[];
  removals: PageRemoval[];
}
