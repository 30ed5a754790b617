import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../platform/audit/tables.ts';
import { verifyAuditLog, type AuditVerification } from '../../platform/audit/verify.ts';
import { auditActionCatalogue } from '../../platform/contract/audit-actions.ts';
import { divisionNames } from '../divisions/service.ts';
import { organisationNames } from '../organisations/service.ts';
import { userNames } from '../users/service.ts';
import type { AuditContext } from './context.ts';
import type { ListAuditQuery } from './contract.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const divisionCode = /^\d{12}(\d{3})?$/;

/** The entities whose names the viewer shows beside their ids: which ids name one, and the names. */
const namers: Record<
  string,
  { id: RegExp; names: (db: Db, ids: string[]) => Promise<Map<string, string>> }
> = {
  user: { id: uuid, names: userNames },
  division: { id: divisionCode, names: divisionNames },
  organisation: { id: uuid, names: organisationNames },
};

/** The names of a page's entities, one query per kind of entity. */
async function entityNames(db: Db, rows: { entity: string | null; entityId: string | null }[]) {
  const names = new Map<string, Map<string, string>>();
  for (const [entity, namer] of Object.entries(namers)) {
    const ids = rows.flatMap((r) =>
      r.entity === entity && r.entityId && namer.id.test(r.entityId) ? [r.entityId] : [],
    );
    if (ids.length > 0) names.set(entity, await namer.names(db, ids));
  }
  return (entity: string | null, id: string | null) =>
    (entity && id && names.get(entity)?.get(id)) || null;
}

const refusals = ['no_mac', 'bad_mac', 'late_legacy'] as const;
const refusal = (r: string | null) =>
  r === null ? null : (refusals.find((x) => x === r) ?? 'bad_mac');

/** The actions the log records, each named in the caller's language (the viewer's filter). */
export async function listAuditActions({ locale }: AuditContext) {
  return { items: auditActionCatalogue(locale) };
}

/** A page of the log, the newest first, with the names of the entities it mentions. */
export async function listAuditLog({ db }: AuditContext, query: z.infer<typeof ListAuditQuery>) {
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
  const nameOf = await entityNames(db, found);
  return {
    items: found.map(
      ({ seq, prevHash: _p, hash: _h, mac: _m, occurredAt, sealRefused, ...row }) => ({
        ...row,
        sealRefused: refusal(sealRefused),
        entityName: nameOf(row.entity, row.entityId),
        occurredAt: occurredAt.toISOString(),
        sealed: seq !== null,
      }),
    ),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The check of the whole log: its hash chain, every row's MAC, the signed checkpoints. */
export function verifyAuditChain({
  db,
  chainKey,
  checkpointDir,
}: AuditContext): Promise<AuditVerification> {
  return verifyAuditLog(db, chainKey, { checkpointDir });
}
