export interface Choice<T extends string> {
  value: T;
  label: string;
  hint: string;
}

export interface ChoiceListProps<T extends string> {
  label: string;
  choices: Choice<T>[];
  busy: boolean;
  onChoose: (value: T) => void;
}

/** One button per option: a choice is one click or one Enter, with a human label and a hint. */
export function ChoiceList<T extends string>({
  label,
  choices,
  busy,
  onChoose,
}: ChoiceListProps<T>) {
  return (
    <ul class="choices" aria-label={label}>
      {choices.map((choice) => (
        <li key={choice.value}>
          <button
            type="button"
            class="choice"
            disabled={busy}
            data-value={choice.value}
            onClick={() => {
              onChoose(choice.value);
            }}
          >
            <span class="choice-label">{choice.label}</span>
            <span class="choice-hint">{choice.hint}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
