import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Deeper property runs (POL_FC_RUNS) take as long as they take.
    testTimeout: process.env.POL_FC_RUNS ? 3_600_000 : 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one fewer than the cores: one worker on a 2-core machine, where most
    // of the long tests wait on child processes (the CLI, tsc, Chromium) with a core idle
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/support/global-setup.ts'],
  },
});
