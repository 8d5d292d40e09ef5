import type { ComponentChildren } from 'preact';

export interface SubmitButtonProps {
  busy: boolean;
  children: ComponentChildren;
  /** What the button says while the request runs ("Signing in…"). */
  busyLabel?: string;
}

/** Disabled while a request runs, so one click is one request: Cognito Sessions are single-use. */
export function SubmitButton({ busy, children, busyLabel }: SubmitButtonProps) {
  return (
    <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
      {busy && <span class="spinner" aria-hidden="true" />}
      {busy ? (busyLabel ?? 'Working…') : children}
    </button>
  );
}
