/**
 * The two pieces the background wires in: the `runtime.onMessage` listener for `otp:getCode`,
 * and the code to answer Cognito's SOFTWARE_TOKEN_MFA step with. Both take their dependencies
 * per call so permission and vault changes apply at once.
 *
 *   browser.runtime.onMessage.addListener(createOtpMessageListener(async () => ({
 *     extensionId: browser.runtime.id, allowedOrigins: await otpOrigins(),
 *     findEntryForOrigin: (o) => vault.findForOrigin(o), now: Date.now })));
 */
import {
  handleOtpRequest,
  type OtpHandlerDeps,
  type OtpRequestSender,
} from './background-handlers';
import type { OtpCodeResponse } from './messages';
import { codeForSubmission, type CodeForSubmission } from './totp';
import type { TotpEntry } from './vault';

type OtpListener = (
  message: unknown,
  sender: OtpRequestSender,
  sendResponse: (response: OtpCodeResponse) => void,
) => true | undefined;

/**
 * Answers only `otp:getCode` (other messages are left to other listeners), through
 * `sendResponse` + `return true` like the page router, which Chrome and the fake browser deliver.
 */
export function createOtpMessageListener(getDeps: () => Promise<OtpHandlerDeps>): OtpListener {
  return (message, sender, sendResponse) => {
    const type =
      typeof message === 'object' && message !== null
        ? (message as { type?: unknown }).type
        : undefined;
    if (type !== 'otp:getCode') return undefined;
    getDeps()
      .then((deps) => handleOtpRequest(message, sender, deps))
      .catch((): OtpCodeResponse => ({
        ok: false,
        error: {
          code: 'OTP_UNAVAILABLE',
          message: 'The authenticator could not answer.',
          recovery: 'Open Cognito Pass and try again.',
        },
      }))
      .then(sendResponse, () => undefined);
    return true;
  };
}

/** Seconds a TOTP answer must stay valid when sent, so that it does not expire in flight. */
export const MIN_SECONDS_FOR_SUBMISSION = 5;

/**
 * The code (and when to send it) for a user at CONFIRM_SIGN_IN_WITH_TOTP_CODE, or undefined
 * when the vault holds no entry for them. May throw VAULT_LOCKED.
 */
export async function totpAnswerFor(
  vault: { findForUser(accountId: string, username: string): Promise<TotpEntry | undefined> },
  accountId: string,
  username: string,
  nowMs: number,
): Promise<CodeForSubmission | undefined> {
  const entry = await vault.findForUser(accountId, username);
  return entry ? codeForSubmission(entry, nowMs, MIN_SECONDS_FOR_SUBMISSION) : undefined;
}
