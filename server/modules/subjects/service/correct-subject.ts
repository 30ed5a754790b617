import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { maskPhone } from '../../../platform/sensitive/sensitive.ts';
import type { RosterWriteContext, SubjectsContext } from '../context.ts';
import { nameKeys } from '../names.ts';
import { householdEvents, subjects } from '../tables.ts';
import { findRosterSubjects, type RosterSubject } from './roster-changes.ts';

/** The live subjects with these ids (anywhere: the caller has checked scope), by id. */
export async function rosterSubjectsById(
  c: Pick<SubjectsContext, 'db' | 'sensitive' | 'today'>,
  ids: string[],
): Promise<Map<string, RosterSubject>> {
  if (!ids.length) return new Map();
  const hashes = await c.db
    .select({ hash: subjects.idNumberHash })
    .from(subjects)
    .where(inArray(subjects.id, ids));
  const found = await findRosterSubjects(
    c,
    hashes.map((h) => h.hash),
  );
  return new Map([...found.values()].map((s) => [s.id, s]));
}

/**
 * Corrects a subject's name or mobile phone from another department's record (`source`), in the
 * caller's transaction (`db`, which audits it), with a "details changed" event on the household's
 * timeline.
 */
export async function correctSubject(
  c: Pick<RosterWriteContext, 'db' | 'sensitive' | 'now'> & {
    actor: Pick<Actor, 'userId' | 'username'>;
  },
  input: {
    subject: Pick<RosterSubject, 'id' | 'householdId'>;
    change: { name: string } | { mobile: string };
    source: string;
  },
): Promise<void> {
  const { db: tx, sensitive: cipher, actor, now: at } = c;
  const { subject, change, source } = input;
  const set =
    'name' in change
      ? { name: change.name, ...nameKeys(change.name) }
      : {
          mobileCipher: cipher.encrypt(change.mobile),
          mobileHash: cipher.lookupHash(change.mobile),
          mobileMasked: maskPhone(change.mobile),
        };
  await tx
    .update(subjects)
    .set({ ...set, version: sql`${subjects.version} + 1`, updatedAt: at })
    .where(eq(subjects.id, subject.id));
  await tx.insert(householdEvents).values({
    householdId: subject.householdId,
    subjectId: subject.id,
    occurredAt: at,
    kind: 'subject.changed',
    detail: { fields: 'name' in change ? 'name' : 'mobile', source },
    actorId: actor.userId,
    actorName: actor.username,
  });
}
