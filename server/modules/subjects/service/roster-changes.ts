import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  maskAddress,
  maskPhone,
  type SensitiveCipher,
} from '../../../platform/sensitive/sensitive.ts';
import type { RosterWriteContext, SubjectsContext } from '../context.ts';
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
import type { NewSubject } from './enrol-subjects.ts';
import { currentCategories } from '../queries.ts';

/** A subject on the live roster as a roster row sees it: the values a monthly update compares. */
export type RosterSubject = {
  id: string;
  householdId: string;
  divisionCode: string;
  status: 'active' | 'removed';
  name: string;
  kind: SubjectKind;
  sex: 'male' | 'female';
  birthDate: string;
  mobile: string | null;
  landline: string | null;
  address: string;
  categories: string[];
  careLevel: CareLevel;
  consent: 'given' | 'refused';
  consentDate: string | null;
  consentReason: string | null;
  emergencyContact: string | null;
  emergencyPhone: string | null;
  healthNotes: string | null;
};

const open = (cipher: SensitiveCipher, value: string | null) =>
  value ? cipher.decrypt(value) : null;

/** The live subjects with these ID-number hashes (anywhere: the caller decides what it may say). */
export async function findRosterSubjects(
  c: Pick<SubjectsContext, 'db' | 'sensitive' | 'today'>,
  idNumberHashes: string[],
): Promise<Map<string, RosterSubject>> {
  const { db, sensitive: cipher } = c;
  const found = new Map<string, RosterSubject>();
  for (let i = 0; i < idNumberHashes.length; i += 5000) {
    const hashes = idNumberHashes.slice(i, i + 5000);
    const people = await db
      .select({ s: subjects, address: households.addressCipher })
      .from(subjects)
      .innerJoin(households, eq(households.id, subjects.householdId))
      .where(inArray(subjects.idNumberHash, hashes));
    if (people.length === 0) continue;
    const ids = people.map((p) => p.s.id);
    const [categories, contacts] = await Promise.all([
      currentCategories(c, ids),
      db
        .select()
        .from(householdContacts)
        .where(
          and(inArray(householdContacts.subjectId, ids), eq(householdContacts.isEmergency, true)),
        ),
    ]);
    const contactOf = new Map<string | null, (typeof contacts)[number]>();
    for (const c of contacts) if (!contactOf.has(c.subjectId)) contactOf.set(c.subjectId, c);
    for (const { s, address } of people) {
      const contact = contactOf.get(s.id);
      found.set(s.idNumberHash, {
        id: s.id,
        householdId: s.householdId,
        divisionCode: s.divisionCode,
        status: s.status,
        name: s.name,
        kind: s.kind,
        sex: s.sex,
        birthDate: s.birthDate,
        mobile: open(cipher, s.mobileCipher),
        landline: open(cipher, s.landlineCipher),
        address: cipher.decrypt(address),
        categories: categories.get(s.id) ?? [],
        careLevel: s.careLevel,
        consent: s.consent,
        consentDate: s.consentDate,
        consentReason: s.consentReason,
        emergencyContact: contact?.name ?? null,
        emergencyPhone: open(cipher, contact?.phoneCipher ?? null),
        healthNotes: open(cipher, s.healthNotesCipher),
      });
    }
  }
  return found;
}

const sealed = (cipher: SensitiveCipher, value: string | null | undefined) =>
  value
    ? { cipher: cipher.encrypt(value), hash: cipher.lookupHash(value), masked: maskPhone(value) }
    : { cipher: null, hash: null, masked: null };

/**
 * Applies an approved roster change to a live subject (`before`), in the caller's transaction
 * (`db`): its details, household address and division, categories (ended and begun today), care
 * level (with history) and emergency contact; the timeline records which fields changed. A subject
 * removed earlier comes back onto the roster.
 */
