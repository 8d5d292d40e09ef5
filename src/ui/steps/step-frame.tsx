import type { ComponentChildren } from 'preact';
import type { FlowView, StepName } from '../../signin/steps';
import { SessionCountdown, useNow } from '../forms/session-countdown';
import type { SendRequest, StepProps } from './step-props';

export interface StepFrameProps {
  title: string;
  /** One sentence under the title: what to do here. */
  lead?: ComponentChildren;
  flow: FlowView;
  accountId: string;
  busy: boolean;
  send: SendRequest;
  now?: (() => number) | undefined;
  /** Offers "Resend code" when the background says Cognito allows it. */
  resend?: boolean;
  /** "Back to sign in" (abandons the step). */
  back?: boolean;
  children: ComponentChildren;
}

/**
 * The shape shared by the steps: a title, the Session countdown (or the restart once it ran
 * out, instead of a form that could only fail), the form, then the secondary actions.
 */
export function StepFrame(props: StepFrameProps) {
  const { flow, accountId, busy, send } = props;
  const current = useNow(props.now ?? Date.now);
  const restart = () => void send({ type: 'restart', accountId });
  const expiresAt = flow.sessionExpiresAt;
  const remainingMs =
    flow.sessionExpired === true ? 0 : expiresAt === undefined ? Infinity : expiresAt - current;
  const expired = remainingMs <= 0;
  return (
    <section class="step" aria-labelledby="step-title">
      <h1 id="step-title">{props.title}</h1>
      {props.lead !== undefined && <p class="lead">{props.lead}</p>}
      {(expiresAt !== undefined || expired) && (
        <SessionCountdown remainingMs={remainingMs} busy={busy} onRestart={restart} />
      )}
      {!expired && props.children}
      {(props.resend === true || props.back === true) && (
        <div class="secondary-actions">
          {props.resend === true && !expired && (
            <button
              type="button"
              class="link"
              disabled={busy}
              onClick={() => void send({ type: 'resendCode', accountId })}
            >
              Resend code
            </button>
          )}
          {props.back === true && !expired && (
            <button type="button" class="link" disabled={busy} onClick={restart}>
              Back to sign in
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** The frame props every step passes through unchanged from its own props. */
export function frameProps(
  props: Pick<StepProps<StepName>, 'flow' | 'account' | 'busy' | 'send' | 'now'>,
): Pick<StepFrameProps, 'flow' | 'accountId' | 'busy' | 'send' | 'now'> {
  return {
    flow: props.flow,
    accountId: props.account.id,
    busy: props.busy,
    send: props.send,
    now: props.now,
  };
}
