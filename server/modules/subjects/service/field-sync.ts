import { asc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../db/client.ts';
import { scopeWhere, type Actor } from '../../../platform/access/actor.ts';
import type { SensitiveCipher } from '../../../platform/sensitive/sensitive.ts';
import type { CareLevel, contactRelations, SubjectKind } from '../contract.ts';
import { householdContacts, households, subjects } from '../tables.ts';

/*
 * What the field app's sync (visits/service/sync.ts) needs of the roster: a visitor's caseload with
 * what changed in it since a moment, what left it, and the files of its subjects as a visit needs
 * them (phones and address opened, the ID number masked). A few statements for a whole caseload,
 * never one per subject.
 */

type Visitor = Pick<Actor, 'userId' | 'scope'>;

/** Holding on `today`, for the assignment of the alias (`a`). */
const current = (today: string, alias: 'a' | 'b' = 'a') => {
  const a = sql.raw(alias);
  return sql`${a}.valid_from <= ${today} and (${a}.valid_to is null or ${a}.valid_to > ${today})`;
};

/** In care (on the live roster, consent given) and in the visitor's scope, for the subject `s`. */
function inCare(visitor: Visitor) {
  const scope = scopeWhere(visitor, { division: sql`s.division_code` });
  return sql`s.status = 'active' and s.consent = 'given' ${scope ? sql`and ${scope}` : sql``}`;
}

/**
 * The subjects of a visitor's caseload on `today` (assigned to them, in care, in their scope),
 * ordered by id, each saying whether its own file moved after `since`: the subject, its household,
 * the household's contacts, or its assignment to the visitor (just assigned). All changed without
 * `since`. Read from the visitor's assignments (subject_assignments_visitor_idx), never the roster.
 */
export async function caseloadChanges(
  db: Db,
  input: { visitor: Visitor; today: string; since: Date | null },
): Promise<{ id: string; changed: boolean }[]> {
  const { visitor, today, since } = input;
  const changed = since
    ? sql`(s.updated_at > ${since}::timestamptz or h.updated_at > ${since}::timestamptz
        or a.updated_at > ${since}::timestamptz
        or exists (select 1 from household_contacts c where c.household_id = s.household_id
          and c.created_at > ${since}::timestamptz))`
    : sql`true`;
  // one current assignment per subject (assign ends the old one first); a double counts once
  return rows<{ id: string; changed: boolean }>(
    db,
    sql`select s.id, bool_or(${changed}) as changed
      from subject_assignments a
        join subjects s on s.id = a.subject_id
        join households h on h.id = s.household_id
      where a.visitor_id = ${visitor.userId} and ${current(today)} and ${inCare(visitor)}
      group by s.id
      order by s.id`,
  );
}

/**
 * Subjects that left a visitor's caseload after `since`: an assignment to the visitor ended
 * (handed over, unassigned), or a subject still assigned is no longer in care (off the roster,
 * consent withdrawn) or moved out of the visitor's scope; and not back in the caseload today.
 */
export async function leftCaseload(
  db: Db,
  input: { visitor: Visitor; today: string; since: Date },
): Promise<string[]> {
  const { visitor, today, since } = input;
  const found = await rows<{ id: string }>(
    db,
    sql`select distinct s.id
      from subject_assignments a
        join subjects s on s.id = a.subject_id
        join households h on h.id = s.household_id
      where a.visitor_id = ${visitor.userId}
        and (a.updated_at > ${since}::timestamptz
          or (${current(today)}
            and (s.updated_at > ${since}::timestamptz or h.updated_at > ${since}::timestamptz)))
        and not (${inCare(visitor)} and exists (select 1 from subject_assignments b
          where b.subject_id = s.id and b.visitor_id = ${visitor.userId} and ${current(today, 'b')}))
      order by s.id`,
  );
  return found.map((r) => r.id);
}

export type FieldSubject = {
  id: string;
  kind: SubjectKind;
  name: string;
  idNumberMasked: string;
  careLevel: CareLevel;
  divisionCode: string;
  mobile: string | null;
  landline: string | null;
  household: {
    id: string;
    address: string;
    phone: string | null;
    location: { lat: number; lng: number; confirmed: boolean } | null;
  };
  contacts: {
    name: string;
    relation: (typeof contactRelations)[number];
    isGuardian: boolean;
    isEmergency: boolean;
    phone: string | null;
  }[];
};

/**
 * The files of subjects as a visit needs them, in two statements: the phones, the address and
 * the contacts' phones opened, the ID number as masked on the roster; the contacts of the subject
 * and those of the whole household, as the subject's file shows them. The caller has checked the
 * subjects are the visitor's and audits the read.
 */
export async function fieldSubjects(
  db: Db,
  sensitive: SensitiveCipher,
  ids: readonly string[],
): Promise<FieldSubject[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({
      id: subjects.id,
      kind: subjects.kind,
      name: subjects.name,
      idNumberMasked: subjects.idNumberMasked,
      careLevel: subjects.careLevel,
      divisionCode: subjects.divisionCode,
      mobileCipher: subjects.mobileCipher,
      landlineCipher: subjects.landlineCipher,
      householdId: households.id,
      addressCipher: households.addressCipher,
      householdPhoneCipher: households.phoneCipher,
      lat: households.locationLat,
      lng: households.locationLng,
      confirmed: households.locationConfirmed,
    })
    .from(subjects)
    .innerJoin(households, eq(households.id, subjects.householdId))
    .where(inArray(subjects.id, [...ids]))
    .orderBy(asc(subjects.id));
  const contacts = await db
    .select({
      householdId: householdContacts.householdId,
      subjectId: householdContacts.subjectId,
      name: householdContacts.name,
      relation: householdContacts.relation,
      isGuardian: householdContacts.isGuardian,
      isEmergency: householdContacts.isEmergency,
      phoneCipher: householdContacts.phoneCipher,
    })
    .from(householdContacts)
    .where(inArray(householdContacts.householdId, [...new Set(found.map((s) => s.householdId))]))
    .orderBy(asc(householdContacts.createdAt));
  const open = (sealed: string | null) => (sealed ? sensitive.decrypt(sealed) : null);
  const byHousehold = new Map<string, typeof contacts>();
  for (const c of contacts) {
    const list = byHousehold.get(c.householdId);
    if (list) list.push(c);
    else byHousehold.set(c.householdId, [c]);
  }
  return found.map((s) => ({
    id: s.id,
    kind: s.kind,
    name: s.name,
    idNumberMasked: s.idNumberMasked,
    careLevel: s.careLevel,
    divisionCode: s.divisionCode,
    mobile: open(s.mobileCipher),
    landline: open(s.landlineCipher),
    household: {
      id: s.householdId,
      address: sensitive.decrypt(s.addressCipher),
      phone: open(s.householdPhoneCipher),
      location:
        s.lat !== null && s.lng !== null
          ? { lat: s.lat, lng: s.lng, confirmed: s.confirmed }
          : null,
    },
    contacts: (byHousehold.get(s.householdId) ?? [])
      .filter((c) => c.subjectId === null || c.subjectId === s.id)
      .map((c) => ({
        name: c.name,
        relation: c.relation,
        isGuardian: c.isGuardian,
        isEmergency: c.isEmergency,
        phone: open(c.phoneCipher),
      })),
  }));
}
