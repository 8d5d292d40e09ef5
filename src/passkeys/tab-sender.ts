/**
 * The popup's side of the tab-ceremony requests (tab-messages.ts). Kept apart from the schemas
 * there: the popup needs none of valibot (~2 kB gzipped of its 20 kB budget) to send them.
 */
import type { TabCeremonyMessage, TabCeremonyReply } from './tab-messages';

/** Never rejects: a silent background becomes an error reply. */
export function tabCeremonySender(
  sendMessage: (message: unknown) => Promise<unknown>,
): (request: TabCeremonyMessage) => Promise<TabCeremonyReply> {
  return async (request) => {
    try {
      const reply = (await sendMessage(request)) as TabCeremonyReply | undefined;
      if (reply !== undefined && typeof reply === 'object' && typeof reply.ok === 'boolean') {
        return reply;
      }
    } catch {
      // Answered below.
    }
    return {
      ok: false,
      error: {
        code: 'BackgroundUnavailable',
        message: 'Cognito Pass could not reach its background service.',
        recovery: 'Close and reopen this window.',
      },
    };
  };
}
