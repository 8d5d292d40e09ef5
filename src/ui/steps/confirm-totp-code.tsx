import { CodeForm } from './code-form';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function ConfirmTotpCode(props: StepProps<'CONFIRM_SIGN_IN_WITH_TOTP_CODE'>) {
  const accountId = props.account.id;
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
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'code', code } })
        }
      />
    </StepFrame>
  );
}
