import { z } from 'zod';
import type { Db } from '../../server/db/client.ts';
import { defineJob } from '../../server/platform/jobs/define-job.ts';
import { enqueueJob } from '../../server/platform/jobs/runner.ts';

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
