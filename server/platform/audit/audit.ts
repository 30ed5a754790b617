import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { isAuditAction } from '../contract/audit-actions.ts';
import { auditKeys, boundAuditKeys, hmacSm3, sameMac } from './keys.ts';
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

/** The `mac` of the rows written before row MACs (ADR 0010): the prefix of the chain they form. */
export const LEGACY_MAC = 'legacy';

type Columns = {
  occurredAt: SQL;
  userId: SQL;
  username: SQL;
  role: SQL;
  ip: SQL;
  requestId: SQL;
  action: SQL;
  entity: SQL;
  entityId: SQL;
  success: SQL;
  reason: SQL;
  detail: SQL;
};

/**
 * The canonical text of a row that its MAC and its hash cover; computed by the database, the same on
 * both backends and for every reader, whether from the values about to be written or a stored row.
 */
function canonicalOf(c: Columns): SQL {
  return sql`json_build_array(
    to_char(${c.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${c.userId},
    ${c.username}, ${c.role}, ${c.ip}, ${c.requestId}, ${c.action}, ${c.entity}, ${c.entityId},
    ${c.success}, ${c.reason}, ${c.detail})::text`;
}

/** The canonical text of a stored row of `audit_log`. */
export const canonical = canonicalOf({
  occurredAt: sql`occurred_at`,
  userId: sql`user_id`,
  username: sql`username`,
  role: sql`role`,
  ip: sql`ip`,
  requestId: sql`request_id`,
  action: sql`action`,
  entity: sql`entity`,
  entityId: sql`entity_id`,
  success: sql`success`,
  reason: sql`reason`,
  detail: sql`detail`,
});

/**
 * Records one event; call it with the transaction of the change it records. The row carries its
 * MAC, made here with the key bound to the database (never stored in it): a row INSERTed straight in
 * SQL has none the sealer accepts, so it never enters the chain as genuine (ADR 0010).
 */
export async function audit(tx: Db, who: AuditWho, entry: AuditEntry): Promise<void> {
  if (!isAuditAction(entry.action)) {
    throw new Error(
      `audit action ${entry.action} is not declared in a contract (defineAuditActions)`,
    );
  }
  const keys = boundAuditKeys(tx);
  const values = {
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
  };
  // the time and the canonical text from the database, as the sealer will read them back
  const [row] = await rows<{ at: string; text: string }>(
    tx,
    sql`select at, ${canonicalOf({
      occurredAt: sql`at::timestamptz`,
      userId: sql`${values.userId}::uuid`,
      username: sql`${values.username}::text`,
      role: sql`${values.role}::text`,
      ip: sql`${values.ip}::text`,
      requestId: sql`${values.requestId}::text`,
      action: sql`${values.action}::text`,
      entity: sql`${values.entity}::text`,
      entityId: sql`${values.entityId}::text`,
      success: sql`${values.success}::boolean`,
      reason: sql`${values.reason}::text`,
      detail:
        values.detail === null ? sql`null::jsonb` : sql`${JSON.stringify(values.detail)}::jsonb`,
    })} as text
    from (select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at) t`,
  );
  if (!row) throw new Error('the database returned no canonical text');
  await tx.insert(auditLog).values({
    ...values,
    occurredAt: sql`${row.at}::timestamptz`,
    mac: hmacSm3(keys.row, row.text),
  });
}

export const GENESIS = '0'.repeat(64);

/**
 * The chain is keyed (HMAC-SM3 with a subkey of the master key, which lives outside the database):
 * whoever can change rows in the database cannot recompute the chain to hide it. A row with a MAC
 * has it chained too, so that it cannot be passed off as legacy; a legacy row is chained as before.
 */
export function chainHash(
  key: Buffer,
  prevHash: string,
  seq: number,
  text: string,
  mac: string,
): string {
  const tail = mac === LEGACY_MAC ? '' : `\n${mac}`;
  return hmacSm3(key, `${prevHash}\n${seq}\n${text}${tail}`);
}

/** Why a row cannot be sealed (null: it can): its MAC is missing, wrong, or legacy after the cut-over. */
export function macProblem(
  rowKey: Buffer,
  row: { text: string; mac: string | null },
  legacyOpen: boolean,
): 'no_mac' | 'bad_mac' | 'late_legacy' | null {
  if (row.mac === null) return 'no_mac';
  if (row.mac === LEGACY_MAC) return legacyOpen ? null : 'late_legacy';
  return sameMac(hmacSm3(rowKey, row.text), row.mac) ? null : 'bad_mac';
}

/**
 * Seals committed rows into the chain in the order the sealer sees them. One sealer at a time
 * (a transaction-scoped advisory lock), so several processes may call it. A row whose MAC is missing
 * or wrong is not chained: it is marked `seal_refused`, and the verifier reports it. Returns how many
 * rows it took (sealed or refused).
 */
export async function sealAuditLog(db: Db, chainKey: Buffer, batch = 2000): Promise<number> {
  const keys = auditKeys(chainKey);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727101)`);
    const [last] = await rows<{ seq: string | number; hash: string; mac: string | null }>(
      tx,
      sql`select seq, hash, mac from audit_log where seq is not null order by seq desc limit 1`,
    );
    const pending = await rows<{ id: string | number; text: string; mac: string | null }>(
      tx,
      sql`select id, ${canonical} as text, mac from audit_log
          where seq is null and seal_refused is null order by id limit ${batch}`,
    );
    if (pending.length === 0) return 0;
    let seq = last ? Number(last.seq) : 0;
    let prev = last?.hash ?? GENESIS;
    // legacy rows are chained only while the chain holds nothing else
    let legacyOpen = !last || last.mac === LEGACY_MAC;
    const sealed: SQL[] = [];
    const refused: SQL[] = [];
    for (const row of pending) {
      const problem = macProblem(keys.row, row, legacyOpen);
      if (problem) {
        refused.push(sql`(${Number(row.id)}::bigint, ${problem})`);
        continue;
      }
      const mac = row.mac ?? '';
      if (mac !== LEGACY_MAC) legacyOpen = false;
      seq += 1;
      const hash = chainHash(keys.chain, prev, seq, row.text, mac);
      sealed.push(sql`(${Number(row.id)}::bigint, ${seq}::bigint, ${prev}, ${hash})`);
      prev = hash;
    }
    if (sealed.length > 0)
      await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        from (values ${sql.join(sealed, sql`, `)}) as v(id, seq, prev_hash, hash) where a.id = v.id`);
    if (refused.length > 0)
      await tx.execute(sql`update audit_log a set seal_refused = v.reason
        from (values ${sql.join(refused, sql`, `)}) as v(id, reason) where a.id = v.id`);
    return pending.length;
  });
}
