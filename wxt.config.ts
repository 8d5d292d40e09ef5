import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildManifest } from './src/platform/manifest';

// `npm run build:demo` sets COGNITO_PASS_DEMO=1: the build then starts with the demo accounts
// of the local pool (DESIGN.md, "Demo seed") instead of an empty account list.
const demo = process.env.COGNITO_PASS_DEMO === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser }) => buildManifest(browser),
  vite: () => ({
    plugins: [preact()],
    define: { __COGNITO_PASS_DEMO__: JSON.stringify(demo) },
    build: { target: 'es2022' },
  }),
  webExt: { disabled: true },
});
