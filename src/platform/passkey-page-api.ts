/** The running extension page's passkey API: runtime messaging and this page's WebAuthn. */
import { browser } from 'wxt/browser';
import { passkeySender, type PasskeyPageApi } from '../passkeys/page-api';
import { tabCeremonySender } from '../passkeys/tab-sender';
import { sendWithRedelivery } from './redelivery';

/** Sent again, like every page request, when a stopping worker did not receive it. */
const send = (message: unknown) =>
  sendWithRedelivery((each) => browser.runtime.sendMessage(each), message);

export function createBrowserPasskeyApi(): PasskeyPageApi {
  return {
    send: passkeySender(send),
    tab: tabCeremonySender(send),
    place: {
      credentials: globalThis.navigator.credentials,
      here: globalThis.location.host,
    },
  };
}
