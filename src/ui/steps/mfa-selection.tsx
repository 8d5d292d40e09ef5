import { ChoiceList } from '../forms/choice-list';
import { MFA_LABELS } from '../labels';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function MfaSelection(props: StepProps<'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'>) {
  const accountId = props.account.id;
  return (
    <StepFrame title="Choose how to confirm it's you" {...frameProps(props)} back>
      <ChoiceList
        label="Second steps"
        busy={props.busy}
        choices={props.step.allowedMFATypes.map((mfa) => ({ value: mfa, ...MFA_LABELS[mfa] }))}
        onChoose={(mfa) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'selectMfa', mfa } })
        }
      />
    </StepFrame>
  );
}
