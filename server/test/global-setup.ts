import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, migrationsFolder, openDatabase } from '../db/client.ts';

/**
 * Where the migrated template database is, handed to every test file through `inject`:
 * a dumped PGlite data directory (a tarball on disk), or a template database on a PostgreSQL server.
 */
export type TestDatabaseInfo =
  | { kind: 'pglite'; dumpFile: string }
  | { kind: 'pg'; adminUrl: string; template: string; runId: string };

declare module 'vitest' {
  export interface ProvidedContext {
    guanaiTestDatabase: TestDatabaseInfo;
  }
}

/** `postgres://…/postgres` with another database name. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function setupPostgres(project: TestProject, adminUrl: string): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString('hex');
  const template = `guanai_tpl_${runId}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${template}`));
  const database = await openDatabase({ url: databaseUrl(adminUrl, template), poolSize: 1 });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  // Nobody may connect to the template: CREATE DATABASE … TEMPLATE refuses a source in use.
  await withAdmin(adminUrl, (c) =>
    c.query(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`),
  );
  project.provide('guanaiTestDatabase', { kind: 'pg', adminUrl, template, runId });
  return async () => {
    await withAdmin(adminUrl, async (c) => {
      // Test files drop their own database in afterAll; a crashed worker may have left one behind.
      const left = await c.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`guanai_t_${runId}_%`],
      );
      for (const { datname } of left.rows)
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    });
  };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The dumped template is cached in the temporary folder under a hash of the migrations and the PGlite
 * version, so a run after the first skips the slow part (initdb and migrations, about 5 s).
 */
function versionOf(pkg: string): string {
  const manifest = path.join(repoRoot, 'node_modules', pkg, 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function templateCacheFile(): string {
  const hash = createHash('sha256');
  // What the template depends on besides the migrations: the engine, the migrator and pg-boss
  // (whose schema migrateDatabase installs).
  for (const name of ['@electric-sql/pglite', 'drizzle-orm', 'pg-boss'])
    hash.update(`${name} ${versionOf(name)}\n`);
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(`${file}\n`).update(fs.readFileSync(full));
  }
  return path.join(
    os.tmpdir(),
    'guanai-test-templates',
    `pglite-${hash.digest('hex').slice(0, 16)}.tar`,
  );
}

async function setupPglite(project: TestProject): Promise<() => Promise<void>> {
  const dumpFile = templateCacheFile();
  if (!fs.existsSync(dumpFile)) {
    const database = await openDatabase({});
    let dump: Blob;
    try {
      await migrateDatabase(database);
      const client = (
        database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }
      ).$client;
      dump = await client.dumpDataDir('none');
    } finally {
      await database.close();
    }
    fs.mkdirSync(path.dirname(dumpFile), { recursive: true });
    const temp = `${dumpFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temp, dumpFile);
  }
  project.provide('guanaiTestDatabase', { kind: 'pglite', dumpFile });
  return async () => undefined;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL;
  return adminUrl ? setupPostgres(project, adminUrl) : setupPglite(project);
}
