import type { ComponentChildren } from 'preact';

export interface StepFormProps {
  label: string;
  busy: boolean;
  /** Called on Enter or the submit button, never while a request runs. */
  onSubmit: () => void;
  children: ComponentChildren;
}

/** A form whose submission stays in the page: Enter submits, the browser never navigates. */
export function StepForm({ label, busy, onSubmit, children }: StepFormProps) {
  return (
    <form
      aria-label={label}
      aria-busy={busy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      {children}
    </form>
  );
}
