import { CodeForm } from './code-form';
import { deliverySentence } from './delivery';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function ConfirmSmsCode(props: StepProps<'CONFIRM_SIGN_IN_WITH_SMS_CODE'>) {
  const accountId = props.account.id;
  return (
    <StepFrame
      title="Enter the code from your text message"
      lead={deliverySentence(props.step.codeDeliveryDetails, 'We sent a code to your phone.')}
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      resend={props.flow.canResend === true}
      back
    >
      <CodeForm
        label="Text message code"
        busy={props.busy}
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'code', code } })
        }
      />
    </StepFrame>
  );
}
