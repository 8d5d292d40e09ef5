/**
 * Page ↔ background requests for a passkey ceremony in a tab of the site (web-domain RP IDs,
 * docs/passkeys.md). Only the account id travels: the background takes the options from its own
 * sign-in state or from Cognito, never from the page. Parsed with these schemas and accepted only
 * from the extension's own pages, like every other page request.
 */
import * as v from 'valibot';
import type { PasskeyErrorView } from './messages';

const accountId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const TabCeremonyRequestSchema = v.variant('type', [
  /** Run the CONFIRM_SIGN_IN_WITH_WEB_AUTHN step's ceremony in a tab, and answer Cognito. */
  v.strictObject({ type: v.literal('passkeyTab:signIn'), accountId }),
  /** Start a registration, run it in a tab, complete it with Cognito. */
  v.strictObject({ type: v.literal('passkeyTab:register'), accountId }),
  /** What is going on (a popup reopened mid-ceremony), and a finished registration's outcome. */
  v.strictObject({ type: v.literal('passkeyTab:status'), accountId }),
  /** "Use another way": abort the ceremony in the tab. */
  v.strictObject({ type: v.literal('passkeyTab:cancel'), accountId }),
]);
export type TabCeremonyMessage = v.InferOutput<typeof TabCeremonyRequestSchema>;

export const TAB_CEREMONY_REQUEST_TYPES: ReadonlySet<string> = new Set(
  TabCeremonyRequestSchema.options.map((option) => option.entries.type.literal),
);

export type TabCeremonyKind = 'signIn' | 'register';

export type TabCeremonyView =
  | { kind: TabCeremonyKind; state: 'waiting'; origin: string }
  | { kind: 'register'; state: 'done' }
  | { kind: 'register'; state: 'failed'; error: PasskeyErrorView };

export type TabCeremonyReply =
  { ok: true; ceremony: TabCeremonyView | null } | { ok: false; error: PasskeyErrorView };

const b64url = (max: number) => v.pipe(v.string(), v.regex(/^[\w-]*$/), v.maxLength(max));

/** AuthenticationResponseJSON as the tab built it: checked before it goes to Cognito. */
export const AssertionCredentialSchema = v.strictObject({
  id: b64url(1024),
  rawId: b64url(1024),
  type: v.literal('public-key'),
  authenticatorAttachment: v.optional(v.pipe(v.string(), v.maxLength(32))),
  clientExtensionResults: v.record(v.string(), v.unknown()),
  response: v.strictObject({
    clientDataJSON: b64url(8192),
    authenticatorData: b64url(4096),
    signature: b64url(1024),
    userHandle: v.optional(b64url(1024)),
  }),
});

const CeremonyErrorSchema = v.object({
  code: v.pipe(v.string(), v.maxLength(64)),
  message: v.pipe(v.string(), v.maxLength(512)),
  recovery: v.pipe(v.string(), v.maxLength(512)),
});

/** The injected code's result, as `executeScript` hands it back. */
export const TabResultSchema = v.variant('ok', [
  v.object({ ok: v.literal(true), credential: v.record(v.string(), v.unknown()) }),
  v.object({ ok: v.literal(false), error: CeremonyErrorSchema }),
]);
