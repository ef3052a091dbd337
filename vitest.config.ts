import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Deeper property runs (POL_FC_RUNS) take as long as they take.
    testTimeout: process.env.POL_FC_RUNS ? 3_600_000 : 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
