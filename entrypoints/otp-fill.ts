import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fillOnPage } from '../src/otp/fill-target';
import { PAGE_FILL_GLOBAL } from '../src/otp/page-fill';

// Injected by the background (src/otp/fill-command.ts) into a tab's top frame only after the
// person pressed the fill shortcut or chose "Fill one-time code", on an allowed, granted origin.
// It only leaves the filler in the extension's isolated world (the page cannot see it); the code
// comes in the next injection, pinned to this same document.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PAGE_FILL_GLOBAL] = (code: string, origin: string) =>
    fillOnPage(document, code, origin);
});
