import type { Db } from '../client.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { maskIdNumber, type SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import type { RosterRow } from '../../modules/rosters/rows.ts';
import { rosterEntries, rosterRounds } from '../../modules/rosters/tables.ts';
import {
  findRosterSubjects,
  removeSubject,
  type NewSubject,
} from '../../modules/subjects/service.ts';

/**
 * Three months of roster rounds of the demo district, as the workflow leaves them: the first month
 * compiled the whole roster (every subject joined), the second took a few people off (approved
 * and applied), the last is approved in half of the streets, under review in some and not yet
 * reported in two; one street's second month is still under review, so it is late.
 */
const monthsBefore = (today: string, n: number) => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

const rowOf = (s: NewSubject): RosterRow => ({
  name: s.name,
  idNumber: s.idNumber,
  kind: s.kind,
  sex: s.sex,
  birthDate: s.birthDate,
  mobile: s.mobile ?? null,
  landline: s.landline ?? null,
  communityCode: s.household.divisionCode,
  address: s.household.address,
  categories: s.categories.map((c) => c.category),
  careLevel: s.careLevel,
  consent: s.consent,
  consentDate: s.consentDate ?? null,
  refusalReason: s.consentReason ?? null,
  emergencyContact: s.contacts[0]?.name ?? null,
  emergencyPhone: s.contacts[0]?.phone ?? null,
  healthNotes: s.healthNotes ?? null,
});

export async function seedDemoRounds(
  tx: Db,
  cipher: SensitiveCipher,
  streets: readonly string[],
  people: NewSubject[],
  at: Date,
): Promise<number> {
  const today = shanghaiDate(at);
  const [first, second, last] = [3, 2, 1].map((n) => monthsBefore(today, n)) as [
    string,
    string,
    string,
  ];
  const streetOf = (s: NewSubject) => `${s.household.divisionCode.slice(0, 9)}000`;
  const hashes = people.map((p) => cipher.lookupHash(p.idNumber));
  const live = await findRosterSubjects({ db: tx, sensitive: cipher, today }, hashes);
  const reasons = ['death', 'moved', 'ineligible'] as const;
  let count = 0;
  for (const [i, street] of streets.entries()) {
    const mine = people
      .map((p, k) => ({ p, hash: hashes[k] as string }))
      .filter(({ p }) => streetOf(p) === street);
    const round = async (month: string, status: 'approved' | 'submitted') => {
      const [r] = await tx
        .insert(rosterRounds)
        .values({
          divisionCode: street,
          month,
          status,
          submittedAt: at,
          ...(status === 'approved' ? { approvedAt: at } : {}),
        })
        .returning({ id: rosterRounds.id });
      count += 1;
      return r?.id as string;
    };
    const compiled = await round(first, 'approved');
    for (let k = 0; k < mine.length; k += 500)
      await tx.insert(rosterEntries).values(
        mine.slice(k, k + 500).map(({ p, hash }) => ({
          roundId: compiled,
          divisionCode: p.household.divisionCode,
          action: 'add' as const,
          subjectId: live.get(hash)?.id ?? null,
          idNumberHash: hash,
          idNumberMasked: maskIdNumber(p.idNumber),
          name: p.name,
          kind: p.kind,
          payloadCipher: cipher.encrypt(JSON.stringify(rowOf(p))),
          payloadHash: cipher.lookupHash(JSON.stringify(rowOf(p))),
          changes: [],
        })),
      );
    // removals: two in the second month (applied), one proposed in the last
    const leaving = mine.slice(-3).map(({ p, hash }) => ({ p, hash, subject: live.get(hash) }));
    const remove = async (
      roundId: string,
      who: (typeof leaving)[number],
      n: number,
      apply: boolean,
    ) => {
      if (!who.subject) return;
      const reason = reasons[n % reasons.length] as (typeof reasons)[number];
      await tx.insert(rosterEntries).values({
        roundId,
        divisionCode: who.p.household.divisionCode,
        action: 'remove',
        subjectId: who.subject.id,
        idNumberHash: who.hash,
        idNumberMasked: maskIdNumber(who.p.idNumber),
        name: who.p.name,
        kind: who.p.kind,
        removalReason: reason,
        // as a proposed removal does: the person's ID number, sealed (for an unmasked export)
        payloadCipher: cipher.encrypt(who.p.idNumber),
        changes: [],
      });
      if (apply)
        await removeSubject(
          { db: tx, actor: null, now: at, today },
          { subject: who.subject, reason, note: null },
        );
    };
    const secondRound = await round(second, i === streets.length - 1 ? 'submitted' : 'approved');
    for (const [n, who] of leaving.slice(0, 2).entries())
      await remove(secondRound, who, n, i !== streets.length - 1);
    if (i < 8) {
      const lastRound = await round(last, i < 5 ? 'approved' : 'submitted');
      const who = leaving[2];
      if (who) await remove(lastRound, who, 2, i < 5);
    }
  }
  return count;
}
