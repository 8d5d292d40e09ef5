import { useState } from 'preact/hooks';
import type { OtpEntryView } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import type { AccountView } from '../../platform/protocol';
import type { AuthErrorView } from '../../signin/steps';
import { selectAuthenticator } from '../features/authenticator-panel';
import {
  EMPTY_MANUAL_OTP,
  manualOtpRequest,
  type ManualOtpForm,
  type ManualOtpProblems,
} from '../features/manual-otp-form';
import { useFeature } from '../features/use-feature';
import { ErrorAlert } from '../forms/error-alert';
import { EntrySettings } from './authenticator-section-entry';
import { FillShortcut } from './fill-shortcut';
import { PasswordField } from '../forms/password-field';
import { QrCode } from '../forms/qr-code';
import { SelectField } from '../forms/select-field';
import { TextField } from '../forms/text-field';

/** Which part of the section an error belongs to, so it shows next to what caused it. */
type Place = 'section' | 'uri' | 'manual' | 'entries' | 'lock' | 'auto';

const ALGORITHMS = (['SHA1', 'SHA256', 'SHA512'] as const).map((value) => ({
  value,
  label: value,
}));
const DIGITS = (['6', '8'] as const).map((value) => ({ value, label: `${value} digits` }));

/** Options page: the TOTP vault — add, remove, export, lock and auto-answer. */
export function AuthenticatorSection({
  client,
  accounts,
}: {
  client: PageClient;
  accounts: AccountView[];
}) {
  const feature = useFeature(client, { load: { type: 'otp:list' }, select: selectAuthenticator });
  const { data, busy } = feature;
  const [place, setPlace] = useState<Place>('section');
  const [status, setStatus] = useState('');
  const [uri, setUri] = useState('');
  const [manual, setManual] = useState<ManualOtpForm>(EMPTY_MANUAL_OTP);
  const [manualProblems, setManualProblems] = useState<ManualOtpProblems>({});
  const [confirm, setConfirm] = useState<{ id: string; action: 'remove' | 'export' } | null>(null);
  const [exported, setExported] = useState<{ id: string; uri: string } | null>(null);
  const [unlockPassphrase, setUnlockPassphrase] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<string | undefined>();

  const act = async (at: Place, request: Parameters<typeof feature.send>[0], done?: string) => {
    setPlace(at);
    setStatus('');
    const response = await feature.send(request);
    if (response.ok && done !== undefined) setStatus(done);
    return response;
  };
  const errorAt = (at: Place): AuthErrorView | null =>
    feature.error && (place === at || (at === 'section' && data === null)) ? feature.error : null;

  const entries = data?.entries ?? [];
  // Bound once: FillShortcut reads again whenever the function changes.
  const [readShortcut] = useState(() => client.fillShortcut?.bind(client));
  const label = (entry: OtpEntryView) =>
    entry.issuer ? `${entry.issuer} (${entry.account})` : entry.account;

  return (
    <section aria-labelledby="authenticator-title" data-section="authenticator">
      <h2 id="authenticator-title">Authenticator</h2>
      <p class="lead">
        Time-based codes (TOTP) kept by Cognito Pass, shown in the popup and used to answer
        authenticator steps.
      </p>
      <ErrorAt error={errorAt('section')} />
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {data?.status === 'locked' && (
        <form
          class="card"
          aria-label="Unlock the authenticator"
          onSubmit={(event) => {
            event.preventDefault();
            if (unlockPassphrase === '') return;
            void act(
              'lock',
              { type: 'otp:unlock', passphrase: unlockPassphrase },
              'Unlocked.',
            ).then((response) => {
              if (response.ok) setUnlockPassphrase('');
            });
          }}
        >
          <p class="lead">The authenticator is locked with a passphrase.</p>
          <ErrorAt error={errorAt('lock')} />
          <PasswordField
            label="Passphrase"
            value={unlockPassphrase}
            onValue={setUnlockPassphrase}
            autocomplete="current-password"
          />
          <button type="submit" class="primary" style={{ width: 'auto' }} disabled={busy}>
            Unlock
          </button>
        </form>
      )}
      {data !== null && data.status !== 'locked' && (
        <>
          {entries.length === 0 && <p class="lead">No code yet.</p>}
          <ErrorAt error={errorAt('entries')} />
          <ul class="account-list">
            {entries.map((entry) => (
              <li key={entry.id} class="card" data-entry-id={entry.id}>
                <div class="account-row">
                  <div>
                    <strong>{entry.issuer || 'No issuer'}</strong>
                    <div class="account-meta">
                      {entry.account} · {entry.digits} digits every {entry.period} s
                    </div>
                  </div>
                  <div class="row-actions">
                    {confirm?.id === entry.id ? (
                      <>
                        <button
                          type="button"
                          class="danger-button"
                          disabled={busy}
                          onClick={() => {
                            const request =
                              confirm.action === 'remove'
                                ? ({ type: 'otp:remove', id: entry.id } as const)
                                : ({ type: 'otp:export', id: entry.id } as const);
                            void act(
                              'entries',
                              request,
                              confirm.action === 'remove' ? `Removed ${label(entry)}.` : undefined,
                            ).then((response) => {
                              setConfirm(null);
                              if (
                                response.ok &&
                                'exportedUri' in response &&
                                response.exportedUri
                              ) {
                                setExported({ id: entry.id, uri: response.exportedUri });
                              }
                            });
                          }}
                        >
                          {confirm.action === 'remove'
                            ? `Remove ${label(entry)}`
                            : `Show the secret of ${label(entry)}`}
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          onClick={() => {
                            setConfirm(null);
                          }}
                        >
                          Cancel
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          class="secondary"
                          aria-label={`Export ${label(entry)}…`}
                          onClick={() => {
                            setConfirm({ id: entry.id, action: 'export' });
                            setExported(null);
                          }}
                        >
                          Export
                        </button>
                        <button
                          type="button"
                          class="danger-button"
                          aria-label={`Remove ${label(entry)}…`}
                          onClick={() => {
                            setConfirm({ id: entry.id, action: 'remove' });
                          }}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </div>
                </div>
                {confirm?.id === entry.id && (
                  <p class="warning" role="note">
                    {confirm.action === 'remove'
                      ? 'Removing deletes the secret: keep another authenticator for this account, or you may be locked out.'
                      : 'Exporting shows the secret: anyone who sees it can generate your codes.'}
                  </p>
                )}
                <EntrySettings
                  entry={entry}
                  sites={(data.autofillSites ?? []).filter((site) => site.entryId === entry.id)}
                  accounts={accounts}
                  client={client}
                  send={feature.send}
                  busy={busy}
                />
                {exported?.id === entry.id && (
                  <div class="totp-setup">
                    <QrCode text={exported.uri} label={`QR code of ${label(entry)}`} />
                    <code class="secret-value export-uri">{exported.uri}</code>
                    <button
                      type="button"
                      class="secondary"
                      style={{ width: 'auto' }}
                      onClick={() => {
                        setExported(null);
                      }}
                    >
                      Hide
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {readShortcut && <FillShortcut read={readShortcut} />}
          <div class="card">
            <h3>Add from an otpauth link</h3>
            <form
              aria-label="Add from an otpauth link"
              onSubmit={(event) => {
                event.preventDefault();
                void act('uri', { type: 'otp:addUri', uri: uri.trim() }, 'Added.').then(
                  (response) => {
                    if (response.ok) setUri('');
                  },
                );
              }}
            >
              <ErrorAt error={errorAt('uri')} />
              <TextField
                label="otpauth:// link"
                value={uri}
                onValue={setUri}
                hint="The text of the QR code a site shows for authenticator apps."
              />
              <button type="submit" class="primary" style={{ width: 'auto' }} disabled={busy}>
                Add
              </button>
            </form>
          </div>
          <div class="card">
            <h3>Add by hand</h3>
            <form
              aria-label="Add by hand"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const result = manualOtpRequest(manual);
                setManualProblems(result.ok ? {} : result.problems);
                if (!result.ok) return;
                void act('manual', result.request, 'Added.').then((response) => {
                  if (response.ok) setManual(EMPTY_MANUAL_OTP);
                });
              }}
            >
              <ErrorAt error={errorAt('manual')} />
              <div class="form-grid">
                <TextField
                  label="Issuer"
                  value={manual.issuer}
                  onValue={(issuer) => {
                    setManual({ ...manual, issuer });
                  }}
                />
                <TextField
                  label="Account"
                  value={manual.account}
                  onValue={(account) => {
                    setManual({ ...manual, account });
                  }}
                  problem={manualProblems.account}
                />
              </div>
              <PasswordField
                label="Setup key"
                value={manual.secret}
                onValue={(secret) => {
                  setManual({ ...manual, secret });
                }}
                autocomplete="new-password"
                problem={manualProblems.secret}
              />
              <div class="form-grid">
                <SelectField
                  label="Algorithm"
                  value={manual.algorithm}
                  options={ALGORITHMS}
                  onValue={(algorithm) => {
                    setManual({ ...manual, algorithm });
                  }}
                />
                <SelectField
                  label="Digits"
                  value={manual.digits}
                  options={DIGITS}
                  onValue={(digits) => {
                    setManual({ ...manual, digits });
                  }}
                />
                <TextField
                  label="Period (seconds)"
                  value={manual.period}
                  inputMode="numeric"
                  onValue={(period) => {
                    setManual({ ...manual, period });
                  }}
                  problem={manualProblems.period}
                />
              </div>
              <button type="submit" class="primary" style={{ width: 'auto' }} disabled={busy}>
                Add
              </button>
            </form>
          </div>
          <div class="card">
            <h3>Passphrase lock</h3>
            <p class="lead">
              With a passphrase, the secrets are encrypted and the codes stay locked until you
              unlock them. A forgotten passphrase cannot be recovered: the codes are lost and must
              be set up again.
            </p>
            <ErrorAt error={errorAt('lock')} />
            <form
              aria-label="Set a passphrase"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const problem = newPassphrase.length < 8 ? 'Use at least 8 characters.' : undefined;
                setPassphraseProblem(problem);
                if (problem) return;
                void act(
                  'lock',
                  { type: 'otp:setPassphrase', passphrase: newPassphrase },
                  'Passphrase set.',
                ).then((response) => {
                  if (response.ok) setNewPassphrase('');
                });
              }}
            >
              <PasswordField
                label="New passphrase"
                value={newPassphrase}
                onValue={setNewPassphrase}
                autocomplete="new-password"
                problem={passphraseProblem}
              />
              <div class="form-buttons">
                <button type="submit" class="primary" disabled={busy}>
                  Set passphrase
                </button>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() =>
                    void act('lock', { type: 'otp:lock' }, 'Locked: unlock it to see the codes.')
                  }
                >
                  Lock now
                </button>
                <button
                  type="button"
                  class="danger-button"
                  disabled={busy}
                  onClick={() =>
                    void act('lock', { type: 'otp:removePassphrase' }, 'Passphrase removed.')
                  }
                >
                  Remove passphrase
                </button>
              </div>
            </form>
          </div>
          <div class="card">
            <h3>Answer automatically</h3>
            <p class="lead">
              When on, Cognito Pass answers the authenticator step of that account with its own
              code, without a click. Off by default.
            </p>
            <ErrorAt error={errorAt('auto')} />
            {accounts.length === 0 && <p class="hint">No account yet.</p>}
            {accounts.map((account) => {
              const enabled = data.autoAnswer.includes(account.id);
              return (
                <label class="check" key={account.id}>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={enabled}
                    disabled={busy}
                    onChange={(event) => {
                      void act('auto', {
                        type: 'otp:setAutoAnswer',
                        accountId: account.id,
                        enabled: event.currentTarget.checked,
                      });
                    }}
                  />
                  Answer automatically for {account.displayName}
                </label>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}

function ErrorAt({ error }: { error: AuthErrorView | null }) {
  return error ? <ErrorAlert error={error} /> : null;
}
