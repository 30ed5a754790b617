/**
 * `write`: regenerates openapi.json from the route contracts. `check`: fails when the committed file
 * differs from what the contracts generate (CI), so the document never goes stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { migrateDatabase, openDatabase } from '../server/db/client.ts';

const mode = process.argv[2];
const file = path.resolve(import.meta.dirname, '..', 'openapi.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-openapi-'));
const database = await openDatabase({});
// the app starts its live-event listener, which reads the events table
await migrateDatabase(database);
const { app } = await buildApp({
  database,
  config: parseConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }),
  serveWeb: false,
  logger: false,
});
await app.ready();
const text = JSON.stringify(app.swagger(), null, 2) + '\n';
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });

if (mode === 'write') {
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
} else {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('openapi.json is stale: run `npm run openapi:write` and commit it.');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
}
