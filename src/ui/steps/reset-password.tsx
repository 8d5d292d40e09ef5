import { useState } from 'preact/hooks';
import { CodeInput } from '../forms/code-input';
import { NewPasswordFields } from '../forms/new-password-fields';
import { newPasswordProblem } from '../forms/new-password-problem';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { codeProblem, confirmProblem, normalizeCode, requiredProblem } from '../validation';
import { deliverySentence } from './delivery';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

/** Both phases of a password reset: ask for a code, then the code and the new password. */
export function ResetPassword(props: StepProps<'RESET_PASSWORD'>) {
  return props.step.phase === 'REQUEST' ? <ResetRequest {...props} /> : <ResetConfirm {...props} />;
}

function ResetRequest(props: StepProps<'RESET_PASSWORD'>) {
  const accountId = props.account.id;
  const [username, setUsername] = useState(props.flow.username ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepFrame
      title="Reset your password"
      lead="We will send a code to the email or phone of your account."
      {...frameProps(props)}
      back
    >
      <StepForm
        label="Reset password"
        busy={props.busy}
        onSubmit={() => {
          const found = requiredProblem(username, 'your username or email');
          setProblem(found);
          if (found) return;
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'resetRequest', username: username.trim() },
          });
        }}
      >
        <TextField
          label="Username or email"
          name="username"
          autocomplete="username"
          value={username}
          onValue={setUsername}
          problem={problem}
        />
        <SubmitButton busy={props.busy} busyLabel="Sending a code…">
          Send a code
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}

function ResetConfirm(props: StepProps<'RESET_PASSWORD'>) {
  const accountId = props.account.id;
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<{
    code?: string | undefined;
    password?: string | undefined;
    confirmation?: string | undefined;
  }>({});
  const submit = () => {
    const found = {
      code: codeProblem(code),
      password: newPasswordProblem(password, props.account.passwordPolicy),
      confirmation: confirmProblem(password, confirmation),
    };
    setProblems(found);
    if (found.code ?? found.password ?? found.confirmation) return;
    void props.send({
      type: 'answer',
      accountId,
      answer: { kind: 'resetConfirm', code: normalizeCode(code), newPassword: password },
    });
  };
  return (
    <StepFrame
      title="Choose a new password"
      lead={deliverySentence(props.step.codeDeliveryDetails, 'We sent you a code.')}
      {...frameProps(props)}
      resend={props.flow.canResend === true}
      back
    >
      <StepForm label="Choose a new password" busy={props.busy} onSubmit={submit}>
        <CodeInput value={code} onValue={setCode} problem={problems.code} />
        <NewPasswordFields
          policy={props.account.passwordPolicy}
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          problems={problems}
        />
        <SubmitButton busy={props.busy} busyLabel="Saving…">
          Reset password
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
