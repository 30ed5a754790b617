import type { Db } from '../client.ts';
import { recomputeNameKeys } from '../../modules/subjects/service.ts';
import { dataMigrations } from './tables.ts';

/**
 * A change of stored data that SQL cannot compute (a key made by a library in code). Each runs once
 * per database, after every SQL migration, in one transaction with the row that records it, so a
 * crash leaves it to run again at the next start and a second process starting at once waits on
 * that row, then skips it. Its `id` never changes; a new one goes at the end.
 */
export type DataMigration = { id: string; run(db: Db): Promise<unknown> };

export const dataMigrationList: DataMigration[] = [
  // Pinyin sort keys separate their syllables (陈 chen before 程 cheng whatever follows).
  { id: '0001_subject_name_pinyin_syllables', run: recomputeNameKeys },
];

/** Runs the data migrations this database has not run yet, in order. */
export async function runDataMigrations(
  db: Db,
  list: DataMigration[] = dataMigrationList,
): Promise<string[]> {
  const ran: string[] = [];
  for (const migration of list) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(dataMigrations)
        .values({ id: migration.id })
        .onConflictDoNothing()
        .returning({ id: dataMigrations.id });
      if (!claimed.length) return;
      await migration.run(tx);
      ran.push(migration.id);
    });
  }
  return ran;
}
