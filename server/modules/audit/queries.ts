import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../platform/audit/tables.ts';
import type { ListAuditQuery } from './contract.ts';

export async function listAuditLog(db: Db, query: z.infer<typeof ListAuditQuery>) {
  const where = and(
    query.username ? eq(auditLog.username, query.username.toLowerCase()) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.success ? eq(auditLog.success, query.success === 'true') : undefined,
    query.from ? gte(auditLog.occurredAt, new Date(query.from)) : undefined,
    query.to ? lte(auditLog.occurredAt, new Date(query.to)) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: found.map(({ seq, prevHash: _prev, hash: _hash, occurredAt, ...row }) => ({
      ...row,
      occurredAt: occurredAt.toISOString(),
      sealed: seq !== null,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
