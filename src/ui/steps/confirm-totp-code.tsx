import type { FlowView } from '../../signin/steps';
import { CodeForm } from './code-form';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

/** The vault's current code for this account (see `FlowView.authenticatorCode` in steps.ts). */
export interface AuthenticatorCodeView {
  code: string;
  secondsRemaining: number;
  autoAnswer: boolean;
}

/** Read through a widened type so this screen works before and after the field is added. */
export function authenticatorCodeOf(flow: FlowView): AuthenticatorCodeView | undefined {
  return (flow as FlowView & { authenticatorCode?: AuthenticatorCodeView }).authenticatorCode;
}

export function ConfirmTotpCode(props: StepProps<'CONFIRM_SIGN_IN_WITH_TOTP_CODE'>) {
  const accountId = props.account.id;
  const suggested = authenticatorCodeOf(props.flow);
  return (
    <StepFrame
      title="Enter the code from your authenticator app"
      lead="Open your authenticator app and type the 6-digit code it shows now."
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      back
    >
      <CodeForm
        label="Authenticator code"
        busy={props.busy}
        {...(suggested
          ? {
              initialCode: suggested.code,
              hint: `From your Cognito Pass authenticator (${suggested.secondsRemaining} s left)`,
            }
          : {})}
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'code', code } })
        }
      />
    </StepFrame>
  );
}
