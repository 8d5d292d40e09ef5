import { useState } from 'preact/hooks';
import { NewPasswordFields } from '../forms/new-password-fields';
import { newPasswordProblem } from '../forms/new-password-problem';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { attributeInput, attributeLabel } from '../labels';
import { confirmProblem, requiredProblem } from '../validation';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

type Problems = Record<string, string>;

export function NewPasswordRequired(
  props: StepProps<'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'>,
) {
  const accountId = props.account.id;
  const { missingAttributes, currentAttributes } = props.step;
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  // Pre-filled from what Cognito already knows, so people only type what is really missing.
  const [attributes, setAttributes] = useState<Record<string, string>>(() =>
    Object.fromEntries(missingAttributes.map((name) => [name, currentAttributes[name] ?? ''])),
  );
  const [problems, setProblems] = useState<Problems>({});

  const submit = () => {
    const found: Problems = {};
    const newPassword = newPasswordProblem(password, props.account.passwordPolicy);
    if (newPassword) found.password = newPassword;
    const confirm = confirmProblem(password, confirmation);
    if (confirm) found.confirmation = confirm;
    for (const name of missingAttributes) {
      const problem = requiredProblem(attributes[name] ?? '', attributeLabel(name).toLowerCase());
      if (problem) found[name] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const trimmed = Object.fromEntries(
      missingAttributes.map((name) => [name, (attributes[name] ?? '').trim()]),
    );
    void props.send({
      type: 'answer',
      accountId,
      answer: { kind: 'newPassword', newPassword: password, attributes: trimmed },
    });
  };

  return (
    <StepFrame
      title="Choose a new password"
      lead="Your administrator asks you to replace the temporary password."
      {...frameProps(props)}
      back
    >
      <StepForm label="Choose a new password" busy={props.busy} onSubmit={submit}>
        <NewPasswordFields
          policy={props.account.passwordPolicy}
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          problems={problems}
        />
        {missingAttributes.length > 0 && (
          <fieldset>
            <legend>Also needed</legend>
            {missingAttributes.map((name) => {
              const input = attributeInput(name);
              return (
                <TextField
                  key={name}
                  label={attributeLabel(name)}
                  name={name}
                  type={input.type}
                  autocomplete={input.autocomplete}
                  value={attributes[name] ?? ''}
                  onValue={(value) => {
                    setAttributes({ ...attributes, [name]: value });
                  }}
                  problem={problems[name]}
                />
              );
            })}
          </fieldset>
        )}
        <SubmitButton busy={props.busy} busyLabel="Saving…">
          Save and sign in
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
