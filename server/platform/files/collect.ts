import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { audit } from '../audit/audit.ts';
import { FileAuditAction } from '../contract/files.ts';
import type { FileStore } from './store.ts';
import { fileReferences, files } from './tables.ts';

const unreferenced = sql`not exists (select 1 from ${fileReferences} r where r.file_id = ${files.id})`;

/** The collector's own name in the audit log. */
const collector = { username: 'system:file-collector' };

/**
 * Removes the files that no record references and that were uploaded (or last released) before
 * `olderThan`: each row with its audit row in a transaction of its own, then its bytes. A file that
 * a record attaches meanwhile is kept (the foreign key of its reference refuses the delete). Bytes
 * that outlive a crash between the two steps are left in the store, never a row without bytes.
 * Returns how many it removed; at most `batch` a call.
 */
export async function collectUnreferencedFiles(
  ctx: { db: Db; store: FileStore },
  olderThan: Date,
  batch = 500,
  /** Only files of this purpose (an expired or downloaded export goes at once, not after the grace). */
  purpose?: string,
): Promise<{ removed: number }> {
  const candidates = await ctx.db
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        sql`coalesce(${files.releasedAt}, ${files.createdAt}) < ${olderThan.toISOString()}`,
        unreferenced,
        purpose ? eq(files.purpose, purpose) : undefined,
      ),
    )
    .orderBy(asc(files.createdAt))
    .limit(batch);
  let removed = 0;
  for (const { id } of candidates) {
    const gone = await ctx.db
      .transaction(async (tx) => {
        const [row] = await tx
          .delete(files)
          .where(and(eq(files.id, id), unreferenced))
          .returning();
        if (!row) return null;
        await audit(tx, collector, {
          action: FileAuditAction['file.collect'],
          entity: 'file',
          entityId: id,
          detail: { purpose: row.purpose, size: row.size, createdAt: row.createdAt.toISOString() },
        });
        return row;
      })
      .catch((err: unknown) => {
        // attached by a record between the look-up and the delete: kept
        if (isForeignKeyViolation(err)) return null;
        throw err;
      });
    if (!gone) continue;
    await ctx.store.delete(gone.storageKey);
    if (gone.thumbnailKey) await ctx.store.delete(gone.thumbnailKey);
    removed++;
  }
  return { removed };
}

function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: string }).code === '23503') return true;
  return false;
}
