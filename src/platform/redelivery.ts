/**
 * `runtime.sendMessage` for every sender of ours (extension pages, the session bridge): a message
 * nobody received is sent again. Its own module so a content script takes only this.
 */

/** Chromium's words when no listener took the message: it was not delivered. */
const UNDELIVERED = /Receiving end does not exist|Could not establish connection/;
const REDELIVERY_DELAYS_MS = [50, 150, 400];

/**
 * `runtime.sendMessage`, sent again when Chromium says nobody received it. A message sent while
 * the service worker is stopping (Chrome stops it after 30 s idle) can fail that way instead of
 * waking a new worker (measured: 1 time in 15 right after a stop). Nothing received it, so sending
 * it again cannot repeat an effect; any other failure is final.
 */
export async function sendWithRedelivery(
  sendMessage: (message: unknown) => Promise<unknown>,
  message: unknown,
): Promise<unknown> {
  for (const delay of REDELIVERY_DELAYS_MS) {
    try {
      return await sendMessage(message);
    } catch (error) {
      if (!(error instanceof Error) || !UNDELIVERED.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return sendMessage(message);
}
