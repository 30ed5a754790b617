import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import {
  SubjectError,
  careLevelNames,
  type CareLevel,
  type revealableFields,
  type SetCareLevelBody,
  type SubjectDetail,
  type SubjectKind,
} from './contract.ts';
import type { SubjectsContext } from './context.ts';
import {
  getHouseholdFile,
  getSubjectDetail,
  getSubjectRow,
  subjectScope,
  type QueryCtx,
} from './queries.ts';
import {
  careLevelChanges,
  householdEvents,
  households,
  subjectCategories,
  subjects,
} from './tables.ts';

/** One event of a household's timeline, as a module above this one records it. */
export type TimelineEvent = {
  householdId: string;
  subjectId?: string | null;
  occurredAt: Date;
  /** A kind declared with `defineTimelineKinds` in the writing module's contract. */
  kind: string;
  detail?: Record<string, string | number | boolean | null>;
  refEntity?: string;
  refId?: string;
  actor?: Pick<Actor, 'userId' | 'username'> | null;
};

/**
 * The household timeline's one way in (V3): visits, emergencies, work orders and benefits call
 * this in the transaction of their own change, so the file shows what happened and nothing half done.
 */
export async function addTimelineEvent(tx: Db, event: TimelineEvent): Promise<void> {
  await addTimelineEvents(tx, [event]);
}

/** Many events at once (a ledger of past visits), a thousand a statement. */
export async function addTimelineEvents(tx: Db, events: readonly TimelineEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000)
    await tx.insert(householdEvents).values(
      events.slice(i, i + 1000).map((event) => ({
        householdId: event.householdId,
        subjectId: event.subjectId ?? null,
        occurredAt: event.occurredAt,
        kind: event.kind,
        detail: event.detail ?? null,
        refEntity: event.refEntity ?? null,
        refId: event.refId ?? null,
        actorId: event.actor?.userId ?? null,
        actorName: event.actor?.username ?? null,
      })),
    );
}

/** The lowest care level a subject may have: a disabled (失能) elder is visited at least monthly. */
export function careLevelFloor(kind: SubjectKind, categories: readonly string[]): CareLevel {
  return kind === 'elder' && categories.includes('disabled') ? 'key' : 'regular';
}

const levelRank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };
export const isBelow = (level: CareLevel, floor: CareLevel) => levelRank[level] > levelRank[floor];

export type { RosterWriteContext, SubjectsContext } from './context.ts';

/** The subject's file; reading health notes and a child's data is recorded in the audit log. */
export async function viewSubject(c: SubjectsContext, id: string): Promise<SubjectDetail> {
  const detail = await getSubjectDetail(c, id);
  await audit(c.db, c.actor, { action: 'subject.view', entity: 'subject', entityId: id });
  return detail;
}

export async function viewHousehold(c: SubjectsContext, id: string) {
  const file = await getHouseholdFile(c, id);
  await audit(c.db, c.actor, { action: 'household.view', entity: 'household', entityId: id });
  return file;
}

export async function setCareLevel(
  c: SubjectsContext,
  { id, ...input }: { id: string } & z.infer<typeof SetCareLevelBody>,
): Promise<SubjectDetail> {
  const { actor } = c;
  await c.db.transaction(async (tx) => {
    const row = await getSubjectRow({ ...c, db: tx }, id);
    if (input.version !== undefined && input.version !== row.version) {
      throw new AppError(SubjectError.version_conflict);
    }
    const current = await tx
      .select({ category: subjectCategories.category })
      .from(subjectCategories)
      .where(
        and(
          eq(subjectCategories.subjectId, id),
          sql`(${subjectCategories.validTo} is null or ${subjectCategories.validTo} > ${c.today})`,
        ),
      );
    const floor = careLevelFloor(
      row.kind,
      current.map((x) => x.category),
    );
    if (isBelow(input.level, floor)) {
      throw new AppError(SubjectError.care_level_below_floor, {
        fields: [{ field: 'level', code: SubjectError.care_level_below_floor }],
      });
    }
    if (input.level === row.careLevel && input.reason === row.careLevelReason) return;
    // the version read above, in the WHERE: a change committed meanwhile wins, this one is refused
    const updated = await tx
      .update(subjects)
      .set({
        careLevel: input.level,
        careLevelReason: input.reason,
        careLevelSetBy: actor.userId,
        careLevelSetAt: c.now,
        version: sql`${subjects.version} + 1`,
        updatedAt: c.now,
      })
      .where(and(eq(subjects.id, id), eq(subjects.version, row.version)))
      .returning({ id: subjects.id });
    if (updated.length === 0) throw new AppError(SubjectError.version_conflict);
    await tx.insert(careLevelChanges).values({
      subjectId: id,
      fromLevel: row.careLevel,
      toLevel: input.level,
      reason: input.reason,
      setBy: actor.userId,
      setAt: c.now,
    });
    await addTimelineEvent(tx, {
      householdId: row.householdId,
      subjectId: id,
      occurredAt: c.now,
      kind: 'subject.care_level_changed',
      detail: { from: row.careLevel, to: input.level, reason: input.reason },
      actor,
    });
    await subjectsChanged(tx, {
      subjectIds: [id],
      at: c.now,
      toSpecial: input.level === 'special' && row.careLevel !== 'special' ? [id] : [],
    });
    await audit(tx, actor, {
      action: 'subject.care_level',
      entity: 'subject',
      entityId: id,
      detail: {
        from: careLevelNames[row.careLevel]['zh-CN'],
        to: careLevelNames[input.level]['zh-CN'],
      },
    });
  });
  return getSubjectDetail(c, id);
}

