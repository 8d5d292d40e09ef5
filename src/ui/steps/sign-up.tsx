import { useState } from 'preact/hooks';
import { NewPasswordFields } from '../forms/new-password-fields';
import { newPasswordProblem } from '../forms/new-password-problem';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { confirmProblem, emailProblem, requiredProblem } from '../validation';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

interface Problems {
  username?: string | undefined;
  email?: string | undefined;
  password?: string | undefined;
  confirmation?: string | undefined;
}

export function SignUp(props: StepProps<'SIGN_UP'>) {
  const accountId = props.account.id;
  const [username, setUsername] = useState(props.flow.username ?? '');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const submit = () => {
    const found: Problems = {
      username: requiredProblem(username, 'a username'),
      email: emailProblem(email),
      password: newPasswordProblem(password, props.account.passwordPolicy),
      confirmation: confirmProblem(password, confirmation),
    };
    setProblems(found);
    if (Object.values(found).some((problem) => problem !== undefined)) return;
    void props.send({
      type: 'signUp',
      accountId,
      username: username.trim(),
      password,
      // The page cannot know which attributes the pool requires: name is offered, sent if given.
      attributes: { email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) },
    });
  };
  return (
    <StepFrame
      title="Create an account"
      lead={`on ${props.account.displayName}`}
      {...frameProps(props)}
      back
    >
      <StepForm label="Create an account" busy={props.busy} onSubmit={submit}>
        <TextField
          label="Username"
          name="username"
          autocomplete="username"
          value={username}
          onValue={setUsername}
          problem={problems.username}
        />
        <TextField
          label="Email"
          type="email"
          inputMode="email"
          autocomplete="email"
          value={email}
          onValue={setEmail}
          problem={problems.email}
        />
        <TextField
          label="Full name"
          autocomplete="name"
          value={name}
          onValue={setName}
          hint="Some pools require it."
        />
        <NewPasswordFields
          policy={props.account.passwordPolicy}
          label="Password"
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          problems={problems}
        />
        <SubmitButton busy={props.busy} busyLabel="Creating…">
          Create account
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
