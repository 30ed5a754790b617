import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import type { Database } from '../../db/client.ts';

/** pg-boss's own schema in our database; it creates and migrates it (not drizzle-kit). */
export const JOB_SCHEMA = 'pgboss';

export type BossOptions = Pick<
  ConstructorOptions,
  'supervise' | 'schedule' | 'registerInstance' | 'cronMonitorIntervalSeconds' | 'migrate'
>;

/**
 * A pg-boss instance on the app's database: on PostgreSQL its own small pool to the same URL, on
 * PGlite the one embedded connection through its adapter (its statements queue behind ours).
 */
export function createBoss(database: Database, options: BossOptions = {}): PgBoss {
  const common = {
    schema: JOB_SCHEMA,
    instanceName: 'guanai',
    openTelemetry: { enabled: false },
    ...options,
  } satisfies ConstructorOptions;
  if (database.kind === 'pg') {
    if (!database.url) throw new Error('a PostgreSQL database without its URL');
    return new PgBoss({
      ...common,
      connectionString: database.url,
      max: 3,
      application_name: 'guanai-jobs',
      options: '-c jit=off',
    });
  }
  if (!database.pglite) throw new Error('a PGlite database without its client');
  return new PgBoss({ ...common, backend: 'pglite', db: fromPglite(database.pglite) });
}

/**
 * Installs pg-boss's schema, or migrates it to the installed pg-boss's version (pg-boss takes an
 * advisory lock, so several processes may start at once). Part of `migrateDatabase`, so the test
 * template and every clone of it carry the schema.
 */
export async function installJobSchema(database: Database): Promise<void> {
  const boss = createBoss(database, { supervise: false, schedule: false, registerInstance: false });
  boss.on('error', () => undefined); // start() rejects with the error that matters
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}
