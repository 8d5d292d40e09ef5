import { CodeForm } from './code-form';
import { deliverySentence } from './delivery';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function ConfirmSignUp(props: StepProps<'CONFIRM_SIGN_UP'>) {
  const accountId = props.account.id;
  return (
    <StepFrame
      title="Confirm your account"
      lead={deliverySentence(
        props.step.codeDeliveryDetails,
        'Enter the code we sent when the account was created.',
      )}
      {...frameProps(props)}
      resend={props.flow.canResend !== false}
      back
    >
      <CodeForm
        label="Confirmation code"
        busy={props.busy}
        submitLabel="Confirm account"
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'confirmSignUp', code } })
        }
      />
    </StepFrame>
  );
}
