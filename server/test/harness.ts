import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type AppOptions } from '../app.ts';
import { parseConfig, type Config } from '../config.ts';
import { openDatabase, type Database, type Db } from '../db/client.ts';
import type { AppContext, Clock } from '../platform/http/context.ts';
import { databaseUrl } from './global-setup.ts';

/**
 * The test harness: every call of `createTestDatabase` (and so of `createTestApp`) is a fresh clone of
 * the migrated template, so a test file owns its data. Call `createTestApp` once per file, in
 * `beforeAll`, and `close` it in `afterAll`.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A clock the test moves: `advance(16 * MINUTE)` is sixteen minutes later for the app. */
export type TestClock = Clock & { advance(ms: number): Date; set(at: Date): void };

export function createTestClock(start: Date = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      return new Date(current);
    },
    set(at) {
      current = at.getTime();
    },
  };
}

export type TestDatabase = { database: Database; db: Db; drop(): Promise<void> };

/** A clone of the template: PGlite loaded from the dumped data directory, or `CREATE DATABASE … TEMPLATE`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('guanaiTestDatabase');
  if (!info)
    throw new Error(
      'no template database: run the tests with vitest.config.ts (its globalSetup makes one)',
    );
  if (info.kind === 'pglite') {
    const dump = await fs.promises.readFile(info.dumpFile);
    const database = await openDatabase({ loadDataDir: new Blob([dump]) });
    return { database, db: database.db, drop: () => database.close() };
  }
  const name = `guanai_t_${info.runId}_${randomBytes(5).toString('hex')}`;
  await adminQuery(info.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${info.template}`);
  const database = await openDatabase({ url: databaseUrl(info.adminUrl, name), poolSize: 5 });
  return {
    database,
    db: database.db,
    async drop() {
      await database.close();
      await adminQuery(info.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  // Several files clone the template at once; PostgreSQL may briefly report the source as busy.
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
      return;
    } catch (err) {
      const busy = /being accessed by other users/.test(String(err));
      if (!busy || attempt >= 20) throw err;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  database: Database;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
};

/**
 * The whole app (no web files, no logs) on a fresh database, with a key file in a temporary folder,
 * cheap password hashing and a clock the test controls. `env` overrides configuration variables.
 */
export async function createTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: TestClock;
    /** The durable jobs to run (default the app's own) and quicker polling. */
    jobs?: AppOptions['jobs'];
    jobTiming?: AppOptions['jobTiming'];
  } = {},
): Promise<TestApp> {
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'guanai-test-'));
  const config = parseConfig({
    DATA_DIR: dataDir,
    KEY_FILE: path.join(dataDir, 'keys.json'),
    PASSWORD_ITERATIONS: '1000',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const testDb = await createTestDatabase();
  const clock = opts.clock ?? createTestClock();
  const { app, ctx } = await buildApp({
    database: testDb.database,
    config,
    clock,
    serveWeb: false,
    logger: false,
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.jobTiming ? { jobTiming: opts.jobTiming } : {}),
  });
  await app.ready();
  return {
    app,
    ctx,
    db: testDb.db,
    database: testDb.database,
    config,
    clock,
    async close() {
      await app.close();
      await testDb.drop();
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    },
  };
}