export async function applyRosterChange(
  c: RosterWriteContext,
  input: { before: RosterSubject; next: NewSubject; changedFields: string[] },
): Promise<void> {
  const { db: tx, sensitive: cipher, actor, now: at, today } = c;
  const { before, next, changedFields } = input;
  const mobile = sealed(cipher, next.mobile);
  const landline = sealed(cipher, next.landline);
  await tx
    .update(subjects)
    .set({
      name: next.name,
      ...nameKeys(next.name),
      kind: next.kind,
      divisionCode: next.household.divisionCode,
      mobileCipher: mobile.cipher,
      mobileHash: mobile.hash,
      mobileMasked: mobile.masked,
      landlineCipher: landline.cipher,
      landlineHash: landline.hash,
      landlineMasked: landline.masked,
      consent: next.consent,
      consentDate: next.consentDate ?? null,
      consentReason: next.consentReason ?? null,
      healthNotesCipher: next.healthNotes ? cipher.encrypt(next.healthNotes) : null,
      status: 'active',
      removedReason: null,
      removedAt: null,
      ...(next.careLevel !== before.careLevel
        ? {
            careLevel: next.careLevel,
            careLevelReason: next.careLevelReason,
            careLevelSetBy: actor?.userId ?? null,
            careLevelSetAt: at,
          }
        : {}),
      version: sql`${subjects.version} + 1`,
      updatedAt: at,
    })
    .where(eq(subjects.id, before.id));
  if (
    next.household.address !== before.address ||
    next.household.divisionCode !== before.divisionCode
  ) {
    await tx
      .update(households)
      .set({
        divisionCode: next.household.divisionCode,
        addressCipher: cipher.encrypt(next.household.address),
        addressMasked: maskAddress(next.household.address),
        updatedAt: at,
      })
      .where(eq(households.id, before.householdId));
    await tx
      .update(subjects)
      .set({ divisionCode: next.household.divisionCode })
      .where(eq(subjects.householdId, before.householdId));
  }
  const wanted = new Set(next.categories.map((c) => c.category));
  const ended = before.categories.filter((c) => !wanted.has(c));
  if (ended.length > 0)
    await tx
      .update(subjectCategories)
      .set({ validTo: today })
      .where(
        and(
          eq(subjectCategories.subjectId, before.id),
          inArray(subjectCategories.category, ended),
          isNull(subjectCategories.validTo),
        ),
      );
  const begun = next.categories.filter((c) => !before.categories.includes(c.category));
  if (begun.length > 0)
    await tx
      .insert(subjectCategories)
      .values(begun.map((c) => ({ ...c, subjectId: before.id, validFrom: today })));
  if (next.careLevel !== before.careLevel)
    await tx.insert(careLevelChanges).values({
      subjectId: before.id,
      fromLevel: before.careLevel,
      toLevel: next.careLevel,
      reason: next.careLevelReason,
      setBy: actor?.userId ?? null,
      setAt: at,
    });
  const contact = next.contacts.find((c) => c.isEmergency);
  if (
    (contact?.name ?? null) !== before.emergencyContact ||
    (contact?.phone ?? null) !== before.emergencyPhone
  ) {
    await tx
      .update(householdContacts)
      .set({ isEmergency: false })
      .where(
        and(eq(householdContacts.subjectId, before.id), eq(householdContacts.isEmergency, true)),
      );
    if (contact) {
      const phone = sealed(cipher, contact.phone);
      await tx.insert(householdContacts).values({
        householdId: before.householdId,
        subjectId: before.id,
        name: contact.name,
        relation: contact.relation,
        isEmergency: true,
        phoneCipher: phone.cipher,
        phoneHash: phone.hash,
        phoneMasked: phone.masked,
        createdAt: at,
      });
    }
  }
  await tx.insert(householdEvents).values({
    householdId: before.householdId,
    subjectId: before.id,
    occurredAt: at,
    kind: before.status === 'removed' ? 'subject.joined' : 'subject.changed',
    detail: { fields: changedFields.join(',') },
    actorId: actor?.userId ?? null,
    actorName: actor?.username ?? null,
  });
}

/**
 * Takes a subject off the live roster (death, moved away, refused …), keeping the file, in the
 * caller's transaction (`db`).
 */
export async function removeSubject(
  c: Pick<RosterWriteContext, 'db' | 'actor' | 'now' | 'today'>,
  input: {
    subject: Pick<RosterSubject, 'id' | 'householdId'>;
    reason: string;
    note: string | null;
  },
): Promise<void> {
  const { db: tx, actor, now: at, today } = c;
  const { subject, reason, note } = input;
  await tx
    .update(subjects)
    .set({
      status: 'removed',
      removedReason: reason,
      removedAt: at,
      version: sql`${subjects.version} + 1`,
      updatedAt: at,
    })
    .where(eq(subjects.id, subject.id));
  await tx
    .update(subjectCategories)
    .set({ validTo: today })
    .where(and(eq(subjectCategories.subjectId, subject.id), isNull(subjectCategories.validTo)));
  await tx.insert(householdEvents).values({
    householdId: subject.householdId,
    subjectId: subject.id,
    occurredAt: at,
    kind: 'subject.removed',
    detail: { reason, note },
    actorId: actor?.userId ?? null,
    actorName: actor?.username ?? null,
  });
}
