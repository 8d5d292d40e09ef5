import type { browser as ExtensionApi } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOtpAutofill } from '../src/otp/autofill-ui';
import type { OtpGetCodeRequest } from '../src/otp/messages';

// The native promise-based API (Chromium's `chrome`, Firefox's `browser`) instead of
// webextension-polyfill, like the session bridge: the polyfill alone is ~2.7 kB gzipped of an
// 8 kB budget, and sendMessage/onMessage need none of it.
function extensionApi(): typeof ExtensionApi {
  const scope = globalThis as unknown as {
    browser?: typeof ExtensionApi;
    chrome: typeof ExtensionApi;
  };
  return scope.browser ?? scope.chrome;
}

// Registered at run time (src/otp/autofill-registration.ts), only for origins the person allowed
// and the browser grants. Small on purpose (8 KB gzipped budget): the classifier, the filler and
// dependency-free message checks, no valibot and no otplib. Codes come one click at a time.
// (No pushed-code listener: the keyboard shortcut and the context-menu entry inject their own
// small script, otp-fill.ts, so this one does not grow.)
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // The background answers top frames only; a button in a frame could never be served.
    if (window !== window.top) return;
    const browser = extensionApi();
    const request: OtpGetCodeRequest = { type: 'otp:getCode' };
    const autoRequest: OtpGetCodeRequest = { type: 'otp:getCode', auto: true };
    const autofill = startOtpAutofill({
      document,
      requestCode: () => browser.runtime.sendMessage(request),
      requestAutoCode: () => browser.runtime.sendMessage(autoRequest),
    });
    ctx.onInvalidated(() => {
      autofill.stop();
    });
  },
});
