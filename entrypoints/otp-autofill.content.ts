import { defineContentScript } from 'wxt/utils/define-content-script';

// Registered at run time, only for origins the person granted. Shell until the authenticator
// issue lands.
export default defineContentScript({
  registration: 'runtime',
  main() {},
});
