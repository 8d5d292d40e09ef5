import { browser } from 'wxt/browser';

/** Wires the background's listeners. Filled in by the sign-in machine. */
export function startBackground(): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    if (isPing(message)) {
      sendResponse({ ok: true, value: { pong: true } });
      return true;
    }
    return undefined;
  });
}

function isPing(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'ping'
  );
}
