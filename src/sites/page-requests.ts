/**
 * Proposed additions to the page ↔ background protocol (src/platform/protocol.ts) for the sites
 * sections of the popup and options page. Kept here until the lead merges them into
 * `PageRequestSchema`; the background answers them with `SitesService` (wire.ts).
 *
 * Flow for "Share with this site": the page calls `requestSiteAccess(browser.permissions, …)`
 * first thing in the click handler (the browser requires a user gesture), and only when that
 * resolves true sends `shareSite`. The background re-checks the grant itself.
 */
import * as v from 'valibot';
import { SITE_FORMATS, type Site } from './allow-list';

const origin = v.pipe(v.string(), v.minLength(1), v.maxLength(512));
const accountId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

const SiteSettingsEntries = {
  origin,
  accountId,
  format: v.optional(v.picklist(SITE_FORMATS)),
  apiOrigins: v.optional(v.pipe(v.array(origin), v.maxLength(10))),
  tokenForHeader: v.optional(v.picklist(['access', 'id'])),
  /** The UI must explain the trade-off before this is turned on (see `REFRESH_TOKEN_TRADE_OFF`). */
  shareRefreshToken: v.optional(v.boolean()),
};

export const SitePageRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('listSites') }),
  v.strictObject({ type: v.literal('shareSite'), ...SiteSettingsEntries }),
  v.strictObject({ type: v.literal('updateSite'), ...SiteSettingsEntries }),
  v.strictObject({ type: v.literal('removeSite'), origin }),
]);
export type SitePageRequest = v.InferOutput<typeof SitePageRequestSchema>;

/** What pages render for each site (nothing secret in it). */
export type SiteView = Omit<Site, 'ruleId'> & {
  /** The host permission is still granted (false: revoked in the browser's settings). */
  granted: boolean;
};

/** Proposed addition to PopupState: `sites: SiteView[]`. Errors use the usual `{ code, message, recovery }`. */
export interface SitesState {
  sites: SiteView[];
}

export const REFRESH_TOKEN_TRADE_OFF =
  'The site gets the refresh token and refreshes the session on its own; Cognito Pass stops ' +
  'refreshing this account while a site holds it. Why: when the app client rotates refresh ' +
  'tokens, every refresh retires the previous token, so two refreshers would sign each other ' +
  'out. Taking the token back later may need a new sign-in here.';
