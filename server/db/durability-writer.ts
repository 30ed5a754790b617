/**
 * The server for the durability test: the real app on the database the test names (a PGlite folder
 * or a PostgreSQL URL) with a data folder for its key file, seeded with the demo data, listening on
 * a free port that it prints. The test sends it writes over HTTP, kills it with SIGKILL mid-stream,
 * and checks that every write it acknowledged is still there.
 */
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from './client.ts';
import { seedDemoData } from './seed/demo.ts';

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
await seedDemoData(database.db, config, ctx.sensitive);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
