import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { installJobSchema } from '../platform/jobs/boss.ts';
import { runDataMigrations } from './data-migrations/run.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type every service and query takes; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'pg';
  /** The PostgreSQL pool and its URL, when the backend is a server. */
  pool?: pg.Pool;
  url?: string;
  /** The embedded database, when the backend is PGlite (one connection). */
  pglite?: PGlite;
  /**
   * LISTENs on a channel: PGlite in-process, PostgreSQL on one dedicated connection (outside the
   * pool), reconnected after a loss, after which `onReconnect` runs (notifications sent meanwhile
   * are gone: the listener catches up by reading).
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>;
  close(): Promise<void>;
};

export type ListenHandlers = {
  onNotify(payload: string): void;
  onReconnect?(): void;
  onError?(err: unknown): void;
};
export type Listener = { close(): Promise<void> };

export const migrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

/** A LISTEN on a connection of its own, opened again (after 1 s, doubling up to 10 s) when it drops. */
function listenOnServer(
  options: pg.ClientConfig,
  channel: string,
  h: ListenHandlers,
): Promise<Listener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 1000;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client(options);
    c.on('notification', (n) => {
      if (n.channel === channel) h.onNotify(n.payload ?? '');
    });
    c.on('error', (err) => {
      h.onError?.(err);
      lost(c);
    });
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    client = c;
    retryMs = 1000;
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      connect()
        .then(() => h.onReconnect?.())
        .catch((err: unknown) => {
          h.onError?.(err);
          retryMs = Math.min(retryMs * 2, 10_000);
          schedule();
        });
    }, retryMs);
    timer.unref();
  };
  const lost = (c: pg.Client) => {
    if (closed || client !== c) return;
    client = null;
    void c.end().catch(() => undefined);
    schedule();
  };
  return connect().then(() => ({
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  }));
}

/** Opens PGlite in a folder (or in memory, or from a dumped template) or PostgreSQL at a URL. */
export async function openDatabase(
  opts: { url: string; poolSize?: number } | { dataDir?: string; loadDataDir?: Blob },
): Promise<Database> {
  if ('url' in opts) {
    // Short OLTP queries: JIT compilation only adds 80–120 ms to the large ones (bench/subjects.ts).
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: '-c jit=off',
    });
    pool.on('error', () => undefined); // an idle client's error is reported on its next use
    return {
      db: drizzlePg({ client: pool, schema }),
      kind: 'pg',
      pool,
      url: opts.url,
      listen: (channel, handlers) =>
        listenOnServer({ connectionString: opts.url, options: '-c jit=off' }, channel, handlers),
      close: () => pool.end(),
    };
  }
  // in memory (no folder) or in a folder that belongs to the service user only: PGlite lays out a
  // new cluster's files 0666, whatever the umask (the files PostgreSQL creates later are 0600 by its
  // own mode), so they are put back to the owner only after opening, and once more at closing
  const dataDir = opts.dataDir;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    restrictToOwner(dataDir);
  }
  const client = await PGlite.create(dataDir, { loadDataDir: opts.loadDataDir });
  if (dataDir) restrictToOwner(dataDir);
  return {
    db: drizzlePglite({ client, schema }),
    kind: 'pglite',
    pglite: client,
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, (payload) => handlers.onNotify(payload));
      return { close: () => (client.closed ? Promise.resolve() : unlisten()) };
    },
    async close() {
      await client.close();
      if (dataDir) restrictToOwner(dataDir);
    },
  };
}

const OWNER_DIR = 0o700;
const OWNER_FILE = 0o600;

/** One path to the owner only (a folder 0700, a file 0600); gone already is fine. */
function restrictPath(file: string): void {
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? OWNER_DIR : OWNER_FILE;
    if ((stat.mode & 0o777) !== wanted) fs.chmodSync(file, wanted);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** A folder and everything in it to the owner only (security: the data belong to the service user). */
export function restrictToOwner(dir: string): void {
  restrictPath(dir);
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    restrictPath(path.join(entry.parentPath, entry.name));
}

/**
 * Applies the SQL migrations, then the data migrations computed in code (data-migrations/run.ts),
 * then installs or upgrades pg-boss's own schema (`pgboss`); on PostgreSQL advisory locks let
 * several processes start at once.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  await migrateTables(database);
  await runDataMigrations(database.db);
  await installJobSchema(database);
}

async function migrateTables(database: Database): Promise<void> {
  if (!database.pool) {
    await migratePglite(database.db as Parameters<typeof migratePglite>[0], { migrationsFolder });
    return;
  }
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(727100)');
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(727100)').catch(() => undefined);
    client.release();
  }
}

/** Rows of a raw query, the same on both drivers. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
