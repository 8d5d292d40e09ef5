/** The running extension page's passkey API: runtime messaging and this page's WebAuthn. */
import { browser } from 'wxt/browser';
import { passkeySender, type PasskeyPageApi } from '../passkeys/page-api';
import { tabCeremonySender } from '../passkeys/tab-sender';

export function createBrowserPasskeyApi(): PasskeyPageApi {
  return {
    send: passkeySender((message) => browser.runtime.sendMessage(message)),
    tab: tabCeremonySender((message) => browser.runtime.sendMessage(message)),
    place: {
      credentials: globalThis.navigator.credentials,
      here: globalThis.location.host,
    },
  };
}
