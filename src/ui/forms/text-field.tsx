import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface TextFieldProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password' | 'url';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  /** Shown under the input and linked to it, so screen readers read it with the label. */
  problem?: string | undefined;
  hint?: string;
  name?: string;
  readOnly?: boolean;
  maxLength?: number;
  /** Rendered inside the input's row (the show/hide button of a password field). */
  trailing?: ComponentChildren;
  spellcheck?: boolean;
}

/** A labelled input with its hint and problem wired to aria-describedby. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [props.hint ? hintId : '', props.problem ? problemId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <div class="field-row">
        <input
          id={id}
          name={props.name}
          // Preact's input typings are split by type (tsc needs the cast, the linter disagrees).
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          type={(props.type ?? 'text') as 'text'}
          value={props.value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          readOnly={props.readOnly}
          maxLength={props.maxLength}
          spellcheck={props.spellcheck ?? false}
          autocapitalize="off"
          aria-invalid={props.problem ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(event) => {
            props.onValue(event.currentTarget.value);
          }}
        />
        {props.trailing}
      </div>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p id={problemId} class="problem">
          {props.problem}
        </p>
      )}
    </div>
  );
}
