import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AuthenticatorState, OtpEntryView } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import { ErrorAlert } from '../forms/error-alert';
import { PasswordField } from '../forms/password-field';
import { TextField } from '../forms/text-field';
import { ScanQrCode, type CaptureTab } from './authenticator-panel-scan';
import { CountdownRing } from './countdown-ring';
import { filterEntries, groupCode, SEARCH_THRESHOLD } from './otp-format';
import { useFeature, type FeatureSuccess } from './use-feature';

export const selectAuthenticator = (response: FeatureSuccess): AuthenticatorState | undefined =>
  'authenticator' in response ? response.authenticator : undefined;

export interface AuthenticatorPanelProps {
  client: PageClient;
  /** Copies a code; the browser clipboard by default. */
  copy?: (text: string) => Promise<void>;
  isVisible?: () => boolean;
  /** Captures the active tab for "Scan a QR code"; `tabs.captureVisibleTab` by default. */
  capture?: CaptureTab;
}

// activeTab (granted by opening the popup) is what allows capturing the tab.
const captureActiveTab: CaptureTab = () => browser.tabs.captureVisibleTab({ format: 'png' });

const clipboardCopy = (text: string) => navigator.clipboard.writeText(text);

/** The popup's authenticator: current codes, refreshed every second while the popup shows them. */
export function AuthenticatorPanel({
  client,
  copy,
  isVisible,
  capture = captureActiveTab,
}: AuthenticatorPanelProps) {
  const { data, error, busy, send } = useFeature(client, {
    load: { type: 'otp:list' },
    select: selectAuthenticator,
    pollMs: 1000,
    ...(isVisible ? { isVisible } : {}),
  });
  const [query, setQuery] = useState('');
  const [copied, setCopied] = useState('');
  const [passphrase, setPassphrase] = useState('');

  const onCopy = (entry: OtpEntryView) => {
    void (copy ?? clipboardCopy)(entry.code).then(
      () => {
        setCopied(`Copied the code for ${entry.issuer || entry.account}.`);
      },
      () => {
        setCopied('Could not copy: select the code and copy it by hand.');
      },
    );
  };

  const entries = data ? filterEntries(data.entries, query) : [];
  return (
    <section class="step authenticator" aria-labelledby="authenticator-title">
      <h1 id="authenticator-title">Authenticator</h1>
      {error && <ErrorAlert error={error} />}
      {data === null && !error && (
        <p class="lead" role="status">
          Loading…
        </p>
      )}
      {data?.status === 'locked' && (
        <form
          aria-label="Unlock the authenticator"
          onSubmit={(event) => {
            event.preventDefault();
            if (passphrase === '') return;
            void send({ type: 'otp:unlock', passphrase }).then((response) => {
              if (response.ok) setPassphrase('');
            });
          }}
        >
          <p class="lead">Your codes are locked with a passphrase.</p>
          <PasswordField
            label="Passphrase"
            value={passphrase}
            onValue={setPassphrase}
            autocomplete="current-password"
          />
          <button type="submit" class="primary" disabled={busy || passphrase === ''}>
            Unlock
          </button>
        </form>
      )}
      {data !== null && data.status !== 'locked' && (
        <ScanQrCode client={client} capture={capture} send={send} busy={busy} />
      )}
      {data !== null && data.status !== 'locked' && data.entries.length === 0 && (
        <div>
          <p class="lead">
            No codes yet. Add one in the settings (paste an otpauth link or type the key), or tick
            “Save to Cognito Pass authenticator” when you set up an authenticator at sign-in.
          </p>
          <button type="button" class="secondary" onClick={() => void client.openOptionsPage()}>
            Open settings
          </button>
        </div>
      )}
      {data !== null && data.status !== 'locked' && data.entries.length > 0 && (
        <>
          {data.entries.length > SEARCH_THRESHOLD && (
            <TextField label="Search" value={query} onValue={setQuery} name="search" />
          )}
          <p class="status" role="status">
            {copied}
          </p>
          {entries.length === 0 && <p class="lead">No code matches “{query}”.</p>}
          <ul class="otp-list">
            {entries.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  class="otp-entry"
                  data-entry-id={entry.id}
                  title="Copy the code"
                  onClick={() => {
                    onCopy(entry);
                  }}
                >
                  <span class="otp-names">
                    <span class="otp-issuer">{entry.issuer || 'No issuer'}</span>
                    <span class="otp-account">{entry.account}</span>
                  </span>
                  <span class="otp-code">{groupCode(entry.code)}</span>
                  <CountdownRing secondsRemaining={entry.secondsRemaining} period={entry.period} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
