import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { rows, type Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { ageOn } from '../../platform/contract/id-number.ts';
import { divisionLevel, divisionPrefix } from '../../platform/contract/divisions.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import { codesUnder, divisionNames } from '../divisions/service.ts';
import { userNames } from '../users/service.ts';
import type { SubjectsContext } from './context.ts';
import {
  COUNT_CAP,
  HouseholdError,
  SubjectError,
  timelineKindLabel,
  type HouseholdFile,
  type HouseholdLocationView,
  type ListSubjectsQuery,
  type SearchSubjectsBody,
  type SubjectDetail,
  type SubjectView,
} from './contract.ts';
import {
  cappedCount,
  nameCondition,
  namePlan,
  pageIds,
  type NamePlan,
  type SearchScale,
} from './search.ts';
import {
  careLevelChanges,
  householdContacts,
  householdEvents,
  households,
  subjectAssignments,
  subjectCategories,
  subjects,
} from './tables.ts';

/**
 * The subjects an actor may see: those in the actor's division subtree; a visitor only those
 * assigned to them (today).
 */
export function subjectScope(actor: Pick<Actor, 'scope' | 'role' | 'userId'>, today: string) {
  const division = scopeWhere(actor, { division: subjects.divisionCode });
  if (actor.role !== 'visitor') return division;
  return and(
    division,
    sql`exists (select 1 from ${subjectAssignments} a where a.subject_id = ${subjects.id}
      and a.visitor_id = ${actor.userId} and a.valid_from <= ${today}
      and (a.valid_to is null or a.valid_to > ${today}))`,
  );
}

/** The actor's divisions, one by one, where a plan looks them up so (search.ts). */
function byDivision(actor: Pick<Actor, 'scope'>, plan: NamePlan): SQL | undefined {
  const code = actor.scope.divisionCode;
  return plan.byDivision && code
    ? sql`${subjects.divisionCode} in (${codesUnder(divisionPrefix(code))})`
    : undefined;
}

/** How wide the actor's roster is, for the plans of search.ts. */
function searchScale(actor: Pick<Actor, 'scope' | 'role'>): SearchScale {
  const code = actor.scope.divisionCode;
  if (actor.role === 'visitor') return 'small';
  if (!code) return 'wide';
  const level = divisionLevel(code);
  if (level === 'street') return 'street';
  return level === 'community' || level === 'grid' ? 'small' : 'wide';
}

/** The birth date bound of an age: born on or before it is at least `years` old on `today`. */
const bornBy = (today: string, years: number) =>
  sql`(${today}::date - make_interval(years => ${years}))`;

function filters(
  query: Omit<z.infer<typeof ListSubjectsQuery>, 'page' | 'pageSize'>,
  today: string,
  sensitive: SensitiveCipher,
  exact: { idNumber?: string; phone?: string } = {},
): (SQL | undefined)[] {
  const phone = exact.phone;
  const phoneHash = phone ? sensitive.lookupHash(phone) : undefined;
  return [
    eq(subjects.status, query.status),
    query.divisionCode
      ? sql`${subjects.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
    query.kind ? eq(subjects.kind, query.kind) : undefined,
    query.careLevel ? eq(subjects.careLevel, query.careLevel) : undefined,
    query.consent ? eq(subjects.consent, query.consent) : undefined,
    query.category
      ? sql`exists (select 1 from ${subjectCategories} c where c.subject_id = ${subjects.id}
          and c.category = ${query.category} and (c.valid_to is null or c.valid_to > ${today}))`
      : undefined,
    query.ageMin !== undefined
      ? sql`${subjects.birthDate} <= ${bornBy(today, query.ageMin)}`
      : undefined,
    query.ageMax !== undefined
      ? sql`${subjects.birthDate} > ${bornBy(today, query.ageMax + 1)}`
      : undefined,
    exact.idNumber ? eq(subjects.idNumberHash, sensitive.lookupHash(exact.idNumber)) : undefined,
    phoneHash
      ? or(
          eq(subjects.mobileHash, phoneHash),
          eq(subjects.landlineHash, phoneHash),
          sql`exists (select 1 from ${householdContacts} hc where hc.subject_id = ${subjects.id}
            and hc.phone_hash = ${phoneHash})`,
        )
      : undefined,
  ];
}

const listColumns = {
  id: subjects.id,
  householdId: subjects.householdId,
  kind: subjects.kind,
  name: subjects.name,
  sex: subjects.sex,
  birthDate: subjects.birthDate,
  idNumberMasked: subjects.idNumberMasked,
  mobileMasked: subjects.mobileMasked,
  landlineMasked: subjects.landlineMasked,
  divisionCode: subjects.divisionCode,
  addressMasked: households.addressMasked,
  careLevel: subjects.careLevel,
  consent: subjects.consent,
  status: subjects.status,
  version: subjects.version,
};
type ListRow = Omit<SubjectView, 'age' | 'divisionName' | 'categories'> & { birthDate: string };

/** The current categories of a subject, as a column of its row. */
const categoriesColumn = (today: string) =>
  sql<
    string[]
  >`coalesce((select array_agg(c.category order by c.created_at) from ${subjectCategories} c
    where c.subject_id = ${subjects.id} and (c.valid_to is null or c.valid_to > ${today})), '{}')`;

/** The current categories of many subjects, in creation order: a query per 5,000 subjects. */
export async function currentCategories(
  { db, today }: Pick<SubjectsContext, 'db' | 'today'>,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db
      .select({ subjectId: subjectCategories.subjectId, category: subjectCategories.category })
      .from(subjectCategories)
      .where(
        and(
          inArray(subjectCategories.subjectId, ids.slice(i, i + 5000)),
          or(isNull(subjectCategories.validTo), sql`${subjectCategories.validTo} > ${today}`),
        ),
      )
      .orderBy(asc(subjectCategories.createdAt));
    for (const c of found) {
      const list = map.get(c.subjectId);
      if (list) list.push(c.category);
      else map.set(c.subjectId, [c.category]);
    }
  }
  return map;
}

async function toViews(
  c: Pick<SubjectsContext, 'db' | 'today'>,
  found: ListRow[],
): Promise<SubjectView[]> {
  const { db, today } = c;
  const [names, categories] = await Promise.all([
    divisionNames(
      db,
      found.map((s) => s.divisionCode),
    ),
    currentCategories(
      c,
      found.map((s) => s.id),
    ),
  ]);
  return found.map(({ birthDate, ...s }) => ({
    ...s,
    age: ageOn(birthDate, today),
    divisionName: names.get(s.divisionCode) ?? null,
    categories: categories.get(s.id) ?? [],
  }));
}

/**
 * A page of subjects (the plan of search.ts) and, in the same statement, how many match (counted up
 * to the scope's COUNT_CAP); the names of their places come from the division names this process knows.
 */
async function page(
  c: QueryCtx,
  filter: Omit<z.infer<typeof SearchSubjectsBody>, 'page' | 'pageSize'>,
  paging: { page: number; pageSize: number },
) {
  const { actor } = c;
  const { q, ...rest } = filter;
  const plan = namePlan(q, searchScale(actor));
  const where = and(baseWhere(c, rest), byDivision(actor, plan));
  const offset = (paging.page - 1) * paging.pageSize;
  const cap = searchScale(actor) === 'small' ? COUNT_CAP.narrow : COUNT_CAP.wide;
  const counted = cappedCount(plan, where, cap);
  const found = await c.db
    .select({
      ...listColumns,
      categories: categoriesColumn(c.today),
      total: sql<number>`(${counted})`.mapWith(Number),
    })
    .from(subjects)
    .innerJoin(households, eq(households.id, subjects.householdId))
    .where(sql`${subjects.id} in (${pageIds(plan, where, paging.pageSize, offset)})`)
    .orderBy(asc(subjects.namePinyin), asc(subjects.name), asc(subjects.id));
  // An empty page has no row to carry the count: none match, or the page is past the last.
  const total =
    found[0]?.total ?? (offset === 0 ? 0 : ((await rows<{ n: number }>(c.db, counted))[0]?.n ?? 0));
  const names = await divisionNames(
    c.db,
    found.map((s) => s.divisionCode),
  );
  return {
    items: found.map(({ birthDate, total: _total, ...s }) => ({
      ...s,
      age: ageOn(birthDate, c.today),
      divisionName: names.get(s.divisionCode) ?? null,
    })),
    total: Math.min(total, cap),
    totalCapped: total > cap,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

/** What the queries of the module read with: the database, who asks, today and the cipher. */
export type QueryCtx = Pick<SubjectsContext, 'db' | 'actor' | 'sensitive' | 'today'>;

type Filter = Omit<z.infer<typeof SearchSubjectsBody>, 'page' | 'pageSize'>;

/** The actor's scope and every filter but the name. */
function baseWhere(c: QueryCtx, filter: Omit<Filter, 'q'>): SQL | undefined {
  const { idNumber, phone, ...query } = filter;
  return and(
    subjectScope(c.actor, c.today),
    ...filters(query, c.today, c.sensitive, { idNumber, phone }),
  );
}

/** The subjects of a list or search as one condition: scope, filters and name. */
export function subjectWhere(c: QueryCtx, filter: Filter): SQL | undefined {
  const { q, ...rest } = filter;
  return and(baseWhere(c, rest), q ? nameCondition(namePlan(q, searchScale(c.actor))) : undefined);
}

export function listSubjects(c: QueryCtx, query: z.infer<typeof ListSubjectsQuery>) {
  const { page: p, pageSize, ...filter } = query;
  return page(c, filter, { page: p, pageSize });
}

export function searchSubjects(c: QueryCtx, body: z.infer<typeof SearchSubjectsBody>) {
  const { page: p, pageSize, ...filter } = body;
  return page(c, filter, { page: p, pageSize });
}

/** One subject inside the actor's scope, or subject.not_found. */
export async function getSubjectRow(
  { db, actor, today }: Pick<SubjectsContext, 'db' | 'actor' | 'today'>,
  id: string,
) {
  const [row] = await db
    .select()
    .from(subjects)
    .where(and(eq(subjects.id, id), subjectScope(actor, today)));
  if (!row) throw new AppError(SubjectError.not_found);
  return row;
}

export async function getSubjectDetail(c: QueryCtx, id: string): Promise<SubjectDetail> {
  const row = await getSubjectRow(c, id);
  const [[household], categoryRows, history, contacts] = await Promise.all([
    c.db.select().from(households).where(eq(households.id, row.householdId)),
    c.db
      .select()
      .from(subjectCategories)
      .where(eq(subjectCategories.subjectId, id))
      .orderBy(asc(subjectCategories.validFrom)),
    c.db
      .select()
      .from(careLevelChanges)
      .where(eq(careLevelChanges.subjectId, id))
      .orderBy(desc(careLevelChanges.setAt)),
    householdContactViews(c.db, row.householdId),
  ]);
  const [names, people] = await Promise.all([
    divisionNames(c.db, [row.divisionCode]),
    userNames(
      c.db,
      [row.careLevelSetBy, ...history.map((h) => h.setBy)].filter((x) => x !== null),
    ),
  ]);
  return {
    id: row.id,
    householdId: row.householdId,
    kind: row.kind,
    name: row.name,
    sex: row.sex,
    age: ageOn(row.birthDate, c.today),
    idNumberMasked: row.idNumberMasked,
    mobileMasked: row.mobileMasked,
    landlineMasked: row.landlineMasked,
    divisionCode: row.divisionCode,
    divisionName: names.get(row.divisionCode) ?? null,
    addressMasked: household?.addressMasked ?? '',
    categories: categoryRows
      .filter((x) => x.validTo === null || x.validTo > c.today)
      .map((x) => x.category),
    categoryHistory: categoryRows.map((x) => ({
      category: x.category,
      validFrom: x.validFrom,
      validTo: x.validTo,
      source: x.source,
    })),
    careLevel: row.careLevel,
    consent: row.consent,
    consentDate: row.consentDate,
    consentReason: row.consentReason,
    status: row.status,
    livingSituation: row.livingSituation,
    healthNotes: row.healthNotesCipher ? c.sensitive.decrypt(row.healthNotesCipher) : null,
    disabilityKind: row.disabilityKind,
    disabilityGrade: row.disabilityGrade,
    benefits: row.benefits,
    careLevelReason: row.careLevelReason,
    careLevelSetByName: row.careLevelSetBy ? (people.get(row.careLevelSetBy) ?? null) : null,
    careLevelSetAt: row.careLevelSetAt?.toISOString() ?? null,
    careLevelHistory: history.map((h) => ({
      fromLevel: h.fromLevel,
      toLevel: h.toLevel,
      reason: h.reason,
      setByName: h.setBy ? (people.get(h.setBy) ?? null) : null,
      setAt: h.setAt.toISOString(),
    })),
    contacts: contacts.filter((x) => x.subjectId === null || x.subjectId === id),
    removedReason: row.removedReason,
    version: row.version,
  };
}

type LocationColumns = Pick<
  typeof households.$inferSelect,
  'locationLat' | 'locationLng' | 'locationSource' | 'locationConfirmed'
>;
/** A household row's place, when it has one. */
export function locationView(h: LocationColumns): HouseholdLocationView | null {
  const { locationLat: lat, locationLng: lng } = h;
  if (lat === null || lng === null) return null;
  return { lat, lng, source: h.locationSource ?? 'map', confirmed: h.locationConfirmed };
}

async function householdContactViews(db: Db, householdId: string) {
  const found = await db
    .select({
      id: householdContacts.id,
      subjectId: householdContacts.subjectId,
      name: householdContacts.name,
      relation: householdContacts.relation,
      isGuardian: householdContacts.isGuardian,
      isEmergency: householdContacts.isEmergency,
      phoneMasked: householdContacts.phoneMasked,
    })
    .from(householdContacts)
    .where(eq(householdContacts.householdId, householdId))
    .orderBy(asc(householdContacts.createdAt));
  return found;
}

/**
 * The household file: the household where the actor may see at least one of its subjects, with
 * the members the actor may see, the contacts and the latest events of its timeline.
 */
export async function getHouseholdFile(
  c: QueryCtx & Pick<SubjectsContext, 'locale'>,
  id: string,
): Promise<z.infer<typeof HouseholdFile>> {
  const { actor, locale } = c;
  const members = await c.db
    .select(listColumns)
    .from(subjects)
    .innerJoin(households, eq(households.id, subjects.householdId))
    .where(and(eq(subjects.householdId, id), subjectScope(actor, c.today)))
    .orderBy(asc(subjects.status), asc(subjects.birthDate));
  if (members.length === 0) throw new AppError(HouseholdError.not_found);
  const [[household], contacts, events] = await Promise.all([
    c.db.select().from(households).where(eq(households.id, id)),
    householdContactViews(c.db, id),
    c.db
      .select({
        id: householdEvents.id,
        subjectId: householdEvents.subjectId,
        subjectName: subjects.name,
        occurredAt: householdEvents.occurredAt,
        kind: householdEvents.kind,
        detail: householdEvents.detail,
        refEntity: householdEvents.refEntity,
        refId: householdEvents.refId,
        actorId: householdEvents.actorId,
        actorName: householdEvents.actorName,
      })
      .from(householdEvents)
      .leftJoin(subjects, eq(subjects.id, householdEvents.subjectId))
      .where(eq(householdEvents.householdId, id))
      .orderBy(desc(householdEvents.occurredAt), desc(householdEvents.id))
      .limit(200),
  ]);
  const [names, people] = await Promise.all([
    divisionNames(c.db, [household?.divisionCode ?? '']),
    userNames(
      c.db,
      events.map((e) => e.actorId).filter((id) => id !== null),
    ),
  ]);
  return {
    id,
    divisionCode: household?.divisionCode ?? '',
    divisionName: names.get(household?.divisionCode ?? '') ?? null,
    addressMasked: household?.addressMasked ?? '',
    phoneMasked: household?.phoneMasked ?? null,
    notes: household?.notes ?? null,
    location: household ? locationView(household) : null,
    members: await toViews(c, members),
    contacts,
    events: events.map(({ actorId, ...e }) => ({
      ...e,
      actorName: (actorId && people.get(actorId)) || e.actorName,
      occurredAt: e.occurredAt.toISOString(),
      title: timelineKindLabel(e.kind, locale) ?? e.kind,
      detail: e.detail ?? null,
    })),
  };
}
