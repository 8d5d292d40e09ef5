import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  define: { __COGNITO_PASS_DEMO__: 'false' },
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'local-pool/**/*.test.ts',
      'test/**/*.test.{ts,tsx}',
      'entrypoints/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    mockReset: true,
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
