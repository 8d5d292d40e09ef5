import { useContext, useEffect, useState } from 'preact/hooks';
import { createPasskey } from '../../passkeys/ceremony';
import type { PasskeyErrorView, PasskeyRequest } from '../../passkeys/messages';
import type { PasskeyView } from '../../passkeys/passkey-gateway';
import { ErrorAlert } from '../forms/error-alert';
import { PasskeyContext } from '../passkey-context';

function addedOn(createdAt: number): string {
  return new Date(createdAt).toLocaleDateString([], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/**
 * Under "Signed in": the user's passkeys in this pool, "Add a passkey" (Start → the browser's
 * prompt on this page → Complete) and a delete per passkey. The background calls Cognito with
 * the access token; this page only runs the ceremony.
 */
export function PasskeysPanel({ accountId }: { accountId: string }) {
  const api = useContext(PasskeyContext);
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [error, setError] = useState<PasskeyErrorView | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const request = async (message: PasskeyRequest) => {
    if (!api) return undefined;
    const reply = await api.send(message);
    if (!reply.ok) {
      setError(reply.error);
      return undefined;
    }
    setError(undefined);
    setPasskeys(reply.passkeys);
    return reply;
  };

  useEffect(() => {
    void request({ type: 'passkeys:list', accountId });
    // Reloaded when the account changes; `request` is recreated on every render.
  }, [accountId, api]);

  if (!api) return null;

  const add = async () => {
    setBusy(true);
    setStatus('');
    try {
      const started = await request({ type: 'passkeys:startRegistration', accountId });
      if (started?.creationOptions === undefined) return;
      setStatus('Follow your browser’s prompt to create the passkey…');
      const made = await createPasskey(api.place, started.creationOptions);
      if (!made.ok) {
        setStatus('');
        setError(made.error);
        return;
      }
      const credential = made.credential as Extract<
        PasskeyRequest,
        { type: 'passkeys:completeRegistration' }
      >['credential'];
      const done = await request({
        type: 'passkeys:completeRegistration',
        accountId,
        credential,
      });
      setStatus(done ? 'Passkey added. Next time, sign in with it.' : '');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (passkey: PasskeyView) => {
    setBusy(true);
    setStatus('');
    try {
      const done = await request({
        type: 'passkeys:delete',
        accountId,
        credentialId: passkey.credentialId,
      });
      if (done) setStatus(`Deleted “${passkey.friendlyName}”.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="popup-passkeys" aria-labelledby="popup-passkeys-title">
      <h2 id="popup-passkeys-title">Passkeys</h2>
      {error && <ErrorAlert error={error} />}
      {status && (
        <p class="status" role="status">
          {status}
        </p>
      )}
      {passkeys !== null && passkeys.length === 0 && (
        <p class="lead">No passkey yet: add one to sign in without a password.</p>
      )}
      {passkeys !== null && passkeys.length > 0 && (
        <ul class="site-list">
          {passkeys.map((passkey) => (
            <li key={passkey.credentialId} class="site-row" data-passkey={passkey.credentialId}>
              <span class="site-origin">{passkey.friendlyName}</span>
              <span class="site-meta">
                Added {addedOn(passkey.createdAt)} · for {passkey.relyingPartyId}
              </span>
              <button
                type="button"
                class="link"
                disabled={busy}
                aria-label={`Delete passkey ${passkey.friendlyName}`}
                onClick={() => void remove(passkey)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary" disabled={busy} onClick={() => void add()}>
        Add a passkey
      </button>
    </section>
  );
}
