import { z } from 'zod';
import { pruneAuditCheckpoints, writeAuditCheckpoint } from '../audit/checkpoints.ts';
import { pruneLiveEvents } from '../events/prune.ts';
import { collectUnreferencedFiles } from '../files/collect.ts';
import { openFileStore } from '../files/store.ts';
import { pruneIdempotencyKeys } from '../http/idempotency.ts';
import { pruneImportProgress } from '../imports/progress.ts';
import { defineJob, type JobDefinition } from './define-job.ts';

/** Idempotency records older than a day are dropped, every hour at :05 (Asia/Shanghai). */
export const pruneIdempotencyKeysJob = defineJob({
  name: 'idempotency.prune',
  label: { 'zh-CN': '清理过期的幂等记录', 'en-US': 'Prune expired idempotency records' },
  payload: z.object({}),
  schedule: { cron: '5 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => pruneIdempotencyKeys(ctx.db),
});

/** Stored files no record references, past their grace period (FILE_GRACE_HOURS), hourly at :25. */
export const collectFilesJob = defineJob({
  name: 'files.collect',
  label: { 'zh-CN': '清理未被引用的文件', 'en-US': 'Collect files no record references' },
  payload: z.object({}),
  schedule: { cron: '25 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: async (ctx) =>
    collectUnreferencedFiles(
      { db: ctx.db, store: await openFileStore(ctx.config.files.store) },
      new Date(ctx.clock.now().getTime() - ctx.config.files.graceMs),
    ),
});

/** Live events past their retention (EVENTS_RETENTION_DAYS), daily at 03:30. */
export const pruneLiveEventsJob = defineJob({
  name: 'events.prune',
  label: { 'zh-CN': '清理过期的实时事件', 'en-US': 'Prune expired live events' },
  payload: z.object({}),
  schedule: { cron: '30 3 * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => pruneLiveEvents(ctx.db, ctx.config.events.retentionMs, ctx.clock.now()),
});

/**
 * A signed checkpoint of the audit chain in the new day's file, even when nothing was sealed, and
 * the day files past AUDIT_CHECKPOINT_KEEP_DAYS deleted: daily at 00:05 (ADR 0010).
 */
export const auditCheckpointJob = defineJob({
  name: 'audit.checkpoint',
  label: {
    'zh-CN': '写入审计日志每日签名检查点并清理过期检查点',
    'en-US': 'Write the audit log’s daily signed checkpoint and prune old ones',
  },
  payload: z.object({}),
  schedule: { cron: '5 0 * * *' },
  retry: { limit: 3, delaySeconds: 60 },
  run: async (ctx) => {
    const now = ctx.clock.now();
    const { checkpointDir: dir, checkpointKeepDays: keepDays } = ctx.config.audit;
    const written = await writeAuditCheckpoint(ctx.db, ctx.auditChainKey, dir, now);
    const pruned = await pruneAuditCheckpoints({ dir, keepDays }, now);
    return { seq: written.seq, file: written.file, pruned };
  },
});

/** The progress of uploads older than a day, hourly at :45. */
export const pruneImportProgressJob = defineJob({
  name: 'imports.prune',
  label: { 'zh-CN': '清理过期的上传进度', 'en-US': 'Prune the progress of past uploads' },
  payload: z.object({}),
  schedule: { cron: '45 * * * *' },
  retry: { limit: 2, delaySeconds: 60 },
  run: (ctx) => pruneImportProgress(ctx.db),
});

/** The platform's own jobs; server/routes.ts lists them with the modules'. */
export const platformJobs: JobDefinition[] = [
  pruneIdempotencyKeysJob,
  collectFilesJob,
  pruneLiveEventsJob,
  auditCheckpointJob,
  pruneImportProgressJob,
];
