import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built web apps served by the real server (in-process, demo data on a fresh
 * database) and driven in Debian's chromium. `npm run test:e2e`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  root,
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // each file runs its own chromium; two at a time is what a small CI machine takes
    maxWorkers: 2,
  },
});
