import { defineConfig } from 'vitest/config';

// Chromium-backed suites share a 2-core machine: two workers, generous timeouts
// (timeouts only stop hangs; no test asserts wall-clock time).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
});
