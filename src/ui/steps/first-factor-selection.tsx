import { ChoiceList } from '../forms/choice-list';
import { FIRST_FACTOR_LABELS } from '../labels';
import { StepFrame } from './step-frame';
import type { FirstFactor } from '../../signin/steps';
import type { StepProps } from './step-props';

/** Safest first: SRP keeps the password on the device, plain PASSWORD sends it. */
const FACTOR_ORDER: FirstFactor[] = [
  'PASSWORD_SRP',
  'WEB_AUTHN',
  'EMAIL_OTP',
  'SMS_OTP',
  'PASSWORD',
];

export function orderFactors(factors: FirstFactor[]): FirstFactor[] {
  return [...factors].sort((a, b) => FACTOR_ORDER.indexOf(a) - FACTOR_ORDER.indexOf(b));
}

export function FirstFactorSelection(
  props: StepProps<'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'>,
) {
  const accountId = props.account.id;
  return (
    <StepFrame
      title="How do you want to sign in?"
      flow={props.flow}
      accountId={accountId}
      busy={props.busy}
      send={props.send}
      now={props.now}
      back
    >
      <ChoiceList
        label="Ways to sign in"
        busy={props.busy}
        choices={orderFactors(props.step.availableChallenges).map((factor) => ({
          value: factor,
          ...FIRST_FACTOR_LABELS[factor],
        }))}
        onChoose={(factor) =>
          void props.send({
            type: 'answer',
            accountId,
            answer: { kind: 'selectFirstFactor', factor },
          })
        }
      />
    </StepFrame>
  );
}
