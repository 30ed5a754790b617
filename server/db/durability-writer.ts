/**
 * The server for the durability test: the real app on the database the test names (a PGlite folder
 * or a PostgreSQL URL) with a data folder for its key file, seeded with the demo data, listening on
 * a free port that it prints. The test sends it writes over HTTP, kills it with SIGKILL mid-stream,
 * and checks that every write it acknowledged is still there. Started again on the same database, it
 * seeds nothing. With KILL_AFTER_IDEMPOTENT_COMMIT=1 (server/db/durability.test.ts) it kills itself with
 * SIGKILL right after the first answer of an Idempotency-Key commits, before sending it.
 */
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from './client.ts';
import { idempotencyTestHooks } from '../platform/http/idempotency.ts';
import { isEmptyDatabase, seedDemoData } from './seed/demo.ts';

const [target = '', dataDir = ''] = process.argv.slice(2);
const database = target.startsWith('postgres')
  ? await openDatabase({ url: target })
  : await openDatabase({ dataDir: target });
await migrateDatabase(database);
const config = parseConfig({
  DATA_DIR: dataDir,
  PASSWORD_ITERATIONS: '1000',
  LOG_LEVEL: 'silent',
});
const { app, ctx } = await buildApp({ database, config, serveWeb: false, logger: false });
if (await isEmptyDatabase(database.db)) await seedDemoData(database.db, config, ctx.sensitive);
if (process.env.KILL_AFTER_IDEMPOTENT_COMMIT === '1')
  idempotencyTestHooks.afterCommit = () => process.kill(process.pid, 'SIGKILL');
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
