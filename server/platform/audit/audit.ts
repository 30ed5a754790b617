import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { isAuditAction } from '../contract/audit-actions.ts';
import { auditLog } from './tables.ts';

/** Who did it and from where; an Actor is one, and so is an anonymous login attempt. */
export type AuditWho = {
  userId?: string | null;
  username?: string | null;
  role?: string | null;
  ip?: string | null;
  requestId?: string | null;
};

export type AuditEntry = {
  action: string;
  entity?: string;
  entityId?: string;
  success?: boolean;
  reason?: string;
  detail?: Record<string, unknown>;
};

/** Records one event; call it with the transaction of the change it records. */
export async function audit(tx: Db, who: AuditWho, entry: AuditEntry): Promise<void> {
  if (!isAuditAction(entry.action)) {
    throw new Error(
      `audit action ${entry.action} is not declared in a contract (defineAuditActions)`,
    );
  }
  await tx.insert(auditLog).values({
    userId: who.userId ?? null,
    username: who.username ?? null,
    role: who.role ?? null,
    ip: who.ip ?? null,
    requestId: who.requestId ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId ?? null,
    success: entry.success ?? true,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
}

/** The canonical text of a row that its hash covers; computed by the database, the same on both backends. */
const canonical = sql`json_build_array(
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), user_id, username, role, ip,
  request_id, action, entity, entity_id, success, reason, detail)::text`;

const GENESIS = '0'.repeat(64);

/**
 * The chain is keyed (HMAC-SM3 with a subkey of the master key, which lives outside the database):
 * whoever can change rows in the database cannot recompute the chain to hide it.
 */
function chainHash(key: Buffer, prevHash: string, seq: number, text: string): string {
  return createHmac('sm3', key).update(`${prevHash}\n${seq}\n${text}`).digest('hex');
}

/**
 * Seals committed rows into the chain in the order the sealer sees them. One sealer at a time
 * (a transaction-scoped advisory lock), so several processes may call it. Returns how many it sealed.
 */
export async function sealAuditLog(db: Db, chainKey: Buffer, batch = 2000): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727101)`);
    const [last] = await rows<{ seq: string | number; hash: string }>(
      tx,
      sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
    );
    const pending = await rows<{ id: string | number; text: string }>(
      tx,
      sql`select id, ${canonical} as text from audit_log where seq is null order by id limit ${batch}`,
    );
    if (pending.length === 0) return 0;
    let seq = last ? Number(last.seq) : 0;
    let prev = last?.hash ?? GENESIS;
    const values = pending.map((row) => {
      seq += 1;
      const hash = chainHash(chainKey, prev, seq, row.text);
      const v = sql`(${Number(row.id)}::bigint, ${seq}::bigint, ${prev}, ${hash})`;
      prev = hash;
      return v;
    });
    await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
      from (values ${sql.join(values, sql`, `)}) as v(id, seq, prev_hash, hash) where a.id = v.id`);
    return pending.length;
  });
}

export type AuditVerification = {
  ok: boolean;
  checked: number;
  unsealed: number;
  brokenAt: number | null;
};

/** Walks the chain and recomputes every hash; the first row whose content or link differs breaks it. */
export async function verifyAuditLog(db: Db, chainKey: Buffer): Promise<AuditVerification> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await rows<{
      seq: string | number;
      prev_hash: string;
      hash: string;
      text: string;
    }>(
      db,
      sql`select seq, prev_hash, hash, ${canonical} as text from audit_log
          where seq >= ${expectedSeq} order by seq limit 5000`,
    );
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (
        seq !== expectedSeq ||
        row.prev_hash !== prev ||
        chainHash(chainKey, prev, seq, row.text) !== row.hash
      ) {
        return { ok: false, checked, unsealed: await countUnsealed(db), brokenAt: expectedSeq };
      }
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  return { ok: true, checked, unsealed: await countUnsealed(db), brokenAt: null };
}

async function countUnsealed(db: Db): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log where seq is null`,
  );
  return row?.n ?? 0;
}
