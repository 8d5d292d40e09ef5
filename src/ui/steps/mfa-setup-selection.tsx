import { ChoiceList } from '../forms/choice-list';
import { MFA_LABELS } from '../labels';
import { frameProps, StepFrame } from './step-frame';
import type { StepProps } from './step-props';

export function MfaSetupSelection(props: StepProps<'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'>) {
  const accountId = props.account.id;
  return (
    <StepFrame
      title="Set up a second step"
      lead="This account requires one. Choose how you want to confirm it's you from now on."
      {...frameProps(props)}
      back
    >
      <ChoiceList
        label="Second steps you can set up"
        busy={props.busy}
        choices={props.step.allowedMFATypes.map((mfa) => ({ value: mfa, ...MFA_LABELS[mfa] }))}
        onChoose={(mfa) =>
          void props.send({ type: 'answer', accountId, answer: { kind: 'selectMfaSetup', mfa } })
        }
      />
    </StepFrame>
  );
}
