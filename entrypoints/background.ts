import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background/start';

// Thin on purpose: listeners must be registered synchronously on every worker start, and
// everything else lives in src/ where Node tests can reach it.
export default defineBackground(() => {
  startBackground();
});
