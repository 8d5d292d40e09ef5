import { defineContentScript } from 'wxt/utils/define-content-script';

// Registered at run time, only for origins the person granted (src/sites/). Shell until the
// session-sharing issue lands.
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {},
});
