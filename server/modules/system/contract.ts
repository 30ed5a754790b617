import { z } from 'zod';
import { endpoints } from '../../platform/contract/index.ts';

export const systemEndpoints = endpoints({
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
});
