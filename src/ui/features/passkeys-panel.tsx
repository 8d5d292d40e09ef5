import { useContext, useEffect, useState } from 'preact/hooks';
import { createPasskey, relyingPartyOf, servesRelyingParty } from '../../passkeys/ceremony';
import type { PasskeyErrorView, PasskeyRequest } from '../../passkeys/messages';
import type { TabCeremonyReply } from '../../passkeys/tab-messages';
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
 * the access token; this page only runs the ceremony, or, for a web-domain RP ID, the background
 * runs it in a tab of that site and this panel shows where it stands.
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

  /** The origin of the tab a registration waits in (the background runs it there). */
  const [inTab, setInTab] = useState<string | undefined>();

  /** Shows what the background says about a registration in a tab; true while it waits. */
  const showTab = (reply: TabCeremonyReply): boolean => {
    if (!reply.ok) {
      setInTab(undefined);
      setStatus('');
      setError(reply.error);
      return false;
    }
    const ceremony = reply.ceremony;
    if (ceremony?.kind !== 'register') return false;
    if (ceremony.state === 'waiting') {
      setInTab(ceremony.origin);
      setStatus(
        `Waiting for the passkey in the tab of ${ceremony.origin}. Cognito Pass brought that tab to the front: follow the browser’s prompt there.`,
      );
      return true;
    }
    setInTab(undefined);
    if (ceremony.state === 'done') {
      setStatus('Passkey added. Next time, sign in with it.');
      void request({ type: 'passkeys:list', accountId });
    } else {
      setStatus('');
      setError(ceremony.error);
    }
    return false;
  };

  useEffect(() => {
    void request({ type: 'passkeys:list', accountId });
    // A popup reopened while (or after) a registration ran in a tab shows where it stands.
    void api?.tab?.({ type: 'passkeyTab:status', accountId }).then(showTab);
    // Reloaded when the account changes; `request` is recreated on every render.
  }, [accountId, api]);

  useEffect(() => {
    if (inTab === undefined || !api?.tab) return undefined;
    const tab = api.tab;
    // The tab's outcome arrives in the background; ask until it is there (the popup may be
    // open beside the tab, e.g. in another window).
    const timer = setInterval(() => {
      void tab({ type: 'passkeyTab:status', accountId }).then(showTab);
    }, 500);
    return () => {
      clearInterval(timer);
    };
  }, [inTab, accountId, api]);

  if (!api) return null;

  const add = async () => {
    setBusy(true);
    setStatus('');
    try {
      const started = await request({ type: 'passkeys:startRegistration', accountId });
      if (started?.creationOptions === undefined) return;
      const rpId = relyingPartyOf(started.creationOptions);
      if (api.tab && rpId !== undefined && !servesRelyingParty(rpId, api.place.here)) {
        // A web-domain RP ID: this page cannot serve it. The background takes the registration
        // started here and runs its ceremony in a tab of the site.
        showTab(await api.tab({ type: 'passkeyTab:register', accountId }));
        return;
      }
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
        <p class="status" role="status" data-passkey-state={inTab !== undefined ? 'tab' : 'idle'}>
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
      <button
        type="button"
        class="secondary"
        disabled={busy || inTab !== undefined}
        onClick={() => void add()}
      >
        Add a passkey
      </button>
    </section>
  );
}
