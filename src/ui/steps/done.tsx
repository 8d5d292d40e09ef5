import type { StepProps } from './step-props';
import { useNow } from '../forms/session-countdown';

/** "at 14:05 (in 58 min)" — when the access token needs its next refresh. */
export function expirySentence(expiresAt: number, now: number): string {
  const time = new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const minutes = Math.round((expiresAt - now) / 60_000);
  if (minutes <= 0) return `${time} (expired: it refreshes on the next use)`;
  return `${time} (in ${minutes} min)`;
}

export function Done(props: StepProps<'DONE'>) {
  const accountId = props.account.id;
  const { user, accessTokenExpiresAt } = props.step;
  const now = useNow(props.now ?? Date.now);
  return (
    <section class="step" aria-labelledby="step-title">
      <h1 id="step-title">Signed in</h1>
      <dl class="summary">
        <div>
          <dt>User</dt>
          <dd data-field="username">{user.username}</dd>
        </div>
        {user.email !== undefined && (
          <div>
            <dt>Email</dt>
            <dd data-field="email">{user.email}</dd>
          </div>
        )}
        <div>
          <dt>Account</dt>
          <dd data-field="account">{props.account.displayName}</dd>
        </div>
        <div>
          <dt>Token valid until</dt>
          <dd data-field="expiry">{expirySentence(accessTokenExpiresAt, now)}</dd>
        </div>
      </dl>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={props.busy}
          onClick={() => void props.send({ type: 'signOut', accountId, global: false })}
        >
          Sign out
        </button>
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
          onClick={() => void props.send({ type: 'signOut', accountId, global: true })}
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
