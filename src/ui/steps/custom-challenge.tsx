import { useState } from 'preact/hooks';
import { StepForm } from '../forms/step-form';
import { SubmitButton } from '../forms/submit-button';
import { TextField } from '../forms/text-field';
import { requiredProblem } from '../validation';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

/** Parameters a custom-auth trigger conventionally uses to talk to people, in that order. */
const PROMPT_KEYS = ['prompt', 'question', 'message', 'hint'];

/** What to show: the trigger's own prompt and hint when it gives them, otherwise every parameter. */
export function challengeText(parameters: Record<string, string>): {
  prompt?: string;
  hint?: string;
  others: [string, string][];
} {
  const find = (key: string) =>
    Object.entries(parameters).find(([name]) => name.toLowerCase() === key)?.[1];
  const prompt = PROMPT_KEYS.slice(0, 3)
    .map(find)
    .find((value) => value !== undefined);
  const hint = find('hint');
  const others = Object.entries(parameters).filter(
    ([name]) => !PROMPT_KEYS.includes(name.toLowerCase()) && name !== 'USERNAME',
  );
  return {
    ...(prompt !== undefined ? { prompt } : {}),
    ...(hint !== undefined ? { hint } : {}),
    others: prompt === undefined ? others : [],
  };
}

export function CustomChallenge(props: StepProps<'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'>) {
  const accountId = props.account.id;
  const text = challengeText(props.step.parameters);
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <StepFrame
      title="Answer the challenge"
      lead={text.prompt ?? 'This account asks one more question.'}
      {...frameProps(props)}
      back
    >
      {text.others.length > 0 && (
        <dl class="parameters">
          {text.others.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <StepForm
        label="Challenge answer"
        busy={props.busy}
        onSubmit={() => {
          const found = requiredProblem(answer, 'your answer');
          setProblem(found);
          if (found) return;
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'customChallenge', answer: answer.trim() },
          });
        }}
      >
        <TextField
          label="Answer"
          name="answer"
          autocomplete="one-time-code"
          value={answer}
          onValue={setAnswer}
          problem={problem}
          {...(text.hint !== undefined ? { hint: text.hint } : {})}
        />
        <SubmitButton busy={props.busy} busyLabel="Checking…">
          Continue
        </SubmitButton>
      </StepForm>
    </StepFrame>
  );
}
