/**
 * What a page needs for passkeys: a way to send passkey requests to the background and the place
 * where the ceremony runs (this page's `navigator.credentials` and its host, the extension id).
 * A structural type, so components run in tests against fakes.
 */
import type { CeremonyPlace } from './ceremony';
import type { PasskeyRequest, PasskeyResponse } from './messages';
import type { TabCeremonyMessage, TabCeremonyReply } from './tab-messages';

export interface PasskeyPageApi {
  /** Never rejects: a silent background becomes an error response. */
  send(request: PasskeyRequest): Promise<PasskeyResponse>;
  place: CeremonyPlace;
  /**
   * Ceremonies for a web-domain RP ID, which this page cannot serve: the background runs them in
   * a tab of the site. Never rejects. Absent where a page does not offer it.
   */
  tab?: (request: TabCeremonyMessage) => Promise<TabCeremonyReply>;
}

export const BACKGROUND_SILENT: PasskeyResponse = {
  ok: false,
  error: {
    code: 'BackgroundUnavailable',
    message: 'Cognito Pass could not reach its background service.',
    recovery: 'Close and reopen this window.',
  },
};

function isResponse(value: unknown): value is PasskeyResponse {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    (record.ok === true && Array.isArray(record.passkeys)) ||
    (record.ok === false && typeof record.error === 'object' && record.error !== null)
  );
}

/** Wraps a `runtime.sendMessage`-like function into a never-rejecting passkey sender. */
export function passkeySender(
  sendMessage: (message: unknown) => Promise<unknown>,
): PasskeyPageApi['send'] {
  return async (request) => {
    try {
      const reply = await sendMessage(request);
      return isResponse(reply) ? reply : BACKGROUND_SILENT;
    } catch {
      return BACKGROUND_SILENT;
    }
  };
}
