import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';

/**
 * A `sensitive.reveal` row INSERTed straight in SQL, as an intruder with the database's credentials
 * would: it has no MAC, so the sealer refuses it and the viewer's verification reports it (audit.e2e.ts).
 */
export async function insertForgedAuditRow(db: Db): Promise<void> {
  await db.execute(sql`insert into audit_log (username, role, action, entity, entity_id, reason)
    values ('forger', 'district_officer', 'sensitive.reveal', 'subject', 'forged', 'forged in SQL')`);
}
