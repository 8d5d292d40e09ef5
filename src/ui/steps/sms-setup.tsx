import { useState } from 'preact/hooks';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { normalizePhone, phoneProblem } from '../validation';
import { StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function SmsSetup(props: StepProps<'CONTINUE_SIGN_IN_WITH_SMS_SETUP'>) {
  const accountId = props.account.id;
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepFrame
      title="Set up text messages"
      lead="Codes will be sent to this phone number."
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      back
    >
      <StepForm
        label="Text message setup"
        busy={props.busy}
        onSubmit={() => {
          const found = phoneProblem(phone);
          setProblem(found);
          if (found) return;
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'smsSetup', phoneNumber: normalizePhone(phone) },
          });
        }}
      >
        <TextField
          label="Phone number"
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          value={phone}
          onValue={setPhone}
          problem={problem}
          hint="With the country code, like +15555550100."
        />
        <SubmitButton busy={props.busy} busyLabel="Sending a code…">
          Send a code
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
