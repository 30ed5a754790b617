import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  maskAddress,
  maskIdNumber,
  maskPhone,
  type SensitiveCipher,
} from '../../../platform/sensitive/sensitive.ts';
import type { RosterWriteContext } from '../context.ts';
import type { CareLevel, SubjectKind } from '../contract.ts';
import { nameKeys } from '../names.ts';
import {
  careLevelChanges,
  householdContacts,
  householdEvents,
  households,
  subjectCategories,
  subjects,
} from '../tables.ts';

/** A subject to add to the live roster, already validated (ID number in its 18-character form). */
export type NewSubject = {
  kind: SubjectKind;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  mobile?: string | null;
  landline?: string | null;
  consent: 'given' | 'refused';
  consentDate?: string | null;
  consentReason?: string | null;
  livingSituation?: (typeof subjects.$inferInsert)['livingSituation'];
  /** 与户主关系: `head`, or the relation to the household's head. */
  relationToHead?: string | null;
  healthNotes?: string | null;
  disabilityKind?: string | null;
  disabilityGrade?: number | null;
  benefits?: string[];
  careLevel: CareLevel;
  careLevelReason: string;
  categories: { category: string; validFrom: string; source: string }[];
  /**
   * Subjects with the same household key share one household. With a 户编号 (`number`), a household
   * of the same number in the same division, enrolled earlier, is joined instead of a new one made.
   */
  household: {
    key: string;
    divisionCode: string;
    address: string;
    phone?: string | null;
    number?: string | null;
  };
  contacts: {
    name: string;
    relation: (typeof householdContacts.$inferInsert)['relation'];
    isGuardian?: boolean;
    isEmergency?: boolean;
    phone?: string | null;
  }[];
  isDemo?: boolean;
};

function sealed(
  cipher: SensitiveCipher,
  value: string | null | undefined,
  mask: (v: string) => string,
) {
  if (!value) return { cipher: null, hash: null, masked: null };
  return { cipher: cipher.encrypt(value), hash: cipher.lookupHash(value), masked: mask(value) };
}

const BATCH = 500;
async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * The households already on the roster that the input's 户编号 name (by household key): the first
 * enrolled of each number in its division.
 */
async function numberedHouseholds(tx: Db, input: NewSubject[]): Promise<Map<string, string>> {
  const numbered = input.filter((s) => s.household.number);
  const found = new Map<string, string>();
  if (!numbered.length) return found;
  const pairs = [
    ...new Map(
      numbered.map((s) => [
        s.household.key,
        sql`(${s.household.divisionCode}, ${s.household.number})`,
      ]),
    ).values(),
  ];
  const existing = await tx
    .selectDistinctOn([households.divisionCode, households.householdNumber], {
      id: households.id,
      divisionCode: households.divisionCode,
      number: households.householdNumber,
    })
    .from(households)
    .where(
      sql`(${households.divisionCode}, ${households.householdNumber}) in (${sql.join(pairs, sql`, `)})`,
    )
    .orderBy(households.divisionCode, households.householdNumber, asc(households.createdAt));
  const byNumber = new Map(existing.map((h) => [`${h.divisionCode}/${h.number}`, h.id]));
  for (const s of numbered) {
    const id = byNumber.get(`${s.household.divisionCode}/${s.household.number}`);
    if (id) found.set(s.household.key, id);
  }
  return found;
}

/**
 * Adds subjects (with their households, contacts, categories, first care level and a "joined"
 * timeline event) in the caller's transaction (`db`), in batches. Returns the new ids in input
 * order. The caller has checked scope and that no ID number is on the roster yet.
 */
