/**
 * The one message protocol between extension pages (popup, options) and the background.
 * Every inbound message is parsed with `PageRequestSchema` before anything looks at it; the
 * types below are derived from the schemas so the two can never drift apart.
 */
import * as v from 'valibot';
import { OAuthSettingsSchema, type OAuthSettings } from '../oauth/settings';
import type { PasswordPolicy } from '../session/password-policy';
import type { FlowView } from '../signin/steps';

const text = (max = 256) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max = 256) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const code = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{1,64}$/));
const accountId = nonEmpty(64);
const attributes = v.record(v.pipe(v.string(), v.maxLength(128)), text(2048));

export const AuthFlowSchema = v.picklist([
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'CUSTOM_AUTH',
  'CUSTOM_WITH_SRP',
  'USER_AUTH',
]);
export type AuthFlow = v.InferOutput<typeof AuthFlowSchema>;

export const FirstFactorSchema = v.picklist([
  'PASSWORD',
  'PASSWORD_SRP',
  'EMAIL_OTP',
  'SMS_OTP',
  'WEB_AUTHN',
]);
export const MfaTypeSchema = v.picklist(['SMS', 'TOTP', 'EMAIL']);

/** What the person typed or chose on the current step. */
export const StepAnswerSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('code'), code }),
  v.strictObject({ kind: v.literal('selectMfa'), mfa: MfaTypeSchema }),
  v.strictObject({ kind: v.literal('selectMfaSetup'), mfa: MfaTypeSchema }),
  v.strictObject({ kind: v.literal('selectFirstFactor'), factor: FirstFactorSchema }),
  v.strictObject({ kind: v.literal('password'), password: nonEmpty() }),
  v.strictObject({
    kind: v.literal('totpSetup'),
    code,
    deviceName: v.optional(text(64)),
    saveToAuthenticator: v.optional(v.boolean()),
  }),
  v.strictObject({
    kind: v.literal('emailSetup'),
    email: v.pipe(v.string(), v.email(), v.maxLength(256)),
  }),
  v.strictObject({ kind: v.literal('newPassword'), newPassword: nonEmpty(), attributes }),
  v.strictObject({ kind: v.literal('customChallenge'), answer: nonEmpty(2048) }),
  v.strictObject({ kind: v.literal('resetRequest'), username: nonEmpty(128) }),
  v.strictObject({ kind: v.literal('resetConfirm'), code, newPassword: nonEmpty() }),
  v.strictObject({ kind: v.literal('confirmSignUp'), code }),
  /** WEB_AUTHN: the assertion's JSON, answered as CREDENTIAL. */
  v.strictObject({ kind: v.literal('webAuthnCredential'), credential: nonEmpty(16384) }),
  /** The passkey ceremony failed or was cancelled in the page: fall back to another factor. */
  v.strictObject({
    kind: v.literal('webAuthnFailed'),
    code: v.picklist([
      'PasskeyCancelled',
      'PasskeyWrongPlace',
      'PasskeyAlreadyRegistered',
      'PasskeyUnavailable',
      'PasskeyFailed',
    ]),
    message: text(512),
    recovery: text(512),
  }),
]);
export type StepAnswer = v.InferOutput<typeof StepAnswerSchema>;

/** src/session/password-policy.ts; Cognito allows lengths 6 to 99. */
export const PasswordPolicySchema = v.strictObject({
  minLength: v.pipe(v.number(), v.integer(), v.minValue(6), v.maxValue(99)),
  requireLowercase: v.boolean(),
  requireUppercase: v.boolean(),
  requireNumbers: v.boolean(),
  requireSymbols: v.boolean(),
});

