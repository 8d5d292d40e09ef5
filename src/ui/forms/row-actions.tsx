import { useState } from 'preact/hooks';

/**
 * Edit / Remove for one row of a list (accounts, sites), with the removal confirmed in place:
 * the first "Remove" turns the pair into "<confirmLabel>" and "Keep", so nothing is lost on one
 * misplaced click and no modal dialog is needed. The row keeps its own confirming state; the
 * list only says what removing does.
 */
export interface RowActionsProps {
  /** What the row is called in the buttons' accessible names ("Demo pool", an origin). */
  name: string;
  /** The confirming button's text ("Remove Demo pool", "Stop sharing with https://…"). */
  confirmLabel: string;
  busy: boolean;
  onEdit: () => void;
  /** Removes the row; the confirmation closes when it settles (a refused removal stays listed). */
  onConfirmRemove: () => Promise<unknown>;
}

export function RowActions(props: RowActionsProps) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <div class="row-actions">
        <button
          type="button"
          class="danger-button"
          disabled={props.busy}
          onClick={() => {
            void props.onConfirmRemove().finally(() => {
              setConfirming(false);
            });
          }}
        >
          {props.confirmLabel}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setConfirming(false);
          }}
        >
          Keep
        </button>
      </div>
    );
  }
  return (
    <div class="row-actions">
      <button
        type="button"
        class="secondary"
        aria-label={`Edit ${props.name}`}
        onClick={props.onEdit}
      >
        Edit
      </button>
      <button
        type="button"
        class="danger-button"
        aria-label={`Remove ${props.name}…`}
        onClick={() => {
          setConfirming(true);
        }}
      >
        Remove
      </button>
    </div>
  );
}