export async function enrolSubjects(
  c: Pick<RosterWriteContext, 'db' | 'sensitive' | 'actor' | 'now'>,
  input: NewSubject[],
): Promise<string[]> {
  const { db: tx, sensitive: cipher, actor, now: at } = c;
  const householdIds = await numberedHouseholds(tx, input);
  const householdRows = [];
  for (const s of input) {
    if (householdIds.has(s.household.key)) continue;
    const id = crypto.randomUUID();
    householdIds.set(s.household.key, id);
    const phone = sealed(cipher, s.household.phone, maskPhone);
    householdRows.push({
      id,
      divisionCode: s.household.divisionCode,
      addressCipher: cipher.encrypt(s.household.address),
      addressMasked: maskAddress(s.household.address),
      phoneCipher: phone.cipher,
      phoneHash: phone.hash,
      phoneMasked: phone.masked,
      householdNumber: s.household.number ?? null,
      isDemo: s.isDemo ?? false,
      createdAt: at,
      updatedAt: at,
    });
  }
  await insertInBatches(householdRows, (b) => tx.insert(households).values(b));

  const ids = input.map(() => crypto.randomUUID());
  const subjectRows = input.map((s, i) => {
    const mobile = sealed(cipher, s.mobile, maskPhone);
    const landline = sealed(cipher, s.landline, maskPhone);
    return {
      id: ids[i] as string,
      householdId: householdIds.get(s.household.key) as string,
      divisionCode: s.household.divisionCode,
      kind: s.kind,
      name: s.name,
      ...nameKeys(s.name),
      idNumberCipher: cipher.encrypt(s.idNumber),
      idNumberHash: cipher.lookupHash(s.idNumber),
      idNumberMasked: maskIdNumber(s.idNumber),
      sex: s.sex,
      birthDate: s.birthDate,
      mobileCipher: mobile.cipher,
      mobileHash: mobile.hash,
      mobileMasked: mobile.masked,
      landlineCipher: landline.cipher,
      landlineHash: landline.hash,
      landlineMasked: landline.masked,
      consent: s.consent,
      consentDate: s.consentDate ?? null,
      consentReason: s.consentReason ?? null,
      livingSituation: s.livingSituation ?? null,
      relationToHead: s.relationToHead ?? null,
      healthNotesCipher: s.healthNotes ? cipher.encrypt(s.healthNotes) : null,
      disabilityKind: s.disabilityKind ?? null,
      disabilityGrade: s.disabilityGrade ?? null,
      benefits: s.benefits ?? [],
      careLevel: s.careLevel,
      careLevelReason: s.careLevelReason,
      careLevelSetBy: actor?.userId ?? null,
      careLevelSetAt: at,
      isDemo: s.isDemo ?? false,
      createdAt: at,
      updatedAt: at,
    };
  });
  await insertInBatches(subjectRows, (b) => tx.insert(subjects).values(b));

  const categoryRows = input.flatMap((s, i) =>
    s.categories.map((c) => ({ subjectId: ids[i] as string, ...c, createdAt: at })),
  );
  await insertInBatches(categoryRows, (b) => tx.insert(subjectCategories).values(b));

  const contactRows = input.flatMap((s, i) =>
    s.contacts.map((c) => {
      const phone = sealed(cipher, c.phone, maskPhone);
      return {
        householdId: householdIds.get(s.household.key) as string,
        subjectId: ids[i] as string,
        name: c.name,
        relation: c.relation,
        isGuardian: c.isGuardian ?? false,
        isEmergency: c.isEmergency ?? false,
        phoneCipher: phone.cipher,
        phoneHash: phone.hash,
        phoneMasked: phone.masked,
        createdAt: at,
      };
    }),
  );
  await insertInBatches(contactRows, (b) => tx.insert(householdContacts).values(b));

  const levelRows = input.map((s, i) => ({
    subjectId: ids[i] as string,
    fromLevel: null,
    toLevel: s.careLevel,
    reason: s.careLevelReason,
    setBy: actor?.userId ?? null,
    setAt: at,
  }));
  await insertInBatches(levelRows, (b) => tx.insert(careLevelChanges).values(b));

  const eventRows = input.map((s, i) => ({
    householdId: householdIds.get(s.household.key) as string,
    subjectId: ids[i] as string,
    occurredAt: at,
    kind: 'subject.joined',
    detail: { careLevel: s.careLevel },
    actorId: actor?.userId ?? null,
    actorName: actor?.username ?? null,
  }));
  await insertInBatches(eventRows, (b) => tx.insert(householdEvents).values(b));
  return ids;
}
