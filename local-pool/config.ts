/**
 * The seed / configuration format of the local pool: pools, app clients and users in any state.
 * Plain data except the custom-auth triggers, which are functions (as Lambda triggers are code).
 * Documented in local-pool/README.md.
 */

import type { OAuthClientConfig } from './oauth/client-config';

export type MfaMode = 'OFF' | 'OPTIONAL' | 'ON';
export type MfaKind = 'SMS' | 'TOTP' | 'EMAIL';
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
export type UserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';
export type ExplicitAuthFlow =
  | 'ALLOW_USER_SRP_AUTH'
  | 'ALLOW_USER_PASSWORD_AUTH'
  | 'ALLOW_CUSTOM_AUTH'
  | 'ALLOW_REFRESH_TOKEN_AUTH'
  | 'ALLOW_USER_AUTH';

/** ALWAYS: every confirmed device is remembered; USER_OPT_IN: only after UpdateDeviceStatus. */
export type DeviceTracking = 'OFF' | 'ALWAYS' | 'USER_OPT_IN';

export interface PasswordPolicy {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  /** How long an admin-set temporary password stays usable. */
  temporaryPasswordValidityDays: number;
}

export interface AppClientConfig {
  id: string;
  name?: string;
  /** When set, every call must carry SECRET_HASH (or ClientSecret for token calls). */
  secret?: string;
  /** Default: all five flows. */
  explicitAuthFlows?: ExplicitAuthFlow[];
  accessTokenValidityMinutes?: number;
  idTokenValidityMinutes?: number;
  refreshTokenValidityMinutes?: number;
  /** How long a challenge Session is accepted (Cognito allows 3–15, default 3). */
  authSessionValidityMinutes?: number;
  /** GetTokensFromRefreshToken returns a new refresh token and retires the old one. */
  refreshTokenRotation?: { enabled: boolean; retryGracePeriodSeconds?: number };
  /** Hosted UI (OAuth 2.0) settings; without them /oauth2/authorize refuses the client. */
  oauth?: OAuthClientConfig;
}

export interface UserConfig {
  username: string;
  /** For FORCE_CHANGE_PASSWORD users this is the temporary password. */
  password: string;
  status?: UserStatus;
  enabled?: boolean;
  /** Cognito attribute names, e.g. email, email_verified ("true"), phone_number, name. */
  attributes?: Record<string, string>;
  /** Fixed sub for reproducible tokens; random when absent. */
  sub?: string;
  mfa?: { sms?: boolean; totp?: boolean; email?: boolean; preferred?: MfaKind };
  /** Base32 TOTP secret; required when mfa.totp is on. */
  totpSecret?: string;
}

/** The three custom-auth triggers, shaped like Cognito's Lambda events (request → response). */
export interface ChallengeResult {
  challengeName: 'SRP_A' | 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE';
  challengeResult: boolean;
  challengeMetadata?: string;
}

export interface TriggerContext {
  userName: string;
  userAttributes: Record<string, string>;
  clientId: string;
  clientMetadata: Record<string, string>;
}

export interface DefineAuthChallengeResponse {
  challengeName?: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE';
  issueTokens: boolean;
  failAuthentication: boolean;
}

export interface CreateAuthChallengeResponse {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  challengeMetadata?: string;
}

/** What a trigger may do besides computing: send a code through the pool's outbox. */
export interface TriggerTools {
  sendEmail(to: string, code: string, message: string): void;
  sendSms(to: string, code: string, message: string): void;
  randomDigits(length: number): string;
}

export interface CustomAuthTriggers {
  defineAuthChallenge(
    event: TriggerContext & { session: ChallengeResult[] },
  ): DefineAuthChallengeResponse | Promise<DefineAuthChallengeResponse>;
  createAuthChallenge(
    event: TriggerContext & { challengeName: 'CUSTOM_CHALLENGE'; session: ChallengeResult[] },
    tools: TriggerTools,
  ): CreateAuthChallengeResponse | Promise<CreateAuthChallengeResponse>;
  verifyAuthChallengeResponse(
    event: TriggerContext & {
      privateChallengeParameters: Record<string, string>;
      challengeAnswer: string;
    },
  ): { answerCorrect: boolean } | Promise<{ answerCorrect: boolean }>;
}

/**
 * The relying party passkeys are bound to. Cognito takes a web domain (its own or a custom
 * domain); the local pool also takes `chrome-extension://<id>`, or `chrome-extension://*` for
 * whichever extension registers first, because Chromium lets an extension page use WebAuthn only
 * under its own origin (docs/passkeys.md).
 */
export interface WebAuthnConfig {
  relyingPartyId: string;
  /** Cognito's UserVerification setting (default "preferred"). */
  userVerification?: 'required' | 'preferred';
}

export interface UserPoolConfig {
  /** `<region>_<name>`; the part after `_` is the SRP pool name. */
  id: string;
  name?: string;
  mfa?: MfaMode;
  /** MFA factors the pool offers (default: all three). */
  mfaTypes?: MfaKind[];
  /** Attributes a user must have; NEW_PASSWORD_REQUIRED asks for the missing ones. */
  requiredAttributes?: string[];
  passwordPolicy?: Partial<PasswordPolicy>;
  deviceTracking?: DeviceTracking;
  /** USER_AUTH first factors (default: PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP). */
  firstFactors?: FirstFactor[];
  customAuth?: CustomAuthTriggers;
  /** Passkeys (WEB_AUTHN); absent: the WebAuthn operations answer WebAuthnNotEnabledException. */
  webAuthn?: WebAuthnConfig;
  clients: AppClientConfig[];
  users: UserConfig[];
}

export interface PoolConfig {
  pools: UserPoolConfig[];
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
};

export const ALL_AUTH_FLOWS: ExplicitAuthFlow[] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
];

/** Client settings with Cognito's defaults filled in. */
export function clientSettings(client: AppClientConfig) {
  return {
    explicitAuthFlows: client.explicitAuthFlows ?? ALL_AUTH_FLOWS,
    accessTokenValidityMinutes: client.accessTokenValidityMinutes ?? 60,
    idTokenValidityMinutes: client.idTokenValidityMinutes ?? 60,
    refreshTokenValidityMinutes: client.refreshTokenValidityMinutes ?? 30 * 24 * 60,
    authSessionValidityMinutes: client.authSessionValidityMinutes ?? 3,
    rotation: client.refreshTokenRotation?.enabled ?? false,
    retryGracePeriodSeconds: client.refreshTokenRotation?.retryGracePeriodSeconds ?? 0,
  };
}

export function poolSettings(pool: UserPoolConfig) {
  return {
    mfa: pool.mfa ?? 'OFF',
    mfaTypes: pool.mfaTypes ?? (['SMS', 'TOTP', 'EMAIL'] as MfaKind[]),
    requiredAttributes: pool.requiredAttributes ?? ['email'],
    passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...pool.passwordPolicy },
    deviceTracking: pool.deviceTracking ?? 'OFF',
    firstFactors:
      pool.firstFactors ?? (['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'] as FirstFactor[]),
  };
}

/** The SRP "pool name": the part of the pool id after the underscore. */
export function srpPoolName(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

export function poolRegion(poolId: string): string {
  return poolId.slice(0, poolId.indexOf('_'));
}
