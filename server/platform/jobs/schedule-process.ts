/**
 * One app process for schedule.test.ts: the real app on the PostgreSQL database the test names,
 * with one extra job scheduled every minute that records which process ran it. It prints `ready`
 * once its workers and cron pass run, and closes the app on SIGTERM.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { buildApp } from '../../app.ts';
import { parseConfig } from '../../config.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { jobDefinitions } from '../../routes.ts';
import { defineJob } from './define-job.ts';

const [url = '', dataDir = ''] = process.argv.slice(2);

const tickJob = defineJob({
  name: 'test.tick',
  label: { 'zh-CN': '每分钟测试', 'en-US': 'Every-minute test' },
  payload: z.object({}),
  schedule: { cron: '* * * * *' },
  run: async (ctx) => {
    await ctx.db.execute(
      sql`insert into job_ticks (pid, job_id) values (${process.pid}, ${ctx.job.id}::uuid)`,
    );
  },
});

const database = await openDatabase({ url, poolSize: 2 });
await migrateDatabase(database);
const config = parseConfig({
  DATA_DIR: dataDir,
  PASSWORD_ITERATIONS: '1000',
  LOG_LEVEL: 'silent',
  DEMO_DATA: '0',
});
const { app } = await buildApp({
  database,
  config,
  serveWeb: false,
  logger: false,
  jobs: [...jobDefinitions, tickJob],
  jobTiming: { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 2 },
});
await app.ready();
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
process.stdout.write(`ready ${process.pid}\n`);
