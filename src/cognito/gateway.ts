/**
 * The Cognito operations the background uses, as plain data in and out. The sign-in runner,
 * the refresh scheduler and sign-out only see this interface, so tests can wrap or replace it
 * (e.g. to return an unknown challenge) without touching the SDK.
 */
import type { CodeDeliveryDetails } from '../signin/steps';
import type { ServerClock } from './server-clock';

/** What identifies one app client of one user pool. */
export interface CognitoClientConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** Overrides Cognito's regional endpoint (the local pool). */
  endpoint?: string | undefined;
}

export interface AuthTokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresInSeconds: number;
  newDevice?: { deviceKey: string; deviceGroupKey: string };
}

export type AuthStepResult =
  | { kind: 'tokens'; tokens: AuthTokens }
  | {
      kind: 'challenge';
      challengeName: string;
      parameters: Record<string, string>;
      session: string;
      /** USER_AUTH only: the first factors Cognito offers (top level of the response). */
      availableChallenges?: string[];
    };

export interface CognitoGateway {
  readonly config: CognitoClientConfig;
  /** Cognito's clock, measured from its answers (SRP TIMESTAMPs are written in its time). */
  readonly serverClock?: ServerClock;
  /** SECRET_HASH is added from parameters.USERNAME when the client has a secret. */
  initiateAuth(input: {
    authFlow: string;
    parameters: Record<string, string>;
    session?: string;
  }): Promise<AuthStepResult>;
  /** Never retried: Sessions are single-use. SECRET_HASH from responses.USERNAME. */
  respondToAuthChallenge(input: {
    challengeName: string;
    responses: Record<string, string>;
    session: string;
  }): Promise<AuthStepResult>;
  associateSoftwareToken(input: {
    session: string;
  }): Promise<{ secretCode: string; session: string }>;
  /** Never retried. */
  verifySoftwareToken(input: {
    session: string;
    code: string;
    friendlyDeviceName?: string;
  }): Promise<{ session: string }>;
  signUp(input: {
    username: string;
    password: string;
    attributes: Record<string, string>;
  }): Promise<{
    userConfirmed: boolean;
    codeDeliveryDetails?: CodeDeliveryDetails;
    session?: string;
  }>;
  confirmSignUp(input: {
    username: string;
    code: string;
    session?: string;
  }): Promise<{ session?: string }>;
  resendConfirmationCode(input: { username: string }): Promise<CodeDeliveryDetails | undefined>;
  forgotPassword(input: { username: string }): Promise<CodeDeliveryDetails | undefined>;
  confirmForgotPassword(input: {
    username: string;
    code: string;
    newPassword: string;
  }): Promise<void>;
  /** Retried on throttling / 5xx / network. Sends ClientSecret (not a hash) when there is one. */
  getTokensFromRefreshToken(input: {
    refreshToken: string;
    deviceKey?: string;
  }): Promise<AuthTokens>;
  /** The older refresh (InitiateAuth REFRESH_TOKEN_AUTH); the username feeds SECRET_HASH. */
  refreshTokenAuth(input: {
    refreshToken: string;
    username: string;
    deviceKey?: string;
  }): Promise<AuthTokens>;
  revokeToken(input: { refreshToken: string }): Promise<void>;
  globalSignOut(input: { accessToken: string }): Promise<void>;
  confirmDevice(input: {
    accessToken: string;
    deviceKey: string;
    deviceName: string;
    salt: string;
    passwordVerifier: string;
  }): Promise<{ userConfirmationNecessary: boolean }>;
  /** USER_OPT_IN pools: a confirmed device skips MFA only once it is marked remembered. */
  updateDeviceStatus(input: {
    accessToken: string;
    deviceKey: string;
    remembered: boolean;
  }): Promise<void>;
  getUser(input: {
    accessToken: string;
  }): Promise<{ username: string; attributes: Record<string, string> }>;
}
