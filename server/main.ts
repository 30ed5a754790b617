import fs from 'node:fs';
import path from 'node:path';
import { buildApp, webDist } from './app.ts';
import { parseConfig } from './config.ts';
import { migrateDatabase, openDatabase, restrictToOwner } from './db/client.ts';
import { DEMO_PASSWORD, demoAccounts, isEmptyDatabase, seedDemoData } from './db/seed/demo.ts';
import { createInitialAdmin } from './db/seed/initial-admin.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** The web apps need a build when never built, or when a source they include is newer than the build. */
function webBuildIsStale(): boolean {
  const built = path.join(webDist, 'm', 'index.html');
  if (!fs.existsSync(path.join(webDist, 'index.html')) || !fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const sources = ['web', 'server/platform/contract', 'server/modules'].map((d) =>
    path.join(repoRoot, d),
  );
  return sources.some((dir) =>
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .some(
        (f) =>
          f.isFile() &&
          !f.name.endsWith('.test.ts') &&
          fs.statSync(path.join(f.parentPath, f.name)).mtimeMs > builtAt,
      ),
  );
}

/** The runtime the product supports: Node 24 LTS, pinned as the npm dependency `node`. */
const RUNTIME_MAJOR = 24;

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== RUNTIME_MAJOR) {
    console.error(
      `Guanai runs on Node ${RUNTIME_MAJOR} (this is ${process.version}): start it with npm start, ` +
        'which runs the Node that package.json pins.',
    );
    process.exit(1);
  }
  // Whatever the service writes (the key file, the embedded database, exports) is its own only.
  process.umask(0o077);
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }

  if (webBuildIsStale()) {
    console.log('Building the web apps…');
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }

  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  restrictToOwner(config.dataDir);
  const database = config.databaseUrl
    ? await openDatabase({ url: config.databaseUrl })
    : await openDatabase({ dataDir: path.join(config.dataDir, 'pgdata') });
  await migrateDatabase(database);

  const empty = await isEmptyDatabase(database.db);
  // built before seeding: the app binds the audit keys that the seeds' audit rows are signed with
  const { app, ctx } = await buildApp({ database, config });
  if (empty && !config.demoData) {
    const admin = await createInitialAdmin(database.db, config);
    console.log(
      `\n已创建系统管理员 Initial administrator: ${admin.username} / ${admin.password}` +
        '\n(shown once: sign in, change the password, then create the division tree and accounts)\n',
    );
  }
  if (empty && config.demoData) {
    await seedDemoData(database.db, config, ctx.sensitive);
    console.log(`\n演示数据已生成 Demo data seeded. Accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demoAccounts)
      console.log(`  ${a.username.padEnd(11)} ${a.role.padEnd(17)} ${a.note}`);
    console.log('');
  }

  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `Guanai 关爱 is running: http://localhost:${config.port}/  (field app /m/, API docs /api/docs)`,
  );
}

await main();
