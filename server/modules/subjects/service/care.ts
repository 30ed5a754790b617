import { and, eq, inArray, isNull, lte, or, gt, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client.ts';
import { divisionPrefix } from '../../../platform/contract/divisions.ts';
import { defineHook } from '../../../platform/hooks.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import type { CareLevel, HouseholdLocationView, SubjectKind } from '../contract.ts';
import { locationView, subjectScope } from '../queries.ts';
import { households, subjectAssignments, subjects } from '../tables.ts';

/*
 * What the modules above the roster (visits first) need of subjects in care: who is in care with
 * what level, short summaries for lists, the assignments of subjects to visitors, and a word when
 * subjects change, in the transaction of the change.
 */

/**
 * A change to subjects as a module above sees it: who changed, when, who just became `special`,
 * whose family circumstances the roster reports changed (their categories, such as living alone,
 * or their emergency contact).
 */
export type SubjectsChanged = {
  subjectIds: readonly string[];
  at: Date;
  toSpecial: readonly string[];
  familyChanged?: readonly string[];
};

/**
 * Subjects changed (enrolled, level set, moved, removed): a module above registers with
 * `onSubjectsChanged` and runs in the transaction of the change, so that what depends on it never
 * lags behind. The writes that change subjects call `subjectsChanged`, once for all they changed.
 */
const changedHook = defineHook<SubjectsChanged>();
export const onSubjectsChanged = changedHook.on;

export async function subjectsChanged(tx: Db, change: SubjectsChanged): Promise<void> {
  if (change.subjectIds.length > 0) await changedHook.run(tx, change);
}

export type SubjectInCare = {
  id: string;
  householdId: string;
  divisionCode: string;
  careLevel: CareLevel;
  kind: SubjectKind;
  /** 失能 on `today`. */
  disabled: boolean;
  /** The visitor assigned on `today`. */
  visitorId: string | null;
};

/**
 * Subjects in care on `today` (on the live roster, consent given): all, those of `ids`, or those
 * in a division's subtree.
 */
export async function subjectsInCare(
  db: Db,
  today: string,
  filter: { ids?: readonly string[]; divisionCode?: string } = {},
): Promise<SubjectInCare[]> {
  const only = sql.join(
    [
      filter.ids ? sql`and s.id = any(${sql.param([...filter.ids])}::uuid[])` : sql``,
      filter.divisionCode
        ? sql`and s.division_code like ${divisionPrefix(filter.divisionCode) + '%'}`
        : sql``,
    ],
    sql` `,
  );
  return rows<SubjectInCare>(
    db,
    sql`select s.id, s.household_id as "householdId", s.division_code as "divisionCode",
        s.care_level as "careLevel", s.kind,
        exists (select 1 from subject_categories c where c.subject_id = s.id
          and c.category = 'disabled' and c.valid_from <= ${today}
          and (c.valid_to is null or c.valid_to > ${today})) as disabled,
        (select a.visitor_id from subject_assignments a where a.subject_id = s.id
          and a.valid_from <= ${today} and (a.valid_to is null or a.valid_to > ${today})
          order by a.valid_from desc limit 1) as "visitorId"
      from subjects s where s.status = 'active' and s.consent = 'given' ${only}`,
  );
}

export type SubjectSummary = {
  id: string;
  name: string;
  kind: SubjectKind;
  careLevel: CareLevel;
  householdId: string;
  divisionCode: string;
  status: 'active' | 'removed';
};

/** Names and places of subjects for a list (never a sensitive value). */
export async function subjectSummaries(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, SubjectSummary>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({
      id: subjects.id,
      name: subjects.name,
      kind: subjects.kind,
      careLevel: subjects.careLevel,
      householdId: subjects.householdId,
      divisionCode: subjects.divisionCode,
      status: subjects.status,
    })
    .from(subjects)
    .where(inArray(subjects.id, [...new Set(ids)]));
  return new Map(found.map((s) => [s.id, s]));
}

const currentOn = (today: string) =>
  and(
    lte(subjectAssignments.validFrom, today),
    or(isNull(subjectAssignments.validTo), gt(subjectAssignments.validTo, today)),
  );

/** The visitor of each subject on `today`. */
export async function visitorsOf(
  db: Db,
  subjectIds: readonly string[],
  today: string,
): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const found = await db
    .select({ subjectId: subjectAssignments.subjectId, visitorId: subjectAssignments.visitorId })
    .from(subjectAssignments)
    .where(and(inArray(subjectAssignments.subjectId, [...subjectIds]), currentOn(today)));
  return new Map(found.map((a) => [a.subjectId, a.visitorId]));
}

