import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createTabCeremonyRunner, TAB_CEREMONY_GLOBAL } from '../src/passkeys/tab-page';

// Injected on demand by the background (scripting.executeScript, top frame, isolated world) into
// the one tab chosen for a passkey ceremony (src/passkeys/tab-ceremony.ts); never registered for
// any page. It only leaves a runner for the background's next `func` call: the options go in as
// that call's argument and the credential JSON comes back as its result.
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope[TAB_CEREMONY_GLOBAL] !== undefined) return;
  scope[TAB_CEREMONY_GLOBAL] = createTabCeremonyRunner({
    location: globalThis.location,
    isTopFrame: globalThis.top === globalThis.self,
    credentials: globalThis.navigator.credentials,
  });
});
