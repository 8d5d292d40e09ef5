import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOtpAutofill } from '../src/otp/autofill-ui';
import { isOtpFillCommand } from '../src/otp/message-guards';
import type { OtpGetCodeRequest } from '../src/otp/messages';

// Registered at run time, only for origins the person allowed. Small on purpose (8 KB gzipped
// budget): the classifier, the filler and dependency-free message checks, no valibot and no
// otplib. Codes come from the background one click at a time.
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    // The background answers top frames only; a button in a frame could never be served.
    if (window !== window.top) return;
    const request: OtpGetCodeRequest = { type: 'otp:getCode' };
    const autofill = startOtpAutofill({
      document,
      requestCode: () => browser.runtime.sendMessage(request),
    });
    // The keyboard shortcut and the context-menu entry: the background pushes the code.
    const onMessage = (message: unknown) => {
      if (isOtpFillCommand(message)) autofill.fillWithCode(message.code);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      autofill.stop();
      browser.runtime.onMessage.removeListener(onMessage);
    });
  },
});
