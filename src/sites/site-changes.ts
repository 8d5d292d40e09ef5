/** The page changes a site gets for an account's session, by the site's format. */
import type { Site } from './allow-list';
import { amplifyCookieChanges } from './formats/amplify-cookies';
import { amplifyLocalStorageChanges } from './formats/amplify-local-storage';
import type { PageChanges } from './page-changes';
import type { AccountSession } from './session-source';

export function pageChangesFor(site: Site, session: AccountSession): PageChanges {
  switch (site.format) {
    case 'amplify-local-storage':
      return amplifyLocalStorageChanges(session, { shareRefreshToken: site.shareRefreshToken });
    case 'amplify-cookies':
      return amplifyCookieChanges(session, {
        origin: site.origin,
        shareRefreshToken: site.shareRefreshToken,
      });
    case 'authorization-header':
      // Nothing in the page: the header is added by the browser (see authorization-header.ts).
      return { writes: [], removals: [] };
  }
}

/** Sign-out in every format: removals only (used when a site is removed or revoked). */
export function clearingChangesFor(site: Site, clientId: string): PageChanges {
  return pageChangesFor(site, { clientId, tokens: undefined });
}
