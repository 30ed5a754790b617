import { z } from 'zod';
import { defineErrors, defineFieldLabels, endpoints } from '../../platform/contract/index.ts';

export const SystemError = defineErrors('system', {
  import_progress_not_found: {
    status: 404,
    'zh-CN': '未找到该上传的进度',
    'en-US': 'No progress of that upload was found',
  },
});

export const ImportProgressParams = z.object({ key: z.string().min(8).max(100) });
/** How far the check of an upload has come (platform/imports/progress.ts). */
export const ImportProgressView = z.object({
  phase: z.enum(['reading', 'checking', 'writing', 'done']),
  /** Rows read, or checked, so far. */
  done: z.number().int(),
  /** The rows there are; while reading, an estimate; null when not known yet. */
  total: z.number().int().nullable(),
});

export const systemFieldLabels = defineFieldLabels({
  key: { 'zh-CN': '上传标识', 'en-US': 'Upload key' },
});

export const systemEndpoints = endpoints(systemFieldLabels, {
  health: {
    method: 'GET',
    path: '/api/health',
    summary: '健康检查：进程与数据库',
    permission: 'public',
    scope: 'none',
    response: z.object({
      status: z.enum(['ok']),
      database: z.enum(['pglite', 'pg']),
      time: z.string(),
    }),
  },
  importProgress: {
    method: 'GET',
    path: '/api/imports/:key/progress',
    summary:
      '上传 Excel 的校验进度（按该上传请求的 Idempotency-Key；仅上传者本人可见，其他人为 404）',
    permission: 'authenticated',
    scope: 'self',
    params: ImportProgressParams,
    response: ImportProgressView,
  },
});
