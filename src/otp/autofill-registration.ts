/**
 * The `otp-autofill` content script is registered at run time, one registration per origin the
 * person allowed, matching exactly that origin (the same model as the session bridge in
 * src/sites/permissions.ts, whose origin helpers this reuses). Each registration's id carries
 * its origin, so the registered set can be read back and reconciled after a worker restart.
 */
import { originMatchPattern, originOfScriptId, originScriptId } from '../sites/origin';

/** Path of the built script (WXT's output for entrypoints/otp-autofill.content.ts). */
export const OTP_AUTOFILL_SCRIPT_FILE = 'content-scripts/otp-autofill.js';
const ID_PREFIX = 'otp-autofill-';

export interface OtpAutofillRegistration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  allFrames: false;
  persistAcrossSessions: true;
}

/** The part of `browser.scripting` autofill uses. */
export interface OtpScriptingPort {
  registerContentScripts(scripts: OtpAutofillRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string }>>;
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] };
    files: string[];
  }): Promise<unknown>;
}

export function otpScriptId(origin: string): string {
  return originScriptId(ID_PREFIX, origin);
}

export function originOfOtpScriptId(id: string): string | undefined {
  return originOfScriptId(ID_PREFIX, id);
}

export function otpRegistration(origin: string): OtpAutofillRegistration {
  return {
    id: otpScriptId(origin),
    matches: [originMatchPattern(origin)],
    js: [OTP_AUTOFILL_SCRIPT_FILE],
    // After the page built its form; top frame only (the background answers nothing else).
    runAt: 'document_idle',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

export async function registerOtpAutofill(
  scripting: OtpScriptingPort,
  origin: string,
): Promise<void> {
  const id = otpScriptId(origin);
  if ((await scripting.getRegisteredContentScripts({ ids: [id] })).length > 0) return;
  await scripting.registerContentScripts([otpRegistration(origin)]);
}

export async function unregisterOtpAutofill(
  scripting: OtpScriptingPort,
  origin: string,
): Promise<void> {
  const id = otpScriptId(origin);
  if ((await scripting.getRegisteredContentScripts({ ids: [id] })).length > 0)
    await scripting.unregisterContentScripts({ ids: [id] });
}

export async function registeredOtpOrigins(scripting: OtpScriptingPort): Promise<string[]> {
  return (await scripting.getRegisteredContentScripts())
    .map((script) => originOfOtpScriptId(script.id))
    .filter((origin): origin is string => origin !== undefined);
}

/** A registration covers later loads only: open tabs of the origin get the script now. */
export async function injectOtpAutofillNow(
  scripting: OtpScriptingPort,
  tabIds: readonly number[],
): Promise<void> {
  for (const tabId of tabIds) {
    await scripting
      .executeScript({ target: { tabId, frameIds: [0] }, files: [OTP_AUTOFILL_SCRIPT_FILE] })
      .catch(() => undefined); // A tab that navigated away meanwhile is skipped.
  }
}
