/**
 * Page ↔ background requests of the passkeys section. The ceremony itself runs in the page
 * (navigator.credentials needs a window); the background holds the access token and calls
 * Cognito. Parsed with these schemas and sender-checked like every other page request.
 */
import * as v from 'valibot';
import type { PasskeyView } from './passkey-gateway';

const accountId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const credentialId = v.pipe(v.string(), v.regex(/^[\w-]{1,1024}$/));

/** RegistrationResponseJSON as the page built it: base64url strings only. */
const RegistrationCredentialSchema = v.strictObject({
  id: credentialId,
  rawId: credentialId,
  type: v.literal('public-key'),
  authenticatorAttachment: v.optional(v.pipe(v.string(), v.maxLength(32))),
  clientExtensionResults: v.record(v.string(), v.unknown()),
  response: v.strictObject({
    clientDataJSON: v.pipe(v.string(), v.maxLength(8192)),
    attestationObject: v.pipe(v.string(), v.maxLength(65536)),
    transports: v.array(v.pipe(v.string(), v.maxLength(32))),
  }),
});

export const PasskeyRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('passkeys:list'), accountId }),
  v.strictObject({
    type: v.literal('passkeys:startRegistration'),
    accountId,
    /**
     * Take a start made moments ago with the same access token instead of asking Cognito for a
     * second challenge: the tab ceremony, after the popup started one only to learn the RP ID.
     */
    reuseRecent: v.optional(v.literal(true)),
  }),
  v.strictObject({
    type: v.literal('passkeys:completeRegistration'),
    accountId,
    credential: RegistrationCredentialSchema,
  }),
  v.strictObject({ type: v.literal('passkeys:delete'), accountId, credentialId }),
]);
export type PasskeyRequest = v.InferOutput<typeof PasskeyRequestSchema>;

export const PASSKEY_REQUEST_TYPES: ReadonlySet<string> = new Set(
  PasskeyRequestSchema.options.map((option) => option.entries.type.literal),
);

export interface PasskeyErrorView {
  code: string;
  message: string;
  recovery: string;
}

export type PasskeyResponse =
  | { ok: true; passkeys: PasskeyView[]; creationOptions?: Record<string, unknown> }
  | { ok: false; error: PasskeyErrorView };