/** The subjects assigned to a visitor on `today`, with the day each was assigned. */
export async function assignedTo(db: Db, visitorId: string, today: string) {
  return db
    .select({ subjectId: subjectAssignments.subjectId, since: subjectAssignments.validFrom })
    .from(subjectAssignments)
    .where(and(eq(subjectAssignments.visitorId, visitorId), currentOn(today)));
}

/**
 * Ends the current assignments of `subjectIds` today and, with a visitor, assigns them to that
 * visitor from today; the history of who cared for whom stays. Every row it ends or makes is
 * stamped `updatedAt = now`, which the field app's sync reads to learn what left or joined a
 * caseload. Returns how many had another visitor before.
 */
export async function assign(
  tx: Db,
  input: { subjectIds: readonly string[]; visitorId: string | null; today: string; now: Date },
): Promise<{ moved: number }> {
  const { subjectIds, visitorId, today, now } = input;
  if (subjectIds.length === 0) return { moved: 0 };
  // An assignment made and ended on the same day keeps its row (valid from today to today, it
  // holds on no day): deleting it would leave the visitor's phone no trace that the subject left.
  const ended = await tx
    .update(subjectAssignments)
    .set({ validTo: today, updatedAt: now })
    .where(and(inArray(subjectAssignments.subjectId, [...subjectIds]), currentOn(today)))
    .returning({
      subjectId: subjectAssignments.subjectId,
      visitorId: subjectAssignments.visitorId,
    });
  if (visitorId) {
    for (let i = 0; i < subjectIds.length; i += 1000) {
      await tx.insert(subjectAssignments).values(
        subjectIds.slice(i, i + 1000).map((subjectId) => ({
          subjectId,
          visitorId,
          validFrom: today,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
  }
  return { moved: ended.filter((e) => e.visitorId !== visitorId).length };
}

/**
 * The subjects in care at some time of a month (the denominator of the monthly visit rate): on
 * the roster before the month ended and not removed before it began, consent given, in a
 * division's subtree; with the level they have now.
 */
export async function inCareDuring(
  db: Db,
  window: { start: Date; end: Date; divisionCode: string | null },
): Promise<{ id: string; divisionCode: string; careLevel: CareLevel }[]> {
  return rows(
    db,
    sql`select s.id, s.division_code as "divisionCode", s.care_level as "careLevel"
      from subjects s
      where s.created_at < ${window.end}::timestamptz and s.consent = 'given'
        and (s.status = 'active' or s.removed_at >= ${window.start}::timestamptz)
        ${window.divisionCode ? sql`and s.division_code like ${divisionPrefix(window.divisionCode) + '%'}` : sql``}`,
  );
}

export type HouseholdLocation = HouseholdLocationView;

/** Where a household is, when known: set on the map, or proposed by a first home visit. */
export async function householdLocation(
  db: Db,
  householdId: string,
): Promise<HouseholdLocation | null> {
  const [h] = await db
    .select({
      locationLat: households.locationLat,
      locationLng: households.locationLng,
      locationSource: households.locationSource,
      locationConfirmed: households.locationConfirmed,
    })
    .from(households)
    .where(eq(households.id, householdId));
  return h ? locationView(h) : null;
}

/** Where each of the households is, when known (one query). */
export async function householdLocations(
  db: Db,
  householdIds: readonly string[],
): Promise<Map<string, HouseholdLocation>> {
  if (householdIds.length === 0) return new Map();
  const found = await db
    .select({
      id: households.id,
      locationLat: households.locationLat,
      locationLng: households.locationLng,
      locationSource: households.locationSource,
      locationConfirmed: households.locationConfirmed,
    })
    .from(households)
    .where(inArray(households.id, [...new Set(householdIds)]));
  const byId = new Map<string, HouseholdLocation>();
  for (const h of found) {
    const place = locationView(h);
    if (place) byId.set(h.id, place);
  }
  return byId;
}

/** The first home visit's check-in proposes the household's place (to be confirmed on the map). */
export async function proposeHouseholdLocation(
  tx: Db,
  householdId: string,
  at: { lat: number; lng: number },
): Promise<void> {
  await tx
    .update(households)
    .set({ locationLat: at.lat, locationLng: at.lng, locationSource: 'first_visit' })
    .where(and(eq(households.id, householdId), isNull(households.locationLat)));
}

/**
 * The members of a household that the actor may see, still on the roster or not; none: the
 * household is not found for them.
 */
export async function householdMembers(
  c: { db: Db; actor: Pick<Actor, 'scope' | 'role' | 'userId'>; today: string },
  householdId: string,
): Promise<{ id: string; divisionCode: string; status: 'active' | 'removed' }[]> {
  return c.db
    .select({ id: subjects.id, divisionCode: subjects.divisionCode, status: subjects.status })
    .from(subjects)
    .where(and(eq(subjects.householdId, householdId), subjectScope(c.actor, c.today)));
}
