import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.ts';
import { seedDemoData } from '../../server/db/seed/demo.ts';
import { jobDefinitions } from '../../server/routes.ts';
import { insertForgedAuditRow } from './audit.ts';
import { startControl } from './control.ts';
import { makeOverdueForStreet } from './escalation.ts';
import { e2eFlakyJob, enqueueFlakyJob, runJobNow } from './jobs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The test run's own door into the server's process (control.ts), never the app's. */
    controlURL: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distIndex = path.join(root, 'dist/web/index.html');

/** The newest modification time under the folders the web build reads. */
function newestSource(): number {
  const dirs = [
    path.join(root, 'web'),
    path.join(root, 'server/platform/contract'),
    path.join(root, 'server/modules'),
  ];
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!full.includes('server/modules') || entry.name === 'contract.ts') {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  dirs.forEach(walk);
  return newest;
}

/** Builds the web apps when dist/web is missing, older than the sources, or E2E_BUILD=1. */
async function ensureBuilt(): Promise<void> {
  const stale = !fs.existsSync(distIndex) || fs.statSync(distIndex).mtimeMs < newestSource();
  if (!stale && process.env.E2E_BUILD !== '1') return;
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which would make React and antd build in development mode
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(root, 'web/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** PGlite in memory, or a throw-away database on the PostgreSQL server of DATABASE_URL. */
async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    return { database, drop: async () => undefined };
  }
  const name = `guanai_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString(), poolSize: 4 });
  return {
    database,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export default async function setup(project: TestProject) {
  await ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-e2e-'));
  const config = parseConfig({ DATA_DIR: dataDir, PASSWORD_ITERATIONS: '1000', LOG_LEVEL: 'warn' });
  const { database, drop } = await openTestDatabase();
  await migrateDatabase(database);
  const { app, ctx } = await buildApp({
    database,
    config,
    serveWeb: true,
    jobs: [...jobDefinitions, e2eFlakyJob],
  });
  await seedDemoData(database.db, config, ctx.sensitive);
  await enqueueFlakyJob(database.db); // parked within seconds, for jobs.e2e.ts
  await insertForgedAuditRow(database.db); // refused by the sealer, for audit.e2e.ts
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('baseURL', address);
  const control = await startControl({
    'jobs/run': (body) => runJobNow(database.db, (body as { name: string }).name),
    'visits/overdue-for-street': (body) =>
      makeOverdueForStreet(database.db, (body as { subjectId: string }).subjectId),
  });
  project.provide('controlURL', control.url);

  return async () => {
    await control.close();
    await app.close();
    await database.close();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
