import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The security audit log (审计日志): append-only, hash-chained with SM3. Rows are written inside the
 * transaction of the change they record, each with its `mac` (HMAC-SM3 with a key the database does
 * not hold, ADR 0010); `seq`, `prev_hash` and `hash` are set afterwards by the sealer, one at a time
 * in commit order, or `seal_refused` when the row's MAC is missing or wrong (a row the application
 * did not write). A trigger refuses deletes and any other update.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 6 })
      .notNull()
      .defaultNow(),
    userId: uuid('user_id'),
    username: text('username'),
    role: text('role'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    success: boolean('success').notNull().default(true),
    reason: text('reason'),
    detail: jsonb('detail'),
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** HMAC-SM3 of the row's canonical text, hex; `legacy` on rows written before ADR 0010. */
    mac: text('mac'),
    /** Why the sealer left the row out of the chain: `no_mac`, `bad_mac` or `late_legacy`. */
    sealRefused: text('seal_refused'),
  },
  (t) => [
    index('audit_log_occurred_at_idx').on(t.occurredAt),
    index('audit_log_user_idx').on(t.userId, t.occurredAt),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_action_idx').on(t.action, t.occurredAt),
    index('audit_log_failed_login_idx')
      .on(t.ip, t.occurredAt)
      .where(sql`action = 'auth.login' and not success`),
  ],
);
