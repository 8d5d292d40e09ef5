/**
 * What the reducer asks the runner to do, and what the runner reports back. Effects can carry a
 * password or a code for the one call that needs it; they are never persisted.
 */
import type { AuthStepResult, AuthTokens } from '../cognito/gateway';
import type { AuthFlow, StepAnswer } from '../platform/protocol';
import type { ChallengeAnswer } from './answer-to-responses';
import type { AuthErrorView, CodeDeliveryDetails, FirstFactor, SignedInUser } from './steps';

export type Effect =
  | {
      type: 'initiateAuth';
      authFlow: AuthFlow;
      username: string;
      password?: string;
      preferredChallenge?: FirstFactor;
      /** ConfirmSignUp's Session: USER_AUTH without a password (automatic sign-in). */
      session?: string;
    }
  | ({ type: 'respond'; session: string } & ChallengeAnswer)
  | { type: 'associateTotp'; session: string }
  | {
      type: 'verifyTotp';
      session: string;
      code: string;
      username: string;
      friendlyDeviceName?: string;
    }
  | { type: 'signUp'; username: string; password: string; attributes: Record<string, string> }
  | { type: 'confirmSignUp'; username: string; code: string; session?: string }
  | { type: 'resendSignUpCode'; username: string }
  | { type: 'forgotPassword'; username: string }
  | { type: 'confirmForgotPassword'; username: string; code: string; newPassword: string }
  | { type: 'completeSignIn'; tokens: AuthTokens };

export type EffectType = Effect['type'];

/** Things people do (from page requests). */
export type UserEvent =
  | {
      type: 'start';
      username: string;
      password?: string;
      authFlow: AuthFlow;
      preferredChallenge?: FirstFactor;
    }
  | { type: 'answer'; answer: StepAnswer }
  | { type: 'resend' }
  | { type: 'restart' }
  | { type: 'showSignUp' }
  | { type: 'showResetPassword'; username?: string }
  | { type: 'signUp'; username: string; password: string; attributes: Record<string, string> }
  | { type: 'signedOut' };

/** What the runner reports after performing an effect. */
export type ResultEvent =
  | { type: 'authResult'; result: AuthStepResult }
  | { type: 'totpAssociated'; secretCode: string; session: string }
  | { type: 'signedIn'; user: SignedInUser; accessTokenExpiresAt: number }
  | {
      type: 'codeSent';
      purpose: 'signUp' | 'reset';
      codeDeliveryDetails?: CodeDeliveryDetails;
      session?: string;
      /** signUp only: the pool confirmed the user at once. */
      userConfirmed?: boolean;
    }
  | { type: 'signUpConfirmed'; session?: string }
  | { type: 'passwordReset' }
  | { type: 'failed'; effect: EffectType; autoSignIn?: boolean; error: AuthErrorView };

export type FlowEvent = UserEvent | ResultEvent;

export interface ReduceContext {
  now: number;
  /** The account's display name: the issuer in otpauth URIs. */
  accountName: string;
  sessionValidityMs?: number;
}
