import { useState } from 'preact/hooks';
import { TextField } from './text-field';

export interface PasswordFieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** current-password on sign-in, new-password where one is chosen (lets managers offer one). */
  autocomplete: 'current-password' | 'new-password';
  problem?: string | undefined;
  hint?: string;
}

/** A password input with a show/hide toggle, so people can check what they typed. */
export function PasswordField(props: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={props.label}
      value={props.value}
      onValue={props.onValue}
      type={shown ? 'text' : 'password'}
      autocomplete={props.autocomplete}
      problem={props.problem}
      {...(props.hint ? { hint: props.hint } : {})}
      trailing={
        <button
          type="button"
          class="reveal"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Show'} ${props.label.toLowerCase()}`}
          onClick={() => {
            setShown(!shown);
          }}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      }
    />
  );
}
