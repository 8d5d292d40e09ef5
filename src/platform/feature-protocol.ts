/**
 * Page ↔ background requests of the sites and authenticator sections. Kept apart from the
 * sign-in protocol (`protocol.ts`) because they are answered by their own services, not with the
 * whole `PopupState`. Same rules: parsed with these schemas and sender-checked before anything
 * happens; replies never carry a TOTP secret except `otp:export`, which the page asks for only
 * after the person confirmed.
 */
import * as v from 'valibot';
import { SitePageRequestSchema, type SiteView } from '../sites/page-requests';

export { SitePageRequestSchema, type SiteView };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const short = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const OtpPageRequestSchema = v.variant('type', [
  /** Entries with their current codes (never the secrets). */
  v.strictObject({ type: v.literal('otp:list') }),
  /** The URI's issuer and account unless given; bound to a Cognito Pass account + user if given. */
  v.strictObject({
    type: v.literal('otp:addUri'),
    uri: short(2048),
    issuer: v.optional(short(128)),
    account: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
    accountId: v.optional(id),
    username: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  }),
  v.strictObject({
    type: v.literal('otp:addManual'),
    issuer: short(128),
    account: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    secret: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    algorithm: v.optional(v.picklist(['SHA1', 'SHA256', 'SHA512'])),
    digits: v.optional(v.picklist([6, 8])),
    period: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300))),
  }),
  v.strictObject({ type: v.literal('otp:remove'), id }),
  /** The otpauth URI of one entry, for moving it to a phone; the page confirms first. */
  v.strictObject({ type: v.literal('otp:export'), id }),
  v.strictObject({
    type: v.literal('otp:unlock'),
    passphrase: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  }),
  v.strictObject({ type: v.literal('otp:lock') }),
  v.strictObject({
    type: v.literal('otp:setPassphrase'),
    passphrase: v.pipe(v.string(), v.minLength(8), v.maxLength(1024)),
  }),
  v.strictObject({ type: v.literal('otp:removePassphrase') }),
  /** Per account: answer CONFIRM_SIGN_IN_WITH_TOTP_CODE from the vault without a click. */
  v.strictObject({ type: v.literal('otp:setAutoAnswer'), accountId: id, enabled: v.boolean() }),
]);
export type OtpPageRequest = v.InferOutput<typeof OtpPageRequestSchema>;

/**
 * Entry bindings and autofill origins: answered by the autofill wiring
 * (src/background/authenticator-autofill.ts) before the core handler sees a request.
 */
export const OtpAutofillRequestSchema = v.variant('type', [
  /** Rename an entry, and bind it to (or, with `binding: null`, free it from) an account + user. */
  v.strictObject({
    type: v.literal('otp:updateEntry'),
    id,
    issuer: short(128),
    account: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    binding: v.nullable(
      v.strictObject({
        accountId: id,
        username: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
      }),
    ),
  }),
  /** Fill this entry's codes on one exact origin; the page obtained the host permission first. */
  v.strictObject({ type: v.literal('otp:bindOrigin'), id, origin: short(512) }),
  v.strictObject({ type: v.literal('otp:unbindOrigin'), origin: short(512) }),
  /** Per origin: fill as soon as a code field appears, without a click (off by default). */
  v.strictObject({ type: v.literal('otp:setAutoFill'), origin: short(512), enabled: v.boolean() }),
]);
export type OtpAutofillRequest = v.InferOutput<typeof OtpAutofillRequestSchema>;

export const FeatureRequestSchema = v.union([
  SitePageRequestSchema,
  OtpPageRequestSchema,
  OtpAutofillRequestSchema,
]);
export type FeatureRequest = v.InferOutput<typeof FeatureRequestSchema>;
/** What the core handler (src/background/features.ts) answers. */
export type CoreFeatureRequest = Exclude<FeatureRequest, OtpAutofillRequest>;

export interface OtpEntryView {
  id: string;
  issuer: string;
  account: string;
  code: string;
  digits: number;
  period: number;
  secondsRemaining: number;
  accountId?: string;
  username?: string;
}

/** One origin allowed for one-time-code autofill. */
export interface AutofillSiteView {
  origin: string;
  entryId: string;
  /** Filled without a click. */
  autoFill: boolean;
  /** The browser still grants the host permission (the script runs only then). */
  granted: boolean;
}

export interface AuthenticatorState {
  status: 'empty' | 'locked' | 'unlocked';
  entries: OtpEntryView[];
  /** Account ids whose TOTP step is answered automatically. */
  autoAnswer: string[];
  /** Origins allowed for autofill (added by the background's autofill wiring). */
  autofillSites?: AutofillSiteView[];
}

/** Every feature request is answered with the state of its section, or an error. */
export type FeatureResponse =
  | { ok: true; sites: SiteView[] }
  | { ok: true; authenticator: AuthenticatorState; exportedUri?: string }
  | { ok: false; error: { code: string; message: string; recovery: string } };
