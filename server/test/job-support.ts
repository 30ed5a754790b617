import { randomBytes } from 'node:crypto';
import { DEAD_LETTER_QUEUE } from '../platform/jobs/define-job.ts';
import { findJobRunner } from '../platform/jobs/runner.ts';
import type { TestApp } from './harness.ts';

/**
 * Parks a job in the dead letters as a failure would, without waiting for retries: a job of a new
 * queue that no worker reads, fetched and failed with no retries left. Returns the parked job's id.
 */
export async function parkJob(t: TestApp, error = 'boom'): Promise<string> {
  const runner = findJobRunner(t.db);
  if (!runner) throw new Error('the test app runs no jobs');
  const { boss } = runner;
  const queue = `test.parked-${randomBytes(4).toString('hex')}`;
  await boss.createQueue(queue, { retryLimit: 0, deadLetter: DEAD_LETTER_QUEUE });
  const id = await boss.send(queue, { parked: queue }, { retryLimit: 0 });
  if (!id) throw new Error('no job was created');
  const [fetched] = await boss.fetch(queue);
  if (fetched?.id !== id) throw new Error('the job to park was not fetched');
  await boss.fail(queue, id, { message: error });
  for (let i = 0; i < 50; i++) {
    const [parked] = await boss.findJobs(DEAD_LETTER_QUEUE, {
      queued: true,
      data: { parked: queue },
    });
    if (parked) return parked.id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the failed job was not dead-lettered');
}
