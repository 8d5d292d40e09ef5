/**
 * The background's answer to `otp:getCode`. Pure: everything it needs comes in `deps`, so the
 * lead can wire it into the worker's onMessage in a few lines and tests can craft any sender.
 *
 * A code is returned only to the top frame of a tab whose origin the person allowed, only for
 * the entry bound to that exact origin, and never the secret. Every other case is a rejection
 * that touched nothing (the vault is not even consulted).
 */
import * as v from 'valibot';
import { OtpError, type OtpErrorInfo } from './errors';
import { OtpGetCodeRequestSchema, type OtpCodeResponse } from './messages';
import { generateTotp, secondsRemaining } from './totp';
import type { TotpParameters } from './totp-parameters';
import { originOfUrl } from '../sites/origin';

/** The parts of `runtime.MessageSender` the decision uses. */
export interface OtpRequestSender {
  id?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  url?: string;
  origin?: string;
  documentId?: string;
}

export interface OtpHandlerDeps {
  /** This extension's id: messages from anything else are refused. */
  extensionId: string;
  /** Exact origins the person allowed for autofill (`https://app.example.com`). */
  allowedOrigins: ReadonlySet<string>;
  /** Allowed origins the person also opted in for filling without a click. */
  autoFillOrigins?: ReadonlySet<string>;
  /** The entry bound to an origin; may throw an OtpError (a locked vault). */
  findEntryForOrigin: (origin: string) => Promise<TotpParameters | undefined>;
  now: () => number;
}

const reject = (code: string, message: string, recovery: string): OtpCodeResponse => ({
  ok: false,
  error: { code, message, recovery },
});

const refused = () =>
  reject(
    'OTP_REQUEST_REFUSED',
    'This page may not ask for one-time codes.',
    'Allow the site for autofill in Cognito Pass, then use the button beside the code field.',
  );

/** The sender's origin when it is a top frame of a real tab that may have codes, else undefined. */
export function trustedOrigin(
  sender: OtpRequestSender,
  deps: Pick<OtpHandlerDeps, 'extensionId' | 'allowedOrigins'>,
): string | undefined {
  if (sender.id !== deps.extensionId) return undefined;
  const tab = sender.tab;
  // The browser only reports whole tab ids; anything else is not a real tab.
  if (tab === undefined || !Number.isInteger(tab.id) || (tab.id ?? -1) < 0) return undefined;
  if (sender.frameId !== 0) return undefined;
  if (typeof sender.documentId !== 'string' || sender.documentId === '') return undefined;
  const origin = originOfUrl(sender.url);
  if (origin === undefined) return undefined;
  // Chrome also reports the origin and the tab's URL: all must agree, or something is off.
  if (sender.origin !== undefined && sender.origin !== origin) return undefined;
  if (tab.url !== undefined && originOfUrl(tab.url) !== origin) return undefined;
  return deps.allowedOrigins.has(origin) ? origin : undefined;
}

export async function handleOtpRequest(
  request: unknown,
  sender: OtpRequestSender,
  deps: OtpHandlerDeps,
): Promise<OtpCodeResponse> {
  if (!v.is(OtpGetCodeRequestSchema, request)) {
    return reject(
      'OTP_BAD_REQUEST',
      'The request was not understood.',
      'Reload the page and try again.',
    );
  }
  const origin = trustedOrigin(sender, deps);
  if (origin === undefined) return refused();
  if (request.auto === true && deps.autoFillOrigins?.has(origin) !== true) {
    return reject(
      'OTP_GESTURE_REQUIRED',
      'This site is filled only when you click the button beside the code field.',
      'Click the button, or allow filling without a click for this site in Cognito Pass.',
    );
  }

  return codeForOrigin(origin, deps);
}

/**
 * The current code of the entry bound to `origin`. Only for an origin already checked (allowed
 * and granted, and the sender or the tab the person acted on really shows it): the `otp:getCode`
 * answer above and the keyboard shortcut / context menu (fill-command.ts) share it.
 */
export async function codeForOrigin(
  origin: string,
  deps: Pick<OtpHandlerDeps, 'findEntryForOrigin' | 'now'>,
): Promise<OtpCodeResponse> {
  let entry: TotpParameters | undefined;
  try {
    entry = await deps.findEntryForOrigin(origin);
  } catch (error) {
    if (error instanceof OtpError) return { ok: false, error: error.toInfo() };
    return reject(
      'OTP_UNAVAILABLE',
      'The authenticator could not be read.',
      'Open Cognito Pass and check the authenticator.',
    );
  }
  if (!entry) {
    return reject(
      'OTP_NO_ENTRY',
      'No authenticator entry is linked to this site.',
      'In Cognito Pass, link an authenticator entry to this site.',
    );
  }
  const now = deps.now();
  return {
    ok: true,
    code: await generateTotp(entry, now),
    secondsRemaining: secondsRemaining(entry.period, now),
  };
}

export type { OtpErrorInfo };