export const AccountInputSchema = v.strictObject({
  id: v.optional(accountId),
  displayName: nonEmpty(64),
  region: v.pipe(v.string(), v.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/)),
  userPoolId: v.pipe(v.string(), v.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9A-Za-z]+$/)),
  clientId: v.pipe(v.string(), v.regex(/^[0-9a-z]{1,128}$/)),
  clientSecret: v.optional(nonEmpty(256)),
  endpoint: v.optional(v.pipe(v.string(), v.url(), v.maxLength(512))),
  staySignedIn: v.boolean(),
  defaultAuthFlow: v.optional(AuthFlowSchema),
  /** Hosted UI (src/oauth): omitted keeps the stored settings, null removes them. */
  oauth: v.optional(v.nullable(OAuthSettingsSchema)),
  /** The pool's password rules when known (imported): omitted keeps the stored ones. */
  passwordPolicy: v.optional(PasswordPolicySchema),
});
export type AccountInput = v.InferOutput<typeof AccountInputSchema>;

export const PageRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('ping') }),
  v.strictObject({ type: v.literal('getState') }),
  v.strictObject({ type: v.literal('selectAccount'), accountId }),
  /** Sent when the sign-in screen shows: lets the background compute SRP_A ahead of time. */
  v.strictObject({ type: v.literal('prepareSignIn'), accountId }),
  v.strictObject({
    type: v.literal('startSignIn'),
    accountId,
    username: nonEmpty(128),
    password: v.optional(nonEmpty()),
    authFlow: v.optional(AuthFlowSchema),
    preferredChallenge: v.optional(FirstFactorSchema),
  }),
  /** "Sign in with <provider>": the browser's sign-in window on the account's hosted UI. */
  v.strictObject({
    type: v.literal('signInWithHostedUi'),
    accountId,
    provider: v.optional(v.pipe(v.string(), v.regex(/^[\w.:-]{1,64}$/))),
  }),
  v.strictObject({ type: v.literal('answer'), accountId, answer: StepAnswerSchema }),
  v.strictObject({ type: v.literal('resendCode'), accountId }),
  /** Back to SIGN_IN (username kept); also leaves SIGN_UP / RESET_PASSWORD. */
  v.strictObject({ type: v.literal('restart'), accountId }),
  v.strictObject({ type: v.literal('showSignUp'), accountId }),
  v.strictObject({
    type: v.literal('showResetPassword'),
    accountId,
    username: v.optional(text(128)),
  }),
  v.strictObject({
    type: v.literal('signUp'),
    accountId,
    username: nonEmpty(128),
    password: nonEmpty(),
    attributes,
  }),
  v.strictObject({ type: v.literal('signOut'), accountId, global: v.boolean() }),
  v.strictObject({ type: v.literal('saveAccount'), account: AccountInputSchema }),
  v.strictObject({ type: v.literal('removeAccount'), accountId }),
]);
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;
export type PageRequestType = PageRequest['type'];

/** An account as pages see it: never the client secret itself. */
export interface AccountView {
  id: string;
  displayName: string;
  region: string;
  userPoolId: string;
  clientId: string;
  hasClientSecret: boolean;
  endpoint?: string;
  staySignedIn: boolean;
  defaultAuthFlow?: AuthFlow;
  /** Hosted-UI settings (not secret): the popup offers "Sign in with <provider>" from them. */
  oauth?: OAuthSettings;
  /** Shown and checked where a password is chosen (sign-up, new password, reset). */
  passwordPolicy?: PasswordPolicy;
}

/** The whole state a page renders. Every request is answered with it. */
export interface PopupState {
  accounts: AccountView[];
  activeAccountId: string | null;
  /** The active account's sign-in; absent when there is no account yet. */
  flow?: FlowView;
  /** True while the background works on a request for the active account. */
  busy: boolean;
}

export type PageResponse =
  | { ok: true; state: PopupState }
  | { ok: false; error: { code: string; message: string; recovery: string } };

/** Broadcast by the background to extension pages whenever the state changes on its own. */
export interface StateChangedBroadcast {
  type: 'stateChanged';
  state: PopupState;
}
