import { useState } from 'preact/hooks';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { emailProblem } from '../validation';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function EmailSetup(props: StepProps<'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP'>) {
  const accountId = props.account.id;
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepFrame
      title="Set up email codes"
      lead="Codes will be sent to this address each time you sign in."
      {...frameProps(props)}
      back
    >
      <StepForm
        label="Email setup"
        busy={props.busy}
        onSubmit={() => {
          const found = emailProblem(email);
          setProblem(found);
          if (found) return;
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'emailSetup', email: email.trim() },
          });
        }}
      >
        <TextField
          label="Email address"
          type="email"
          inputMode="email"
          autocomplete="email"
          value={email}
          onValue={setEmail}
          problem={problem}
        />
        <SubmitButton busy={props.busy} busyLabel="Sending a code…">
          Send a code
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
