import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { CeremonyError } from '../../passkeys/ceremony';
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
 * reason to the background, which falls back to the first-factor selection.
 */
export function ConfirmWebAuthn(props: StepProps<'CONFIRM_SIGN_IN_WITH_WEB_AUTHN'>) {
  const api = useContext(PasskeyContext);
  const accountId = props.account.id;
  const [waiting, setWaiting] = useState(false);
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

  const run = async () => {
    setWaiting(true);
    let options: Record<string, unknown>;
    try {
      options = JSON.parse(props.step.credentialRequestOptions) as Record<string, unknown>;
    } catch {
      options = {};
    }
    abort.current = new AbortController();
    const signal = abort.current.signal;
    // Loaded on use: the ceremony code stays out of the popup's first paint (issue 8 budget).
    const result = api
      ? await import('../../passkeys/ceremony').then(({ getPasskeyAssertion }) =>
          getPasskeyAssertion(api.place, options, signal),
        )
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
      <p class="status" role="status" data-passkey-state={waiting ? 'waiting' : 'idle'}>
        {waiting ? 'Waiting for your passkey…' : 'Checking the passkey with the user pool…'}
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={props.busy}
          onClick={() => {
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
