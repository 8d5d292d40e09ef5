import { CodeForm } from './code-form';
import { deliverySentence } from './delivery';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

type DeliveredStep = 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' | 'CONFIRM_SIGN_IN_WITH_SMS_CODE';

/** What differs between a code sent by email and one sent by text message: only the words. */
const WORDING: Record<DeliveredStep, { title: string; fallback: string; label: string }> = {
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: {
    title: 'Enter the code from your email',
    fallback: 'We sent a code to your email address.',
    label: 'Email code',
  },
  CONFIRM_SIGN_IN_WITH_SMS_CODE: {
    title: 'Enter the code from your text message',
    fallback: 'We sent a code to your phone.',
    label: 'Text message code',
  },
};

/** A one-time code Cognito delivered (email or SMS), with resend while Cognito allows it. */
export function ConfirmDeliveredCode(props: StepProps<DeliveredStep>) {
  const accountId = props.account.id;
  const wording = WORDING[props.step.name];
  return (
    <StepFrame
      title={wording.title}
      lead={deliverySentence(props.step.codeDeliveryDetails, wording.fallback)}
      {...frameProps(props)}
      resend={props.flow.canResend === true}
      back
    >
      <CodeForm
        label={wording.label}
        busy={props.busy}
        onCode={(code) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'code', code } })
        }
      />
    </StepFrame>
  );
}
