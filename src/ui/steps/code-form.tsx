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
}

/** The code input plus its submit button, with the check that keeps a typo from using the Session. */
export function CodeForm({ label, busy, onCode, submitLabel, inputLabel }: CodeFormProps) {
  const [code, setCode] = useState('');
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
      />
      <SubmitButton busy={busy} busyLabel="Checking…">
        {submitLabel ?? 'Confirm'}
      </SubmitButton>
    </StepForm>
  );
}