/** The full value of one sensitive field, with the reason in the audit log. */
export async function revealSubject(
  c: SubjectsContext,
  { id, field, reason }: { id: string; field: (typeof revealableFields)[number]; reason: string },
): Promise<{ value: string | null }> {
  const { actor } = c;
  const row = await getSubjectRow(c, id);
  let sealed: string | null;
  let plain: string | null = null;
  switch (field) {
    case 'idNumber':
      sealed = row.idNumberCipher;
      break;
    case 'birthDate':
      sealed = null;
      plain = row.birthDate;
      break;
    case 'mobile':
      sealed = row.mobileCipher;
      break;
    case 'landline':
      sealed = row.landlineCipher;
      break;
    case 'address': {
      const [h] = await c.db
        .select({ cipher: households.addressCipher })
        .from(households)
        .where(eq(households.id, row.householdId));
      sealed = h?.cipher ?? null;
      break;
    }
  }
  await audit(c.db, actor, {
    action: 'sensitive.reveal',
    entity: 'subject',
    entityId: id,
    reason,
    detail: { field },
  });
  return { value: sealed ? c.sensitive.decrypt(sealed) : plain };
}

export { enrolSubjects, type NewSubject } from './service/enrol-subjects.ts';
import { subjectsChanged } from './service/care.ts';
export {
  assign,
  assignedTo,
  householdLocation,
  householdLocations,
  householdMembers,
  inCareDuring,
  proposeHouseholdLocation,
  onSubjectsChanged,
  subjectsChanged,
  subjectsInCare,
  subjectSummaries,
  visitorsOf,
  type SubjectInCare,
  type SubjectsChanged,
  type SubjectSummary,
} from './service/care.ts';
import { findRosterSubjects, type RosterSubject } from './service/roster-changes.ts';
export { findRosterSubjects, type RosterSubject };
export {
  caseloadChanges,
  fieldSubjects,
  leftCaseload,
  type FieldSubject,
} from './service/field-sync.ts';
export { applyRosterChange, removeSubject } from './service/roster-changes.ts';
export { subjectScope } from './queries.ts';

/** An active subject of the actor's scope (or subject.not_found, naming `field` when given). */
export async function activeSubjectRow(
  { db, actor, today }: Pick<SubjectsContext, 'db' | 'actor' | 'today'>,
  { id, field }: { id: string; field?: string },
) {
  const [row] = await db
    .select()
    .from(subjects)
    .where(and(eq(subjects.id, id), eq(subjects.status, 'active'), subjectScope(actor, today)));
  if (!row)
    throw new AppError(SubjectError.not_found, {
      fields: field ? [{ field, code: SubjectError.not_found }] : undefined,
    });
  return row;
}

/** Names of the given subjects, in one query: for other modules that show whom something is about. */
export async function subjectNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await db
    .select({ id: subjects.id, name: subjects.name })
    .from(subjects)
    .where(inArray(subjects.id, unique));
  return new Map(found.map((s) => [s.id, s.name]));
}

/** One subject of the actor's scope as the roster holds it (or subject.not_found). */
export async function rosterSubjectOf(c: QueryCtx, id: string): Promise<RosterSubject> {
  const row = await getSubjectRow(c, id);
  const found = await findRosterSubjects(c, [row.idNumberHash]);
  return found.get(row.idNumberHash) as RosterSubject;
}
export { exportSubjects, subjectExportScope } from './service/export-subjects.ts';
export { classificationRows, type ClassificationRow } from './service/classification-rows.ts';
export { recomputeNameKeys } from './service/name-keys.ts';
export { correctSubject, rosterSubjectsById } from './service/correct-subject.ts';
export { confirmHouseholdLocation, setHouseholdLocation } from './service/household-location.ts';
