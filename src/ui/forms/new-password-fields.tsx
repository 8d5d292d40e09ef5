import { describePasswordPolicy, type PasswordPolicy } from '../../session/password-policy';
import { PasswordField } from './password-field';

export interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  problems: { password?: string | undefined; confirmation?: string | undefined };
  /** "New password" where one replaces another, "Password" on sign-up. */
  label?: string;
  /** The pool's rules, shown under the first field when the account knows them. */
  policy?: PasswordPolicy | undefined;
}

/**
 * A password chosen here is typed twice: there is no recovery from a typo in a password the
 * person has never seen, and both inputs say `new-password` so managers can offer one.
 */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const label = props.label ?? 'New password';
  return (
    <>
      <PasswordField
        label={label}
        value={props.password}
        onValue={props.onPassword}
        autocomplete="new-password"
        problem={props.problems.password}
        {...(props.policy && { hint: describePasswordPolicy(props.policy) })}
      />
      <PasswordField
        label={`Confirm ${label.toLowerCase()}`}
        value={props.confirmation}
        onValue={props.onConfirmation}
        autocomplete="new-password"
        problem={props.problems.confirmation}
      />
    </>
  );
}
