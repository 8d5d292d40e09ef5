import { useEffect, useState } from 'preact/hooks';
import type { AccountView } from '../../platform/protocol';
import { PasswordField } from '../forms/password-field';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { requiredProblem } from '../validation';
import type { StepProps } from './step-props';
import { HostedUiButtons } from './hosted-ui-buttons';

/**
 * Passwordless sign-in needs the USER_AUTH flow; it is offered unless the account is pinned to
 * another flow (the pool then answers with its first factors: email, text message, passkey…).
 */
export function offersPasswordless(account: AccountView): boolean {
  return account.defaultAuthFlow === undefined || account.defaultAuthFlow === 'USER_AUTH';
}

export function SignIn({ flow, account, accounts, busy, send }: StepProps<'SIGN_IN'>) {
  const [username, setUsername] = useState(flow.username ?? '');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ username?: string; password?: string }>({});
  const accountId = account.id;

  // Lets the background compute SRP_A while the person types (a 3072-bit exponentiation).
  useEffect(() => {
    void send({ type: 'prepareSignIn', accountId });
  }, [accountId, send]);

  const submit = () => {
    const usernameProblem = requiredProblem(username, 'your username or email');
    const passwordProblem = password.length === 0 ? 'Enter your password.' : undefined;
    setProblems({
      ...(usernameProblem ? { username: usernameProblem } : {}),
      ...(passwordProblem ? { password: passwordProblem } : {}),
    });
    if (usernameProblem || passwordProblem) return;
    void send({ type: 'startSignIn', accountId, username: username.trim(), password });
  };

  const withoutPassword = () => {
    const usernameProblem = requiredProblem(username, 'your username or email');
    setProblems(usernameProblem ? { username: usernameProblem } : {});
    if (usernameProblem) return;
    void send({ type: 'startSignIn', accountId, username: username.trim(), authFlow: 'USER_AUTH' });
  };

  const withPasskey = () => {
    const usernameProblem = requiredProblem(username, 'your username or email');
    setProblems(usernameProblem ? { username: usernameProblem } : {});
    if (usernameProblem) return;
    void send({
      type: 'startSignIn',
      accountId,
      username: username.trim(),
      authFlow: 'USER_AUTH',
      preferredChallenge: 'WEB_AUTHN',
    });
  };

  return (
    <section class="step" aria-labelledby="step-title">
      <h1 id="step-title">Sign in</h1>
      {accounts.length > 1 && (
        <div class="field">
          <label for="account-picker">Account</label>
          <select
            id="account-picker"
            value={accountId}
            disabled={busy}
            onChange={(event) => {
              void send({ type: 'selectAccount', accountId: event.currentTarget.value });
            }}
          >
            {accounts.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      {accounts.length <= 1 && <p class="lead">to {account.displayName}</p>}
      <StepForm label="Sign in" busy={busy} onSubmit={submit}>
        <TextField
          label="Username or email"
          name="username"
          value={username}
          onValue={setUsername}
          autocomplete="username"
          problem={problems.username}
        />
        <PasswordField
          label="Password"
          value={password}
          onValue={setPassword}
          autocomplete="current-password"
          problem={problems.password}
        />
        <SubmitButton busy={busy} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </StepForm>
      <HostedUiButtons account={account} busy={busy} send={send} />
      <div class="secondary-actions">
        {offersPasswordless(account) && (
          <button type="button" class="link" disabled={busy} onClick={withoutPassword}>
            Sign in without password
          </button>
        )}
        {offersPasswordless(account) && (
          <button type="button" class="link" disabled={busy} onClick={withPasskey}>
            Sign in with a passkey
          </button>
        )}
        <button
          type="button"
          class="link"
          disabled={busy}
          onClick={() =>
            void send({
              type: 'showResetPassword',
              accountId,
              ...(username.trim() ? { username: username.trim() } : {}),
            })
          }
        >
          Forgot password
        </button>
        <button
          type="button"
          class="link"
          disabled={busy}
          onClick={() => void send({ type: 'showSignUp', accountId })}
        >
          Create account
        </button>
      </div>
    </section>
  );
}
