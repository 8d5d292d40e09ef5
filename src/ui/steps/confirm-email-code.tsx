import { CodeForm } from './code-form';
import { deliverySentence } from './delivery';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function ConfirmEmailCode(props: StepProps<'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'>) {
  const accountId = props.account.id;
  return (
    <StepFrame
      title="Enter the code from your email"
      lead={deliverySentence(
        props.step.codeDeliveryDetails,
        'We sent a code to your email address.',
      )}
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      resend={props.flow.canResend === true}
      back
    >
      <CodeForm
        label="Email code"
        busy={props.busy}
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'code', code } })
        }
      />
    </StepFrame>
  );
}
