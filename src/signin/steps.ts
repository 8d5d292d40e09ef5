/**
 * The public sign-in steps: what the background tells the popup to show. Names and data follow
 * Amplify's `nextStep.signInStep` vocabulary (DESIGN.md, "Sign-in steps"), plus SIGN_IN (nothing
 * started), SIGN_UP (the create-account form) and DONE. Everything here is plain data that can be
 * stored in `storage.session` and sent over runtime messaging; it never holds a password, a code,
 * a token or a Cognito Session.
 */

export type MfaType = 'SMS' | 'TOTP' | 'EMAIL';
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

export interface CodeDeliveryDetails {
  deliveryMedium?: 'SMS' | 'EMAIL';
  /** Masked by Cognito, e.g. "+*******0100" or "a***@e***". */
  destination?: string;
  attributeName?: string;
}

export interface TotpSetupDetails {
  sharedSecret: string;
  /** otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 */
  otpauthUri: string;
}

export interface SignedInUser {
  username: string;
  sub: string;
  email?: string;
}

export type SignInStep =
  | { name: 'SIGN_IN' }
  | { name: 'SIGN_UP' }
  | { name: 'CONFIRM_SIGN_IN_WITH_SMS_CODE'; codeDeliveryDetails: CodeDeliveryDetails }
  | { name: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }
  | { name: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'; codeDeliveryDetails: CodeDeliveryDetails }
  | { name: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }
  | { name: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'; availableChallenges: FirstFactor[] }
  | {
      name: 'CONFIRM_SIGN_IN_WITH_WEB_AUTHN';
      /** Cognito's CREDENTIAL_REQUEST_OPTIONS (JSON): the page runs the passkey ceremony. */
      credentialRequestOptions: string;
    }
  | { name: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'; allowedMFATypes: MfaType[] }
  | { name: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'; allowedMFATypes: MfaType[] }
  | { name: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'; totpSetupDetails: TotpSetupDetails }
  | { name: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' }
  | {
      name: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED';
      /** Attribute names without the `userAttributes.` prefix. */
      missingAttributes: string[];
      /** Cognito's current attributes, kept for pre-filling (Amplify drops them). */
      currentAttributes: Record<string, string>;
    }
  | { name: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'; parameters: Record<string, string> }
  | {
      name: 'RESET_PASSWORD';
      /** REQUEST: ask for the username and send a code; CONFIRM: code + new password. */
      phase: 'REQUEST' | 'CONFIRM';
      codeDeliveryDetails?: CodeDeliveryDetails;
    }
  | { name: 'CONFIRM_SIGN_UP'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { name: 'DONE'; user: SignedInUser; accessTokenExpiresAt: number };

export type StepName = SignInStep['name'];

export type StepOf<N extends StepName> = Extract<SignInStep, { name: N }>;

/** Errors shown to people: Cognito's exception name, a plain message and what to do next. */
export interface AuthErrorView {
  code: string;
  message: string;
  recovery: string;
}

/**
 * Everything the popup needs to render one account's sign-in: the step, who is signing in, the
 * Cognito Session's expiry (for the countdown) and the last error.
 */
export interface FlowView {
  step: SignInStep;
  /** The login typed by the person (kept across restarts of the flow). */
  username?: string;
  /** Epoch ms when the challenge Session stops being accepted; absent outside challenges. */
  sessionExpiresAt?: number;
  /** True once `sessionExpiresAt` has passed: the popup offers a restart. */
  sessionExpired?: boolean;
  /** Whether "Resend" is offered for the current code step. */
  canResend?: boolean;
  error?: AuthErrorView;
  /** A neutral message, e.g. "Your password was changed. Sign in with the new password." */
  notice?: string;
  /**
   * On CONFIRM_SIGN_IN_WITH_TOTP_CODE, when the authenticator holds this user's secret: the code
   * to pre-fill (never the secret). Absent when the vault is locked or has no entry.
   */
  authenticatorCode?: { code: string; secondsRemaining: number; autoAnswer: boolean };
}
