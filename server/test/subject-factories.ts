import { randomInt } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { CareLevel, SubjectKind } from '../modules/subjects/contract.ts';
import { enrolSubjects, type NewSubject } from '../modules/subjects/service.ts';
import { subjectAssignments } from '../modules/subjects/tables.ts';
import { divisionLevel } from '../platform/contract/divisions.ts';
import { makeIdNumber } from '../platform/contract/id-number.ts';
import type { SensitiveCipher } from '../platform/sensitive/sensitive.ts';
import { makeCommunity, makeStreet } from './factories.ts';

/** A community at or under a division: the division itself, or a new community below it. */
export async function communityIn(db: Db, code: string): Promise<string> {
  switch (divisionLevel(code)) {
    case 'community':
    case 'grid':
      return code;
    case 'street':
      return (await makeCommunity(db, { streetCode: code })).code;
    default:
      return (
        await makeCommunity(db, { streetCode: (await makeStreet(db, { districtCode: code })).code })
      ).code;
  }
}

let sequence = randomInt(0, 400);

/** A valid synthetic ID number no other call of this process hands out (for the same birth date). */
export function uniqueIdNumber(
  birthDate = '1942-03-15',
  sex: 'male' | 'female' = 'female',
): string {
  sequence += 1;
  const area = `2101${String(10 + (Math.floor(sequence / 500) % 90)).padStart(2, '0')}`;
  return makeIdNumber(area, birthDate, sequence, sex);
}

export type MakeSubjectOverrides = Partial<Omit<NewSubject, 'household'>> & {
  /** The division (a community, or a new community under a street or district). */
  divisionCode: string;
  address?: string;
  kind?: SubjectKind;
  careLevel?: CareLevel;
  /** Category codes, valid from 2025-01-01. */
  categoryCodes?: string[];
  /** A visitor to assign the subject to (from today). */
  assignTo?: string;
};

export type TestSubject = {
  id: string;
  householdId: string;
  idNumber: string;
  divisionCode: string;
  name: string;
};

/** One subject in its own household, written as the roster writes it (sealed, hashed, masked). */
export async function makeSubject(
  db: Db,
  cipher: SensitiveCipher,
  o: MakeSubjectOverrides,
): Promise<TestSubject> {
  const divisionCode = await communityIn(db, o.divisionCode);
  const kind = o.kind ?? 'elder';
  const birthDate = o.birthDate ?? (kind === 'elder' ? '1942-03-15' : '2015-06-01');
  const sex = o.sex ?? 'female';
  const idNumber = o.idNumber ?? uniqueIdNumber(birthDate, sex);
  const name = o.name ?? '张秀英';
  const [id] = await enrolSubjects(
    // Enrolled a day ago: what the test then does with the app's clock comes after it.
    { db, sensitive: cipher, actor: null, now: new Date(Date.now() - 86_400_000) },
    [
      {
        kind,
        name,
        idNumber,
        sex,
        birthDate,
        mobile: o.mobile ?? null,
        landline: o.landline ?? null,
        consent: o.consent ?? 'given',
        careLevel: o.careLevel ?? 'regular',
        careLevelReason: o.careLevelReason ?? '初次建档',
        categories: (o.categoryCodes ?? ['living_alone']).map((category) => ({
          category,
          validFrom: '2025-01-01',
          source: 'roster',
        })),
        household: {
          key: idNumber,
          divisionCode,
          address: o.address ?? '沈阳市大东区测试路12号3-2-1',
        },
        contacts: o.contacts ?? [],
        healthNotes: o.healthNotes ?? null,
      },
    ],
  );
  if (o.assignTo) {
    await db
      .insert(subjectAssignments)
      .values({ subjectId: id as string, visitorId: o.assignTo, validFrom: '2020-01-01' });
  }
  const [subject] = await db.query.subjects.findMany({
    where: (s, { eq }) => eq(s.id, id as string),
    columns: { householdId: true },
  });
  return {
    id: id as string,
    householdId: subject?.householdId as string,
    idNumber,
    divisionCode,
    name,
  };
}
