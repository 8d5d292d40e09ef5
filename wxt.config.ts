import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildManifest } from './src/platform/manifest';

// `npm run build:demo` sets COGNITO_PASS_DEMO=1: the build then starts with the demo accounts
// of the local pool (DESIGN.md, "Demo seed") instead of an empty account list.
const demo = process.env.COGNITO_PASS_DEMO === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // `imports: false` stops WXT's auto-imports only in name: its unimport plugin still runs with
  // the presets and adds `import { storage } from 'wxt/utils/storage'` to any file that merely
  // names a parameter `storage` (wxt 0.21.4). That put all of @wxt-dev/storage (~2 kB gzipped)
  // in the session bridge. Emptying the presets makes the plugin inert.
  imports: false,
  hooks: {
    'config:resolved': (wxt) => {
      wxt.config.imports.presets = [];
      wxt.config.imports.imports = [];
    },
  },
  manifest: ({ browser }) => buildManifest(browser),
  vite: () => ({
    plugins: [preact()],
    define: { __COGNITO_PASS_DEMO__: JSON.stringify(demo) },
    build: { target: 'es2022' },
  }),
  webExt: { disabled: true },
});
