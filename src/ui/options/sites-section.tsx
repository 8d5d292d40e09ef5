import { useState } from 'preact/hooks';
import type { SiteView } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import type { AccountView } from '../../platform/protocol';
import type { SiteFormat } from '../../sites/allow-list';
import { REFRESH_TOKEN_TRADE_OFF } from '../../sites/page-requests';
import { originsToRequest } from '../../sites/permissions';
import { ErrorAlert } from '../forms/error-alert';
import { RowActions } from '../forms/row-actions';
import { SelectField } from '../forms/select-field';
import { TextField } from '../forms/text-field';
import { selectSites } from '../features/popup-sites';
import {
  emptySiteForm,
  formFromSite,
  PERMISSION_REFUSED,
  SITE_FORMAT_LABELS,
  siteRequest,
  TOKEN_LABELS,
  type SiteForm,
  type SiteFormProblems,
} from '../features/site-form';
import { useFeature } from '../features/use-feature';

const FORMAT_OPTIONS = (Object.keys(SITE_FORMAT_LABELS) as SiteFormat[]).map((value) => ({
  value,
  label: SITE_FORMAT_LABELS[value],
}));
const TOKEN_OPTIONS = (['access', 'id'] as const).map((value) => ({
  value,
  label: TOKEN_LABELS[value],
}));

/** Options page: which exact sites get which account's session, and in which format. */
export function SitesSection({
  client,
  accounts,
}: {
  client: PageClient;
  accounts: AccountView[];
}) {
  const { data, error, busy, send, showError } = useFeature(client, {
    load: { type: 'listSites' },
    select: selectSites,
  });
  const [form, setForm] = useState<SiteForm | null>(null);
  const [problems, setProblems] = useState<SiteFormProblems>({});
  const [status, setStatus] = useState('');
  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.displayName ?? id;

  const submit = (current: SiteForm) => {
    const result = siteRequest(current);
    setProblems(result.ok ? {} : result.problems);
    if (!result.ok) return;
    const { request } = result;
    // Inside the submit gesture, before anything awaits: the browser only prompts then.
    const granted = client.requestSiteAccess(
      originsToRequest({
        origin: request.origin,
        format: request.format ?? 'amplify-local-storage',
        apiOrigins: request.apiOrigins ?? [],
      }),
    );
    setStatus('');
    void granted.then(async (ok) => {
      if (!ok) {
        showError(PERMISSION_REFUSED);
        return;
      }
      const response = await send(request);
      if (response.ok) {
        setForm(null);
        setStatus(`${request.type === 'shareSite' ? 'Shared with' : 'Saved'} ${request.origin}.`);
      }
    });
  };

  return (
    <section aria-labelledby="sites-title" data-section="sites">
      <h2 id="sites-title">Sites</h2>
      <p class="lead">
        A site on this list gets the signed-in session of one account, so it opens signed in. Only
        the exact origin gets it, never its subdomains.
      </p>
      {error && <ErrorAlert error={error} />}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {data !== null && data.length === 0 && <p class="lead">No site yet.</p>}
      {data !== null && data.length > 0 && (
        <ul class="account-list">
          {data.map((site) => (
            <SiteRow
              key={site.origin}
              site={site}
              accountName={nameOf(site.accountId)}
              busy={busy}
              onEdit={() => {
                setForm(formFromSite(site));
                setProblems({});
                setStatus('');
              }}
              onConfirmRemove={() =>
                send({ type: 'removeSite', origin: site.origin }).then((response) => {
                  if (response.ok) setStatus(`Stopped sharing with ${site.origin}.`);
                })
              }
            />
          ))}
        </ul>
      )}
      {form === null && (
        <button
          type="button"
          class="primary"
          style={{ width: 'auto' }}
          disabled={accounts.length === 0}
          onClick={() => {
            setForm(emptySiteForm(accounts[0]?.id ?? ''));
            setProblems({});
            setStatus('');
          }}
        >
          Add a site
        </button>
      )}
      {accounts.length === 0 && form === null && (
        <p class="hint">Add an account first: a site gets the session of one of your accounts.</p>
      )}
      {form !== null && (
        <div class="card">
          <h2>{form.editing ? `Edit ${form.origin}` : 'New site'}</h2>
          <SiteEditor
            form={form}
            onForm={setForm}
            problems={problems}
            accounts={accounts}
            busy={busy}
            onSubmit={submit}
            onCancel={() => {
              setForm(null);
            }}
          />
        </div>
      )}
    </section>
  );
}

