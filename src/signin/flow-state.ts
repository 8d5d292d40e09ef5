/**
 * The sign-in state of one account as stored in `storage.session`. It holds Cognito's Session
 * (a short-lived, single-use string: fine in session storage, never on disk) but never a
 * password, a code or a token.
 */
import type { AuthFlow } from '../platform/protocol';
import type { AuthErrorView, FirstFactor, SignInStep } from './steps';

/** Cognito's AuthSessionValidity default; the app client's real value is not readable here. */
export const DEFAULT_SESSION_VALIDITY_MS = 3 * 60 * 1000;

export interface PendingChallenge {
  challengeName: string;
  session: string;
  /** Epoch ms after which Cognito refuses this Session. */
  expiresAt: number;
  /** USERNAME for answers: Cognito's USER_ID_FOR_SRP / USERNAME. */
  username: string;
  chosenFactor?: Extract<FirstFactor, 'PASSWORD' | 'PASSWORD_SRP'>;
}

export interface FlowState {
  step: SignInStep;
  /** The login typed by the person; kept across restarts. */
  username?: string;
  authFlow?: AuthFlow;
  pending?: PendingChallenge;
  /** SignUp / ConfirmSignUp Session, used for automatic sign-in after confirmation. */
  signUpSession?: { session: string; expiresAt: number };
  error?: AuthErrorView;
  notice?: string;
}

export const initialFlowState = (username?: string): FlowState =>
  username === undefined ? { step: { name: 'SIGN_IN' } } : { step: { name: 'SIGN_IN' }, username };
