import { useState } from 'preact/hooks';
import type { FeatureResponse } from '../../platform/feature-protocol';
import type { PageClient } from '../../platform/page-client';
import type { AccountView } from '../../platform/protocol';
import type { AuthErrorView } from '../../signin/steps';
import { ErrorAlert } from '../forms/error-alert';
import {
  bindingFields,
  bindingProblems,
  EntryBindingFields,
  type EntryBinding,
  type EntryBindingProblems,
} from './authenticator-panel-binding';

/** The active tab as a PNG data URL (`tabs.captureVisibleTab`, allowed by activeTab). */
export type CaptureTab = () => Promise<string>;

/** The URI in the picture: jsQR and the otpauth parser load only now, never with the popup. */
async function readOtpauth(dataUrl: string): Promise<{ uri: string; binding: EntryBinding }> {
  const [{ otpauthFromPixels, pixelsOfDataUrl }, { parseOtpauthUri }, { OtpError }] =
    await Promise.all([
      import('../../otp/qr-decode'),
      import('../../otp/otpauth'),
      import('../../otp/errors'),
    ]);
  const uri = otpauthFromPixels(await pixelsOfDataUrl(dataUrl, document));
  const parsed = parseOtpauthUri(uri);
  if (!parsed.ok) throw new OtpError(parsed.error);
  const { issuer, account } = parsed.value;
  return { uri, binding: { issuer, account, accountId: '', username: '' } };
}

const CAPTURE_FAILED: AuthErrorView = {
  code: 'CaptureFailed',
  message: 'Cognito Pass could not see this tab.',
  recovery: 'Open the popup from the tab that shows the QR code (not from a browser page).',
};

function asError(error: unknown): AuthErrorView {
  if (typeof error === 'object' && error !== null && 'recovery' in error) {
    const { code, message, recovery } = error as AuthErrorView;
    if (typeof code === 'string' && typeof recovery === 'string')
      return { code, message, recovery };
  }
  return CAPTURE_FAILED;
}

/**
 * "Scan a QR code on this page": capture the tab, decode, let the person check the names and
 * the user the code signs in for, then save. The secret is never shown.
 */
export function ScanQrCode(props: {
  client: PageClient;
  capture: CaptureTab;
  send: (request: Parameters<PageClient['sendFeature']>[0]) => Promise<FeatureResponse>;
  busy: boolean;
}) {
  const { client, capture, send, busy } = props;
  const [found, setFound] = useState<{ uri: string; binding: EntryBinding } | null>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [error, setError] = useState<AuthErrorView | null>(null);
  const [problems, setProblems] = useState<EntryBindingProblems>({});
  const [scanning, setScanning] = useState(false);
  const [saved, setSaved] = useState('');

  const scan = async () => {
    setError(null);
    setSaved('');
    setScanning(true);
    try {
      let dataUrl: string;
      try {
        dataUrl = await capture();
      } catch {
        setError(CAPTURE_FAILED);
        return;
      }
      setFound(await readOtpauth(dataUrl));
      const state = await client.send({ type: 'getState' });
      if (state.ok) setAccounts(state.state.accounts);
    } catch (caught) {
      setError(asError(caught));
    } finally {
      setScanning(false);
    }
  };

  if (found === null) {
    return (
      <div class="otp-scan">
        {error && <ErrorAlert error={error} />}
        {saved && (
          <p class="status" role="status">
            {saved}
          </p>
        )}
        <button type="button" class="secondary" disabled={scanning} onClick={() => void scan()}>
          {scanning ? 'Looking for a QR code…' : 'Scan a QR code on this page'}
        </button>
      </div>
    );
  }
  return (
    <form
      class="card otp-scan"
      aria-label="Add the scanned code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found_ = found;
        const next = bindingProblems(found_.binding);
        setProblems(next);
        if (Object.keys(next).length > 0) return;
        const { issuer, account, user } = bindingFields(found_.binding);
        void send({
          type: 'otp:addUri',
          uri: found_.uri,
          issuer,
          account,
          ...(user ?? {}),
        }).then((response) => {
          if (response.ok) {
            setFound(null);
            setSaved(`Saved ${issuer ? `${issuer} (${account})` : account}.`);
          } else setError(response.error);
        });
      }}
    >
      <h2>Add this code?</h2>
      <p class="lead">Found an authenticator QR code on this page. Check the names, then save.</p>
      {error && <ErrorAlert error={error} />}
      <EntryBindingFields
        value={found.binding}
        onValue={(binding) => {
          setFound({ ...found, binding });
        }}
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
            setFound(null);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
