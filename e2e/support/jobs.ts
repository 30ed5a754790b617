import { z } from 'zod';
import type { Db } from '../../server/db/client.ts';
import { defineJob } from '../../server/platform/jobs/define-job.ts';
import { enqueueJob, findJobRunner } from '../../server/platform/jobs/runner.ts';

/** The error the job fails with, which the jobs page shows. */
export const E2E_JOB_ERROR = '短信网关连接超时';

let failed = false;

/**
 * A job of the test server that fails its first run and has no retries, so that it is parked at
 * once (系统管理 → 后台任务 shows it); retried by the administrator, it completes.
 */
export const e2eFlakyJob = defineJob({
  name: 'e2e.flaky',
  label: { 'zh-CN': '演示：首次失败的任务', 'en-US': 'Demo: fails the first time' },
  payload: z.object({}),
  retry: { limit: 0, delaySeconds: 1 },
  run: async () => {
    if (failed) return;
    failed = true;
    throw new Error(E2E_JOB_ERROR);
  },
});

export async function enqueueFlakyJob(db: Db): Promise<void> {
  await db.transaction((tx) => enqueueJob(tx, e2eFlakyJob, {}));
}

/**
 * Runs a job of the e2e server now, as its schedule would: enqueued on its queue and picked up by
 * the server's own worker, answered once that run completed (its state then, or an error). A
 * scheduled queue holds one waiting job at most: while the schedule's own is waiting, this waits
 * for it to be taken and enqueues again.
 */
export async function runJobNow(db: Db, name: string): Promise<{ id: string; state: string }> {
  const runner = findJobRunner(db);
  const definition = runner?.definitions.get(name);
  if (!runner || !definition) throw new Error(`no job ${name} in the e2e server`);
  const deadline = Date.now() + 30_000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 250));
  let id: string | null = null;
  while (!id) {
    id = await runner.boss.send(name, definition.schedule?.data ?? {});
    if (!id && Date.now() > deadline) throw new Error(`${name}: no job could be enqueued`);
    if (!id) await pause();
  }
  for (;;) {
    const [job] = await runner.boss.findJobs(name, { id });
    if (job?.state === 'completed') return { id, state: job.state };
    if (job && ['failed', 'cancelled'].includes(job.state))
      throw new Error(`${name} ${id}: ${job.state} ${JSON.stringify(job.output)}`);
    if (Date.now() > deadline) throw new Error(`${name} ${id}: still ${job?.state} after 30 s`);
    await pause();
  }
}
