import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'renderer/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own worker; two cores here.
    pool: 'forks',
    // The native memory tests collect garbage (and let the addon's finalizers run) before they measure.
    execArgv: ['--expose-gc'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
