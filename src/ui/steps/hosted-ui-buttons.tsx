import type { AccountView } from '../../platform/protocol';
import { providerLabel } from '../../oauth/providers';
import type { SendRequest } from './step-props';

/**
 * "Sign in with <provider>" for accounts with hosted-UI settings: the background opens the
 * browser's sign-in window (the popup may close meanwhile; the result is waiting when it reopens).
 */
export function HostedUiButtons({
  account,
  busy,
  send,
}: {
  account: AccountView;
  busy: boolean;
  send: SendRequest;
}) {
  const providers = account.oauth?.identityProviders ?? [];
  if (providers.length === 0) return null;
  return (
    <div class="actions" role="group" aria-label="Sign in through the hosted UI">
      {providers.map((provider) => (
        <button
          key={provider}
          type="button"
          class="secondary"
          disabled={busy}
          data-provider={provider}
          onClick={() => void send({ type: 'signInWithHostedUi', accountId: account.id, provider })}
        >
          Sign in with {providerLabel(provider)}
        </button>
      ))}
    </div>
  );
}
