import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { nameKeys } from '../names.ts';
import { subjects } from '../tables.ts';

const BATCH = 2000;

/**
 * Computes every subject's pinyin keys again from the name (after their encoding changed), batch by
 * batch in id order; writes only the rows whose keys differ. Answers how many changed.
 */
export async function recomputeNameKeys(db: Db): Promise<number> {
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const batch: { id: string; name: string; namePinyin: string; nameInitials: string }[] = await db
      .select({
        id: subjects.id,
        name: subjects.name,
        namePinyin: subjects.namePinyin,
        nameInitials: subjects.nameInitials,
      })
      .from(subjects)
      .where(after ? gt(subjects.id, after) : undefined)
      .orderBy(asc(subjects.id))
      .limit(BATCH);
    const last = batch.at(-1);
    if (!last) return changed;
    after = last.id;
    const stale = batch.flatMap((row) => {
      const keys = nameKeys(row.name);
      return keys.namePinyin === row.namePinyin && keys.nameInitials === row.nameInitials
        ? []
        : [sql`(${row.id}::uuid, ${keys.namePinyin}, ${keys.nameInitials})`];
    });
    if (stale.length)
      await db.execute(
        sql`update ${subjects} set name_pinyin = v.p, name_initials = v.i
            from (values ${sql.join(stale, sql`, `)}) as v(id, p, i) where ${subjects.id} = v.id`,
      );
    changed += stale.length;
  }
}
