import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suites that share PostgreSQL or a child process must not starve each other on 2 cores.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
