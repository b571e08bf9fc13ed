import { defineConfig } from 'vitest/config';

/**
 * Tests that judge measured timings (the A/B harness's null and fairness tests) run last, one file
 * at a time, so other test files competing for the 2 CPU cores cannot bias them.
 */
const TIMING = ['test/workload/benchmark.test.ts', 'test/workload/fairness.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: TIMING, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'timing', include: TIMING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