interface SiteEditorProps {
  form: SiteForm;
  onForm: (form: SiteForm) => void;
  problems: SiteFormProblems;
  accounts: AccountView[];
  busy: boolean;
  onSubmit: (form: SiteForm) => void;
  onCancel: () => void;
}

function SiteEditor({
  form,
  onForm,
  problems,
  accounts,
  busy,
  onSubmit,
  onCancel,
}: SiteEditorProps) {
  const set = (change: Partial<SiteForm>) => {
    onForm({ ...form, ...change });
  };
  return (
    <form
      aria-label={form.editing ? 'Edit site' : 'New site'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(form);
      }}
    >
      <TextField
        label="Site origin"
        type="url"
        value={form.origin}
        onValue={(origin) => {
          set({ origin });
        }}
        readOnly={form.editing}
        hint="Exactly scheme://host[:port], like https://app.example.com or http://127.0.0.1:5173."
        problem={problems.origin}
      />
      <div class="form-grid">
        <SelectField
          label="Account"
          value={form.accountId}
          options={accounts.map((account) => ({ value: account.id, label: account.displayName }))}
          onValue={(accountId) => {
            set({ accountId });
          }}
        />
        <SelectField
          label="Format"
          value={form.format}
          options={FORMAT_OPTIONS}
          onValue={(format) => {
            set({ format });
          }}
        />
      </div>
      {problems.accountId && <p class="problem">{problems.accountId}</p>}
      {form.format === 'authorization-header' && (
        <>
          <div class="field">
            <label for="site-api-origins">API origins (one per line)</label>
            <textarea
              id="site-api-origins"
              rows={3}
              value={form.apiOrigins}
              aria-invalid={problems.apiOrigins ? 'true' : undefined}
              aria-describedby={problems.apiOrigins ? 'site-api-origins-problem' : undefined}
              onInput={(event) => {
                set({ apiOrigins: event.currentTarget.value });
              }}
            />
            {problems.apiOrigins && (
              <p id="site-api-origins-problem" class="problem">
                {problems.apiOrigins}
              </p>
            )}
          </div>
          <SelectField
            label="Token in the header"
            value={form.tokenForHeader}
            options={TOKEN_OPTIONS}
            onValue={(tokenForHeader) => {
              set({ tokenForHeader });
            }}
          />
        </>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={form.shareRefreshToken}
          aria-describedby="site-refresh-trade-off"
          onChange={(event) => {
            set({ shareRefreshToken: event.currentTarget.checked });
          }}
        />
        Share the refresh token too
      </label>
      <p id="site-refresh-trade-off" class="warning">
        {REFRESH_TOKEN_TRADE_OFF}
      </p>
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={busy}>
          {form.editing ? 'Save site' : 'Share with this site'}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface SiteRowProps {
  site: SiteView;
  accountName: string;
  busy: boolean;
  onEdit: () => void;
  onConfirmRemove: () => Promise<unknown>;
}

function SiteRow(props: SiteRowProps) {
  const { site } = props;
  return (
    <li class="card account-row" data-origin={site.origin}>
      <div>
        <strong>{site.origin}</strong>
        <div class="account-meta">
          {props.accountName} · {SITE_FORMAT_LABELS[site.format]}
          {site.format === 'authorization-header'
            ? ` (${TOKEN_LABELS[site.tokenForHeader]} to ${site.apiOrigins.join(', ')})`
            : ''}
          {site.shareRefreshToken ? ' · with refresh token' : ''} ·{' '}
          <span class={site.granted ? 'state-ok' : 'state-off'}>
            {site.granted ? 'access granted' : 'access revoked in the browser'}
          </span>
        </div>
      </div>
      <RowActions
        name={site.origin}
        confirmLabel={`Stop sharing with ${site.origin}`}
        busy={props.busy}
        onEdit={props.onEdit}
        onConfirmRemove={props.onConfirmRemove}
      />
    </li>
  );
}
