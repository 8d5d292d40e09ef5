/**
 * The allow-list: which exact origins get which account's session, in which format. Kept in one
 * versioned `storage.local` item (no tokens in it, only the person's choices). The storage is
 * passed in so tests use fakeBrowser's and the background uses the real one.
 */
import type { WxtStorage } from 'wxt/utils/storage';
import { SiteError } from './errors';
import { normalizeOrigin } from './origin';

export const SITE_FORMATS = [
  'amplify-local-storage',
  'amplify-cookies',
  'authorization-header',
] as const;
export type SiteFormat = (typeof SITE_FORMATS)[number];

export interface Site {
  /** Exactly `scheme://host[:port]` (see origin.ts). */
  origin: string;
  accountId: string;
  format: SiteFormat;
  /** Header format only: the API origins that get `Authorization: Bearer …`. */
  apiOrigins: string[];
  tokenForHeader: 'access' | 'id';
  /** Off by default: with refresh-token rotation two refreshers sign each other out. */
  shareRefreshToken: boolean;
  /** Stable small integer per site: its declarativeNetRequest rule id. Assigned on add. */
  ruleId: number;
}

/** What a person chooses; the allow-list fills in defaults and the rule id. */
export interface SiteInput {
  origin: string;
  accountId: string;
  // `| undefined`: valibot's optional output (SitePageRequestSchema) passes straight in.
  format?: SiteFormat | undefined;
  apiOrigins?: string[] | undefined;
  tokenForHeader?: 'access' | 'id' | undefined;
  shareRefreshToken?: boolean | undefined;
}

/** The two calls the allow-list needs from its storage item. */
export interface SitesItem {
  getValue(): Promise<Site[]>;
  setValue(sites: Site[]): Promise<void>;
}

export const MAX_API_ORIGINS = 10;

export function defineSitesItem(storage: WxtStorage): SitesItem {
  return storage.defineItem<Site[]>('local:sites', { fallback: [], version: 1 });
}

/** Validates and normalises a person's choice; throws SiteError with a clear message. */
export function toSite(input: SiteInput, ruleId: number): Site {
  const origin = normalizeOrigin(input.origin);
  if (input.accountId.trim() === '') {
    throw new SiteError({
      code: 'SiteAccountMissing',
      message: 'Choose the account whose session this site gets.',
      recovery: 'Pick an account, then share the site again.',
    });
  }
  const format = input.format ?? 'amplify-local-storage';
  const apiOrigins = [...new Set((input.apiOrigins ?? []).map(normalizeOrigin))];
  if (format === 'authorization-header' && apiOrigins.length === 0) {
    throw new SiteError({
      code: 'SiteApiOriginsMissing',
      message: 'The Authorization header format needs the API addresses that should receive it.',
      recovery: 'Add at least one API origin, like https://api.example.com.',
    });
  }
  if (apiOrigins.length > MAX_API_ORIGINS) {
    throw new SiteError({
      code: 'SiteTooManyApiOrigins',
      message: `At most ${String(MAX_API_ORIGINS)} API origins per site.`,
      recovery: 'Remove some API origins.',
    });
  }
  return {
    origin,
    accountId: input.accountId,
    format,
    apiOrigins: format === 'authorization-header' ? apiOrigins : [],
    tokenForHeader: input.tokenForHeader ?? 'access',
    shareRefreshToken: input.shareRefreshToken ?? false,
    ruleId,
  };
}

function smallestFreeRuleId(sites: readonly Site[]): number {
  const used = new Set(sites.map((site) => site.ruleId));
  let id = 1;
  while (used.has(id)) id += 1;
  return id;
}

export interface AllowList {
  list(): Promise<Site[]>;
  /** The site for an exact origin (already normalised, e.g. from `URL.origin`). */
  get(origin: string): Promise<Site | undefined>;
  /** Adds or replaces the site for `input.origin`; keeps its rule id when replacing. */
  put(input: SiteInput): Promise<Site>;
  remove(origin: string): Promise<Site | undefined>;
  /** Sites bound to an account (for pushes and sign-out). */
  forAccount(accountId: string): Promise<Site[]>;
}

export function createAllowList(item: SitesItem): AllowList {
  return {
    list: () => item.getValue(),
    async get(origin) {
      return (await item.getValue()).find((site) => site.origin === origin);
    },
    async put(input) {
      const sites = await item.getValue();
      const origin = normalizeOrigin(input.origin);
      const existing = sites.find((site) => site.origin === origin);
      const site = toSite(input, existing?.ruleId ?? smallestFreeRuleId(sites));
      await item.setValue([...sites.filter((other) => other.origin !== origin), site]);
      return site;
    },
    async remove(origin) {
      const sites = await item.getValue();
      const removed = sites.find((site) => site.origin === origin);
      if (removed) await item.setValue(sites.filter((site) => site.origin !== origin));
      return removed;
    },
    async forAccount(accountId) {
      return (await item.getValue()).filter((site) => site.accountId === accountId);
    },
  };
}
