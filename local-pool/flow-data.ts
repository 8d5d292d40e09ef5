/** What a challenge Session remembers between InitiateAuth and the answers. */
import type { ChallengeResult } from './config';
import type { IssuedCode } from './codes';
import type { ServerEphemeral } from './srp-verifier';

export type AuthFlowName = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH';

export interface FlowData {
  flow: AuthFlowName;
  clientMetadata: Record<string, string>;
  /** DEVICE_KEY the client presented, once known to belong to the user. */
  deviceKey?: string;
  srp?: { A: string; ephemeral: ServerEphemeral; secretBlock: string };
  /** SRP_A kept for CUSTOM_AUTH when the define trigger asks for PASSWORD_VERIFIER later. */
  pendingSrpA?: string;
  code?: IssuedCode & { medium: 'SMS' | 'EMAIL' };
  custom?: {
    history: ChallengeResult[];
    privateParameters: Record<string, string>;
    metadata?: string;
  };
  /** MFA_SETUP: the secret AssociateSoftwareToken handed out, and whether it was verified. */
  totpSecret?: string;
  totpVerified?: boolean;
  /** MFA_SETUP with EMAIL: the address being enrolled. */
  setupEmail?: string;
  /** A passwordless first factor (EMAIL_OTP / SMS_OTP) skips MFA, as on Cognito. */
  passwordless?: boolean;
  /** WEB_AUTHN: the base64url challenge handed out in CREDENTIAL_REQUEST_OPTIONS. */
  webAuthnChallenge?: string;
  /** SELECT_MFA_TYPE / MFA_SETUP choices offered. */
  choices?: string[];
}
