import type { AuthErrorView } from '../../signin/steps';

/** The plain message and what to do next, announced as soon as it appears. */
export function ErrorAlert({ error }: { error: AuthErrorView }) {
  return (
    <div class="alert" role="alert" data-code={error.code}>
      <p class="alert-message">{error.message}</p>
      <p class="alert-recovery">{error.recovery}</p>
    </div>
  );
}
