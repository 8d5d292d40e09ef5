import { useState } from 'preact/hooks';
import { CodeInput } from '../forms/code-input';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { codeProblem, normalizeCode } from '../validation';

export interface CodeFormProps {
  label: string;
  busy: boolean;
  /** Called with the digits only, once they look like a code. */
  onCode: (code: string) => void;
  submitLabel?: string;
  inputLabel?: string;
  /** Pre-filled code (the vault's current one); the person can still change it. */
  initialCode?: string;
  /** Shown under the input, e.g. where the pre-filled code came from. */
  hint?: string;
}

/** The code input plus its submit button, with the check that keeps a typo from using the Session. */
export function CodeForm(props: CodeFormProps) {
  const { label, busy, onCode, submitLabel, inputLabel, initialCode, hint } = props;
  const [code, setCode] = useState(initialCode ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepForm
      label={label}
      busy={busy}
      onSubmit={() => {
        const found = codeProblem(code);
        setProblem(found);
        if (!found) onCode(normalizeCode(code));
      }}
    >
      <CodeInput
        value={code}
        onValue={setCode}
        problem={problem}
        {...(inputLabel ? { label: inputLabel } : {})}
        {...(hint ? { hint } : {})}
      />
      <SubmitButton busy={busy} busyLabel="Checking…">
        {submitLabel ?? 'Confirm'}
      </SubmitButton>
    </StepForm>
  );
}
