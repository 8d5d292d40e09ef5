import { TextField } from './text-field';

export interface CodeInputProps {
  value: string;
  onValue: (value: string) => void;
  label?: string;
  problem?: string | undefined;
  hint?: string;
}

/**
 * The one-time code input: `one-time-code` lets the browser and the OTP autofill offer the code,
 * `numeric` brings up the digit keyboard on touch devices.
 */
export function CodeInput(props: CodeInputProps) {
  return (
    <TextField
      label={props.label ?? 'Code'}
      name="code"
      value={props.value}
      onValue={props.onValue}
      autocomplete="one-time-code"
      inputMode="numeric"
      maxLength={12}
      problem={props.problem}
      {...(props.hint ? { hint: props.hint } : {})}
    />
  );
}
