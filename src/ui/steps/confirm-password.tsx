import { useState } from 'preact/hooks';
import { PasswordField } from '../forms/password-field';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function ConfirmPassword(props: StepProps<'CONFIRM_SIGN_IN_WITH_PASSWORD'>) {
  const accountId = props.account.id;
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepFrame
      title="Enter your password"
      lead={props.flow.username ? `Signing in as ${props.flow.username}.` : undefined}
      {...frameProps(props)}
      back
    >
      <StepForm
        label="Sign in with your password"
        busy={props.busy}
        onSubmit={() => {
          const found = password.length === 0 ? 'Enter your password.' : undefined;
          setProblem(found);
          if (!found) {
            void props.send({ type: 'answer', accountId, answer: { kind: 'password', password } });
          }
        }}
      >
        <PasswordField
          label="Password"
          value={password}
          onValue={setPassword}
          autocomplete="current-password"
          problem={problem}
        />
        <SubmitButton busy={props.busy} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
