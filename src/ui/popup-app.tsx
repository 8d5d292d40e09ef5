import type { ComponentProps } from 'preact';
import { useState } from 'preact/hooks';
import type { PageClient } from '../platform/page-client';
import type { AuthenticatorPanel } from './features/authenticator-panel';
import type { PopupSites } from './features/popup-sites';
import { ErrorAlert } from './forms/error-alert';
import { StepView } from './steps/step-view';
import { useLoaded } from './use-loaded';
import { usePageState } from './use-page-state';
import type { PasskeyPageApi } from '../passkeys/page-api';
import type { PasskeysPanel } from './features/passkeys-panel';
import { PasskeyContext } from './passkey-context';

export interface PopupAppProps {
  client: PageClient;
  now?: () => number;
  /** For tests: copies an authenticator code (the clipboard by default). */
  copy?: (text: string) => Promise<void>;
  /** Passkey requests and this page's WebAuthn; without it passkeys are not offered. */
  passkeys?: PasskeyPageApi;
}

type PopupView = 'signin' | 'authenticator';

/**
 * The toolbar popup: a pure view of the background's state. It shows the active account's step
 * and sends what the person types back; closing it loses nothing but unfinished typing.
 * The root's `data-step` always names what is on screen (LOADING and NO_ACCOUNT before a step).
 */
export function PopupApp(props: PopupAppProps) {
  return (
    <PasskeyContext.Provider value={props.passkeys ?? null}>
      <PopupScreens {...props} />
    </PasskeyContext.Provider>
  );
}

function PopupScreens({ client, now, copy }: PopupAppProps) {
  const { state, requestError, busy, send } = usePageState(client);
  const [view, setView] = useState<PopupView>('signin');
  const account = state?.accounts.find((candidate) => candidate.id === state.activeAccountId);
  const flow = state?.flow;
  const stepName =
    state === null
      ? 'LOADING'
      : account === undefined || flow === undefined
        ? 'NO_ACCOUNT'
        : flow.step.name;
  // A refused request's error is the freshest news; the flow's error stays until the next step.
  const error = requestError ?? flow?.error;

  const header = (
    <header class="brand">
      <img class="brand-mark" src="/icon/32.png" alt="" width={18} height={18} />
      <span class="brand-name">Cognito Pass</span>
      <nav class="views" aria-label="Popup sections">
        {(['signin', 'authenticator'] as const).map((name) => (
          <button
            key={name}
            type="button"
            class="view-button"
            aria-pressed={view === name}
            onClick={() => {
              setView(name);
            }}
          >
            {name === 'signin' ? 'Sign-in' : 'Authenticator'}
          </button>
        ))}
      </nav>
    </header>
  );

  if (view === 'authenticator') {
    return (
      <main class="popup" data-step="AUTHENTICATOR">
        {header}
        <LazyAuthenticatorPanel client={client} {...(copy ? { copy } : {})} />
      </main>
    );
  }

  return (
    <main class="popup" data-step={stepName} aria-busy={busy}>
      {header}
      {error && <ErrorAlert error={error} />}
      {!error && flow?.notice !== undefined && (
        <p class="notice" role="status">
          {flow.notice}
        </p>
      )}
      {state === null && !requestError && (
        <p class="lead" role="status">
          Loading…
        </p>
      )}
      {state !== null && (account === undefined || flow === undefined) && (
        <FirstRun onOpenOptions={() => void client.openOptionsPage()} />
      )}
      {account !== undefined && flow !== undefined && (
        <StepView
          flow={flow}
          account={account}
          accounts={state?.accounts ?? []}
          busy={busy}
          send={send}
          {...(now ? { now } : {})}
        />
      )}
      {account !== undefined && flow?.step.name === 'DONE' && (
        <LazyPopupSites client={client} accountId={account.id} />
      )}
      {account !== undefined && flow?.step.name === 'DONE' && (
        <LazyPasskeysPanel accountId={account.id} />
      )}
    </main>
  );
}

// The authenticator, sites and passkeys panels load on first use (src/ui/use-loaded.ts).
const loadAuthenticatorPanel = () => import('./features/authenticator-panel');
const loadPopupSites = () => import('./features/popup-sites');

function LazyAuthenticatorPanel(props: ComponentProps<typeof AuthenticatorPanel>) {
  const Panel = useLoaded(loadAuthenticatorPanel)?.AuthenticatorPanel;
  return Panel ? <Panel {...props} /> : null;
}

function LazyPopupSites(props: ComponentProps<typeof PopupSites>) {
  const Sites = useLoaded(loadPopupSites)?.PopupSites;
  return Sites ? <Sites {...props} /> : null;
}

const loadPasskeysPanel = () => import('./features/passkeys-panel');

function LazyPasskeysPanel(props: ComponentProps<typeof PasskeysPanel>) {
  const Panel = useLoaded(loadPasskeysPanel)?.PasskeysPanel;
  return Panel ? <Panel {...props} /> : null;
}

function FirstRun({ onOpenOptions }: { onOpenOptions: () => void }) {
  return (
    <section class="step" aria-labelledby="step-title">
      <h1 id="step-title">Welcome</h1>
      <p class="lead">
        Cognito Pass signs you in to Amazon Cognito user pools. Start by adding the user pool you
        use: its region, pool id and app client id, or import your Amplify configuration file.
      </p>
      <button
        type="button"
        class="primary"
        ref={(button) => {
          button?.focus();
        }}
        onClick={onOpenOptions}
      >
        Add an account
      </button>
    </section>
  );
}
