import { defineConfig } from '@playwright/test';

// One worker: every test launches its own Chromium with the extension, and the local pool's
// default port (9230, the one the demo build points at) is shared.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure' },
});
