import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit, server and guard tests (`server/**\/*.test.ts`). The global setup migrates one template
 * database (PGlite, or PostgreSQL when DATABASE_URL is set) and every test file clones it, so files
 * share no data and run in parallel: at least two at a time, one per core beyond that.
 */
const cores =
  typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: Math.max(2, cores - 1),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
