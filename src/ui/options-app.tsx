import { useState } from 'preact/hooks';
import type { PageClient } from '../platform/page-client';
import type { AccountView } from '../platform/protocol';
import { EMPTY_ACCOUNT_FORM, formFromAccount, type AccountForm } from './account-form';
import { ErrorAlert } from './forms/error-alert';
import { RowActions } from './forms/row-actions';
import { AccountEditor } from './options/account-editor';
import { AmplifyImport } from './options/amplify-import';
import {
  EMPTY_OAUTH_DRAFT,
  draftFromSettings,
  settingsFromDraft,
  type OAuthDraft,
  type OAuthProblems,
} from './options/oauth-draft';
import { OAuthFields } from './options/oauth-fields';
import { AuthenticatorSection } from './options/authenticator-section';
import { SitesSection } from './options/sites-section';
import { usePageState } from './use-page-state';

/** The settings page: the accounts Cognito Pass signs in to, added by hand or from Amplify files. */
export function OptionsApp({ client }: { client: PageClient }) {
  const { state, requestError, busy, send } = usePageState(client);
  const [form, setForm] = useState<AccountForm | null>(null);
  const [status, setStatus] = useState('');
  // The hosted-UI fields (docs/federated.md) are kept beside the account form.
  const [oauthDraft, setOAuthDraft] = useState<OAuthDraft>(EMPTY_OAUTH_DRAFT);
  const [oauthProblems, setOAuthProblems] = useState<OAuthProblems>({});
  const accounts = state?.accounts ?? [];
  const editedAccount = accounts.find((account) => account.id === form?.id);

  const save = async (account: Parameters<typeof send>[0] & { type: 'saveAccount' }) => {
    if (await send(account)) {
      setForm(null);
      setStatus(`Saved “${account.account.displayName}”.`);
    }
  };

  return (
    <main class="options" data-page="options">
      <h1>Cognito Pass settings</h1>
      {requestError && <ErrorAlert error={requestError} />}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        {state !== null && accounts.length === 0 && (
          <p class="lead">No account yet. Add one by hand or import your Amplify configuration.</p>
        )}
        <ul class="account-list">
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              busy={busy}
              onEdit={() => {
                setForm(formFromAccount(account));
                setOAuthDraft(draftFromSettings(account.oauth));
                setOAuthProblems({});
                setStatus('');
              }}
              onConfirmRemove={() =>
                send({ type: 'removeAccount', accountId: account.id }).then((ok) => {
                  if (ok) setStatus(`Removed “${account.displayName}”.`);
                })
              }
            />
          ))}
        </ul>
        {form === null && (
          <button
            type="button"
            class="primary"
            style={{ width: 'auto' }}
            onClick={() => {
              setForm(EMPTY_ACCOUNT_FORM);
              setOAuthDraft(EMPTY_OAUTH_DRAFT);
              setOAuthProblems({});
              setStatus('');
            }}
          >
            Add an account
          </button>
        )}
        {form !== null && (
          <div class="card">
            <h2>
              {form.id !== undefined ? `Edit “${editedAccount?.displayName ?? ''}”` : 'New account'}
            </h2>
            <AccountEditor
              form={form}
              onForm={setForm}
              hasStoredSecret={editedAccount?.hasClientSecret === true}
              busy={busy}
              onSave={(account) => {
                const parsed = settingsFromDraft(oauthDraft);
                if (!parsed.ok) {
                  setOAuthProblems(parsed.problems);
                  return;
                }
                setOAuthProblems({});
                // null removes stored settings; nothing to say when there were none.
                const oauth = parsed.oauth
                  ? { oauth: parsed.oauth }
                  : editedAccount?.oauth
                    ? { oauth: null }
                    : {};
                void save({ type: 'saveAccount', account: { ...account, ...oauth } });
              }}
              onCancel={() => {
                setForm(null);
              }}
              extraFields={
                <OAuthFields
                  draft={oauthDraft}
                  onDraft={setOAuthDraft}
                  problems={oauthProblems}
                  redirectHint={
                    globalThis.location.protocol === 'chrome-extension:'
                      ? `https://${globalThis.location.host}.chromiumapp.org/`
                      : 'this browser’s extension redirect URL (docs/federated.md)'
                  }
                />
              }
            />
          </div>
        )}
      </section>
      <section aria-labelledby="import-title">
        <h2 id="import-title">Import from Amplify</h2>
        <AmplifyImport
          onImported={(pool) => {
            setForm({
              ...(form ?? EMPTY_ACCOUNT_FORM),
              displayName:
                form?.displayName && form.displayName.length > 0
                  ? form.displayName
                  : pool.userPoolId,
              region: pool.region,
              userPoolId: pool.userPoolId,
              clientId: pool.clientId,
              ...(pool.passwordPolicy && { passwordPolicy: pool.passwordPolicy }),
            });
            if (pool.oauth) setOAuthDraft(draftFromSettings(pool.oauth));
            setStatus(
              `Read the user pool from ${pool.source}${
                pool.oauth ? ', with its hosted UI settings' : ''
              }${
                pool.passwordPolicy ? ' and its password rules' : ''
              }. Check the form, then save it.`,
            );
          }}
        />
      </section>
      <SitesSection client={client} accounts={accounts} />
      <AuthenticatorSection client={client} accounts={accounts} />
    </main>
  );
}

interface AccountRowProps {
  account: AccountView;
  busy: boolean;
  onEdit: () => void;
  onConfirmRemove: () => Promise<unknown>;
}

function AccountRow(props: AccountRowProps) {
  const { account } = props;
  return (
    <li class="card account-row" data-account-id={account.id}>
      <div>
        <strong>{account.displayName}</strong>
        <div class="account-meta">
          {account.userPoolId} · client {account.clientId}
          {account.hasClientSecret ? ' · with secret' : ''}
          {account.endpoint !== undefined ? ` · ${account.endpoint}` : ''}
          {account.staySignedIn ? ' · stays signed in' : ''}
        </div>
      </div>
      <RowActions
        name={account.displayName}
        confirmLabel={`Remove ${account.displayName}`}
        busy={props.busy}
        onEdit={props.onEdit}
        onConfirmRemove={props.onConfirmRemove}
      />
    </li>
  );
}
