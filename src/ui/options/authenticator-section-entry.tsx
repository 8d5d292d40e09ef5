import { useState } from 'preact/hooks';
import type {
  AutofillSiteView,
  FeatureRequest,
  FeatureResponse,
  OtpEntryView,
} from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import type { AccountView } from '../../platform/protocol';
import type { AuthErrorView } from '../../signin/steps';
import { SiteError } from '../../sites/errors';
import { normalizeOrigin } from '../../sites/origin';
import { originsToRequest } from '../../sites/permissions';
import {
  bindingFields,
  bindingProblems,
  EntryBindingFields,
  type EntryBinding,
  type EntryBindingProblems,
} from '../features/authenticator-panel-binding';
import { ErrorAlert } from '../forms/error-alert';
import { TextField } from '../forms/text-field';

const bindingOf = (entry: OtpEntryView): EntryBinding => ({
  issuer: entry.issuer,
  account: entry.account,
  accountId: entry.accountId ?? '',
  username: entry.username ?? '',
});

/**
 * One entry's settings on the options page: its names and the Cognito user it answers for, and
 * the exact sites whose one-time-code fields it fills (host access asked in the click, the same
 * way as sharing a session).
 */
export function EntrySettings(props: {
  entry: OtpEntryView;
  sites: readonly AutofillSiteView[];
  accounts: readonly AccountView[];
  client: PageClient;
  send: (request: FeatureRequest) => Promise<FeatureResponse>;
  busy: boolean;
}) {
  const { entry, sites, accounts, client, send, busy } = props;
  const [editing, setEditing] = useState<EntryBinding | null>(null);
  const [problems, setProblems] = useState<EntryBindingProblems>({});
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<AuthErrorView | null>(null);
  const [note, setNote] = useState('');
  const name = entry.issuer ? `${entry.issuer} (${entry.account})` : entry.account;
  const bound = accounts.find((account) => account.id === entry.accountId);

  const run = async (request: FeatureRequest) => {
    setError(null);
    const response = await send(request);
    if (!response.ok) setError(response.error);
    return response.ok;
  };

  const allow = () => {
    setNote('');
    let exact: string;
    try {
      exact = normalizeOrigin(origin);
    } catch (problem) {
      if (problem instanceof SiteError) setError(problem.toInfo());
      return;
    }
    // First thing in the click: browsers grant host access only during a user gesture.
    const granted = client.requestSiteAccess(
      originsToRequest({ origin: exact, format: 'amplify-local-storage' }),
    );
    void granted.then(async (ok) => {
      if (!(await run({ type: 'otp:bindOrigin', id: entry.id, origin: exact }))) return;
      setOrigin('');
      if (!ok)
        setNote(
          `Saved, but the browser has not given access to ${exact} yet: allow it under the extension's site access in the browser's extension settings.`,
        );
    });
  };

  return (
    <div class="entry-settings" data-entry-settings={entry.id}>
      {error && <ErrorAlert error={error} />}
      <p class="account-meta">
        {bound
          ? `Answers sign-in for ${entry.username ?? ''} on ${bound.displayName}.`
          : 'Not linked to a sign-in.'}
      </p>
      {editing === null ? (
        <button
          type="button"
          class="secondary"
          style={{ width: 'auto' }}
          aria-label={`Edit ${name}`}
          onClick={() => {
            setEditing(bindingOf(entry));
            setProblems({});
          }}
        >
          Edit
        </button>
      ) : (
        <form
          aria-label={`Edit ${name}`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const next = bindingProblems(editing);
            setProblems(next);
            if (Object.keys(next).length > 0) return;
            const { issuer, account, user } = bindingFields(editing);
            void run({
              type: 'otp:updateEntry',
              id: entry.id,
              issuer,
              account,
              binding: user,
            }).then((ok) => {
              if (ok) setEditing(null);
            });
          }}
        >
          <EntryBindingFields
            value={editing}
            onValue={setEditing}
            accounts={accounts}
            problems={problems}
          />
          <div class="form-buttons">
            <button type="submit" class="primary" disabled={busy}>
              Save
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setEditing(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      <h4>Fill codes on sites</h4>
      {sites.length === 0 && <p class="hint">No site yet: codes are filled nowhere.</p>}
      <ul class="autofill-sites">
        {sites.map((site) => (
          <li key={site.origin} data-autofill-origin={site.origin}>
            <code>{site.origin}</code>{' '}
            <span class="account-meta">
              {site.granted ? 'Allowed' : 'Waiting for site access in the browser settings'}
            </span>
            <label class="check">
              <input
                type="checkbox"
                role="switch"
                checked={site.autoFill}
                disabled={busy}
                onChange={(event) => {
                  void run({
                    type: 'otp:setAutoFill',
                    origin: site.origin,
                    enabled: event.currentTarget.checked,
                  });
                }}
              />
              Fill on {site.origin} without a click
            </label>
            <button
              type="button"
              class="danger-button"
              disabled={busy}
              aria-label={`Stop filling on ${site.origin}`}
              onClick={() => void run({ type: 'otp:unbindOrigin', origin: site.origin })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        aria-label={`Add a site for ${name}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          allow();
        }}
      >
        <TextField
          label="Site"
          value={origin}
          onValue={setOrigin}
          type="url"
          hint="The exact address, like https://app.example.com. A button beside its code field fills the code when you click it."
        />
        <button type="submit" class="primary" style={{ width: 'auto' }} disabled={busy}>
          Allow on this site
        </button>
      </form>
      {note && (
        <p class="warning" role="note">
          {note}
        </p>
      )}
    </div>
  );
}
