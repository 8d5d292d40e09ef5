import { ConfirmWebAuthn } from './confirm-web-authn';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AccountView } from '../../platform/protocol';
import type { FlowView, SignInStep } from '../../signin/steps';
import { ConfirmDeliveredCode } from './confirm-delivered-code';
import { ConfirmPassword } from './confirm-password';
import { ConfirmSignUp } from './confirm-sign-up';
import { ConfirmTotpCode } from './confirm-totp-code';
import { CustomChallenge } from './custom-challenge';
import { Done } from './done';
import { EmailSetup } from './email-setup';
import { FirstFactorSelection } from './first-factor-selection';
import { MfaSelection } from './mfa-selection';
import { MfaSetupSelection } from './mfa-setup-selection';
import { SignIn } from './sign-in';
import type { SendRequest } from './step-props';
import { useLoaded } from '../use-loaded';
import { TotpSetup } from './totp-setup';

export interface StepViewProps {
  flow: FlowView;
  account: AccountView;
  accounts: AccountView[];
  busy: boolean;
  send: SendRequest;
  now?: () => number;
}

/** A key that changes when a new screen shows (a step, or a phase of one). */
export function screenKey(step: SignInStep, accountId: string): string {
  return step.name === 'RESET_PASSWORD'
    ? `${accountId}:${step.name}:${step.phase}`
    : `${accountId}:${step.name}`;
}

/**
 * Renders the step the background is on. Each new screen gets a fresh component (so nothing
 * typed for one step leaks into the next) and keyboard focus on its first field.
 */
export function StepView(props: StepViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const key = screenKey(props.flow.step, props.account.id);
  // A layout effect: focus lands before the next paint, so typing never goes to the old screen.
  useLayoutEffect(() => {
    focusFirstField(container.current);
  }, [key]);
  return (
    <div ref={container} class="step-view">
      <StepScreen key={key} {...props} />
    </div>
  );
}

/** The first thing to type into (not the account picker above it), else the first control. */
function focusFirstField(root: HTMLElement | null): void {
  const first =
    root?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea') ??
    root?.querySelector<HTMLElement>('select:not([disabled]), button:not([disabled])');
  first?.focus();
}

type PasswordChoiceSteps = typeof import('./password-choice-steps');
const loadPasswordChoiceSteps = () => import('./password-choice-steps');

/**
 * A screen from the password-choice chunk: rendered once the chunk is loaded (a local file, a
 * few milliseconds), then focused the way StepView focuses every new screen.
 */
function PasswordChoiceStep(props: { render: (steps: PasswordChoiceSteps) => ComponentChildren }) {
  const steps = useLoaded(loadPasswordChoiceSteps);
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (steps) focusFirstField(container.current);
  }, [steps]);
  return <div ref={container}>{steps && props.render(steps)}</div>;
}

function StepScreen(props: StepViewProps) {
  const { flow } = props;
  const common = {
    flow,
    account: props.account,
    accounts: props.accounts,
    busy: props.busy,
    send: props.send,
    ...(props.now ? { now: props.now } : {}),
  };
  const step = flow.step;
  switch (step.name) {
    case 'SIGN_IN':
      return <SignIn step={step} {...common} />;
    case 'SIGN_UP':
      return <PasswordChoiceStep render={({ SignUp }) => <SignUp step={step} {...common} />} />;
    case 'CONFIRM_SIGN_IN_WITH_SMS_CODE':
      return <ConfirmDeliveredCode step={step} {...common} />;
    case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
      return <ConfirmTotpCode step={step} {...common} />;
    case 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE':
      return <ConfirmDeliveredCode step={step} {...common} />;
    case 'CONFIRM_SIGN_IN_WITH_PASSWORD':
      return <ConfirmPassword step={step} {...common} />;
    case 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION':
      return <FirstFactorSelection step={step} {...common} />;
    case 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN':
      return <ConfirmWebAuthn step={step} {...common} />;
    case 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION':
      return <MfaSelection step={step} {...common} />;
    case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
      return <MfaSetupSelection step={step} {...common} />;
    case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP':
      return <TotpSetup step={step} {...common} />;
    case 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP':
      return <EmailSetup step={step} {...common} />;
    case 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED':
      return (
        <PasswordChoiceStep
          render={({ NewPasswordRequired }) => <NewPasswordRequired step={step} {...common} />}
        />
      );
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
      return <CustomChallenge step={step} {...common} />;
    case 'RESET_PASSWORD':
      return (
        <PasswordChoiceStep
          render={({ ResetPassword }) => <ResetPassword step={step} {...common} />}
        />
      );
    case 'CONFIRM_SIGN_UP':
      return <ConfirmSignUp step={step} {...common} />;
    case 'DONE':
      return <Done step={step} {...common} />;
  }
}
