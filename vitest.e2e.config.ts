import { defineConfig } from 'vitest/config';

/** Browser tests (Playwright driving Debian's Chromium); they arrive with the console and portal. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    passWithNoTests: true,
    fileParallelism: false,
  },
});
