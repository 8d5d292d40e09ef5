/**
 * Edit / Remove for one row of a list (accounts, sites), with the removal confirmed in place:
 * the first "Remove" turns the pair into "<confirmLabel>" and "Keep", so nothing is lost on one
 * misplaced click and no modal dialog is needed.
 */
export interface RowActionsProps {
  /** What the row is called in the buttons' accessible names ("Demo pool", an origin). */
  name: string;
  /** The confirming button's text ("Remove Demo pool", "Stop sharing with https://…"). */
  confirmLabel: string;
  busy: boolean;
  confirming: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onCancelRemove: () => void;
  onConfirmRemove: () => void;
}

export function RowActions(props: RowActionsProps) {
  return (
    <div class="row-actions">
      {props.confirming ? (
        <>
          <button
            type="button"
            class="danger-button"
            disabled={props.busy}
            onClick={props.onConfirmRemove}
          >
            {props.confirmLabel}
          </button>
          <button type="button" class="secondary" onClick={props.onCancelRemove}>
            Keep
          </button>
        </>
      ) : (
        <>
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
            onClick={props.onRemove}
          >
            Remove
          </button>
        </>
      )}
    </div>
  );
}
