import { useEffect, useState } from 'preact/hooks';
import type { SiteView } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import { SiteError } from '../../sites/errors';
import { normalizeOrigin } from '../../sites/origin';
import { originsToRequest } from '../../sites/permissions';
import { ErrorAlert } from '../forms/error-alert';
import { PERMISSION_REFUSED, SITE_FORMAT_LABELS } from './site-form';
import { useFeature, type FeatureSuccess } from './use-feature';

export const selectSites = (response: FeatureSuccess): SiteView[] | undefined =>
  'sites' in response ? response.sites : undefined;

/**
 * Under "Signed in": the sites this account's session is shared with, and a one-click share
 * for the site in the active tab (Amplify localStorage format; the options page has the rest).
 */
export function PopupSites({ client, accountId }: { client: PageClient; accountId: string }) {
  const { data, error, busy, send, showError } = useFeature(client, {
    load: { type: 'listSites' },
    select: selectSites,
  });
  const [activeOrigin, setActiveOrigin] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    void client.activeTabOrigin().then(setActiveOrigin);
  }, [client]);

  const mine = (data ?? []).filter((site) => site.accountId === accountId);
  const alreadyShared = data?.some((site) => site.origin === activeOrigin) === true;
  const canShare = data !== null && activeOrigin !== undefined && !alreadyShared;

  const share = () => {
    if (activeOrigin === undefined) return;
    setStatus('');
    let origin: string;
    try {
      origin = normalizeOrigin(activeOrigin);
    } catch (problem) {
      if (problem instanceof SiteError) showError(problem.toInfo());
      return;
    }
    // First thing in the click: the browser grants host access only during a user gesture.
    const granted = client.requestSiteAccess(
      originsToRequest({ origin, format: 'amplify-local-storage' }),
    );
    // In the same click, before the prompt can close this popup: the background records the
    // share and completes it itself when the browser reports the grant (a held grant shares now).
    const recorded = client.sendFeature({ type: 'shareSite', origin, accountId });
    void Promise.all([granted, recorded]).then(async ([ok]) => {
      if (!ok) {
        showError(PERMISSION_REFUSED);
        return;
      }
      // Still open: share (again; it is idempotent) to show the result here.
      const response = await send({ type: 'shareSite', origin, accountId });
      if (response.ok) setStatus(`Shared with ${origin}.`);
    });
  };

  return (
    <section class="popup-sites" aria-labelledby="popup-sites-title">
      <h2 id="popup-sites-title">Shared with sites</h2>
      {error && <ErrorAlert error={error} />}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {data !== null && mine.length === 0 && (
        <p class="lead">This session is not shared with any site.</p>
      )}
      {mine.length > 0 && (
        <ul class="site-list">
          {mine.map((site) => (
            <li key={site.origin} class="site-row" data-origin={site.origin}>
              <span class="site-origin">{site.origin}</span>
              <span class="site-meta">
                {SITE_FORMAT_LABELS[site.format]}
                {site.shareRefreshToken ? ' · refreshes on its own' : ''} ·{' '}
                <span class={site.granted ? 'state-ok' : 'state-off'}>
                  {site.granted ? 'access granted' : 'access revoked'}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {canShare && (
        <button type="button" class="secondary" disabled={busy} onClick={share}>
          Share with this site ({activeOrigin})
        </button>
      )}
    </section>
  );
}
