import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { CeremonyError } from '../../passkeys/ceremony';
import type { PasskeyPageApi } from '../../passkeys/page-api';
import { PasskeyContext } from '../passkey-context';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

const NO_API: CeremonyError = {
  code: 'PasskeyUnavailable',
  message: 'This window cannot use passkeys.',
  recovery: 'Choose another way to sign in.',
};

/**
 * WEB_AUTHN: runs the passkey ceremony as soon as the step shows (the person chose a passkey a
 * moment ago), sends the assertion as the answer, and on failure or cancellation hands the
 * reason to the background, which falls back to the first-factor selection. When the pool's RP
 * ID is a web domain, which this page cannot serve, the background runs the ceremony in a tab of
 * that site and answers Cognito itself; a popup reopened meanwhile is told it is waiting there.
 */
export function ConfirmWebAuthn(props: StepProps<'CONFIRM_SIGN_IN_WITH_WEB_AUTHN'>) {
  const api = useContext(PasskeyContext);
  const accountId = props.account.id;
  const [waiting, setWaiting] = useState(false);
  /** The origin of the tab the ceremony runs in, when it runs in a tab. */
  const [inTab, setInTab] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const started = useRef(false);
  // The first outcome answers: the ceremony's, or the person's "Use another way" (which aborts it).
  const settled = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const { send } = props;

  const fail = (error: CeremonyError) => {
    if (settled.current) return;
    settled.current = true;
    void send({ type: 'answer', accountId, answer: { kind: 'webAuthnFailed', ...error } });
  };

  /** The pool's RP ID is a web domain: the background runs the ceremony in a tab of the site. */
  const runInTab = async (tab: NonNullable<PasskeyPageApi['tab']>) => {
    const reply = await tab({ type: 'passkeyTab:signIn', accountId });
    if (reply.ok && reply.ceremony?.state === 'waiting') {
      setInTab(reply.ceremony.origin);
      return;
    }
    // No tab to use: the background already fell back to the other factors with the reason.
    setWaiting(false);
    if (!reply.ok) setProblem(reply.error.message);
  };

  const run = async () => {
    setWaiting(true);
    let options: Record<string, unknown>;
    try {
      options = JSON.parse(props.step.credentialRequestOptions) as Record<string, unknown>;
    } catch {
      options = {};
    }
    // Before the import: "Use another way" may be pressed while the ceremony code loads.
    abort.current = new AbortController();
    const signal = abort.current.signal;
    // Loaded on use: the ceremony code stays out of the popup's first paint (issue 8 budget).
    const ceremony = await import('../../passkeys/ceremony');
    const rpId = ceremony.relyingPartyOf(options);
    if (api?.tab && rpId !== undefined && !ceremony.servesRelyingParty(rpId, api.place.here)) {
      // "Use another way" while the code loaded: the person already left the passkey.
      if (settled.current) return;
      await runInTab(api.tab);
      return;
    }
    const result = api
      ? await ceremony.getPasskeyAssertion(api.place, options, signal)
      : { ok: false as const, error: NO_API };
    setWaiting(false);
    if (!result.ok) {
      fail(result.error);
      return;
    }
    if (settled.current) return;
    settled.current = true;
    void send({
      type: 'answer',
      accountId,
      answer: { kind: 'webAuthnCredential', credential: JSON.stringify(result.credential) },
    });
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run();
    // Once per step: StepView remounts the screen for every new challenge.
  }, []);

  return (
    <StepFrame
      title="Use your passkey"
      lead="Follow your browser’s prompt to unlock the passkey saved for this account."
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={send}
      now={props.now}
      back
    >
      <p
        class="status"
        role="status"
        data-passkey-state={inTab !== undefined ? 'tab' : waiting ? 'waiting' : 'idle'}
      >
        {inTab !== undefined
          ? `Waiting for the passkey in the tab of ${inTab}. Cognito Pass brought that tab to the front: follow the browser’s prompt there.`
          : (problem ??
            (waiting ? 'Waiting for your passkey…' : 'Checking the passkey with the user pool…'))}
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
          onClick={() => {
            if (inTab !== undefined && api?.tab) {
              // The background aborts the tab's ceremony and falls back to the other factors.
              settled.current = true;
              void api.tab({ type: 'passkeyTab:cancel', accountId });
              return;
            }
            fail({
              code: 'PasskeyCancelled',
              message: 'You chose another way to sign in.',
              recovery: 'Pick one below.',
            });
            abort.current?.abort();
          }}
        >
          Use another way
        </button>
      </div>
    </StepFrame>
  );
}
