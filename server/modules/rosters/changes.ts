import {
  maskAddress,
  maskPhone,
  type SensitiveCipher,
} from '../../platform/sensitive/sensitive.ts';
import { ageOn } from '../../platform/contract/id-number.ts';
import type { NewSubject, RosterSubject } from '../subjects/service.ts';
import type { RosterRow } from './rows.ts';

/** What an approved row writes onto the live roster. */
export function toNewSubject(row: RosterRow, isDemo = false): NewSubject {
  return {
    kind: row.kind,
    name: row.name,
    idNumber: row.idNumber,
    sex: row.sex,
    birthDate: row.birthDate,
    mobile: row.mobile,
    landline: row.landline,
    consent: row.consent,
    consentDate: row.consentDate ?? null,
    consentReason: row.consent === 'refused' ? (row.refusalReason ?? null) : null,
    healthNotes: row.healthNotes ?? null,
    careLevel: row.careLevel,
    careLevelReason: '月度名册',
    categories: row.categories.map((category) => ({
      category,
      validFrom: row.consentDate ?? '1900-01-01',
      source: 'roster',
    })),
    // rows with the same 户编号 in a community are one household; without one, a household each
    household: {
      key: row.householdKey ? `${row.communityCode}/${row.householdKey}` : row.idNumber,
      divisionCode: row.communityCode,
      address: row.address,
      number: row.householdKey ?? null,
    },
    relationToHead: row.relationToHead ?? null,
    contacts: row.emergencyContact
      ? [
          {
            name: row.emergencyContact,
            relation: 'other',
            isEmergency: true,
            phone: row.emergencyPhone,
          },
        ]
      : [],
    isDemo,
  };
}

/** A row for a subject already on the roster: the optional columns the file lacks keep their live values. */
export function mergeWithLive(live: RosterSubject, row: RosterRow): RosterRow {
  return {
    ...row,
    consentDate: row.consentDate === undefined ? live.consentDate : row.consentDate,
    refusalReason: row.refusalReason === undefined ? live.consentReason : row.refusalReason,
    healthNotes: row.healthNotes === undefined ? live.healthNotes : row.healthNotes,
  };
}

export type FieldChange = {
  field: string;
  before: string | null;
  after: string | null;
  /**
   * Kept in the database only, never answered: the live value of a masked field (phone, address,
   * emergency phone) that the change was checked against, sealed, for an audited reveal.
   */
  sealedBefore?: string;
};

/** The fields a change shows masked and an audited call may show in full. */
export type SensitiveField = 'phone' | 'address' | 'emergencyPhone';
const sensitiveFields: readonly string[] = ['phone', 'address', 'emergencyPhone'];

/** The plain values of the masked fields, of a live subject or of a proposed row. */
export function sensitiveValues(s: {
  mobile: string | null;
  landline: string | null;
  address: string | null;
  emergencyPhone: string | null;
}): Record<SensitiveField, string | null> {
  return { phone: s.mobile ?? s.landline, address: s.address, emergencyPhone: s.emergencyPhone };
}

/** The changes as stored: each masked field carries the live value it replaces, sealed. */
export function sealChanges(
  cipher: SensitiveCipher,
  changes: FieldChange[],
  live: RosterSubject | null,
): FieldChange[] {
  if (!live) return changes;
  const before = sensitiveValues(live);
  return changes.map((c) => {
    const value = sensitiveFields.includes(c.field) ? before[c.field as SensitiveField] : null;
    return value ? { ...c, sealedBefore: cipher.encrypt(value) } : c;
  });
}

/** The changes as answered: what the contract shows, nothing sealed. */
export const shownChanges = (changes: FieldChange[] | null): FieldChange[] =>
  (changes ?? []).map(({ field, before, after }) => ({ field, before, after }));

const mask = (p: string | null) => (p ? maskPhone(p) : null);
const list = (values: string[]) => [...values].sort().join('、');

/**
 * A row against the live subject, field by field (the names of the template's columns as keys);
 * sensitive values are masked, health notes only flagged. Empty when nothing differs.
 */
export function diffRow(live: RosterSubject, row: RosterRow): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (
    field: string,
    before: string | null,
    after: string | null,
    show = (v: string | null) => v,
  ) => {
    if ((before ?? '') !== (after ?? ''))
      out.push({ field, before: show(before), after: show(after) });
  };
  if (live.status === 'removed') out.push({ field: 'status', before: 'removed', after: 'active' });
  add('name', live.name, row.name);
  add('kind', live.kind, row.kind);
  add('phone', live.mobile ?? live.landline, row.mobile ?? row.landline, mask);
  add('communityCode', live.divisionCode, row.communityCode);
  add('address', live.address, row.address, (a) => (a ? maskAddress(a) : null));
  add('categories', list(live.categories), list(row.categories));
  add('careLevel', live.careLevel, row.careLevel);
  add('consent', live.consent, row.consent);
  add(
    'refusalReason',
    live.consentReason,
    row.consent === 'refused' ? (row.refusalReason ?? null) : null,
  );
  add('emergencyContact', live.emergencyContact, row.emergencyContact);
  add('emergencyPhone', live.emergencyPhone, row.emergencyPhone, mask);
  add('healthNotes', live.healthNotes, row.healthNotes ?? null, (v) => (v ? '***' : null));
  return out;
}

/** What an entry proposes, masked (see ProposedView); null for a removal or an entry without a row. */
export function proposedView(
  cipher: SensitiveCipher,
  entry: { action: string; payloadCipher: string | null },
  today: string,
) {
  if (entry.action === 'remove' || !entry.payloadCipher) return null;
  const row = JSON.parse(cipher.decrypt(entry.payloadCipher)) as RosterRow;
  const phone = row.mobile ?? row.landline;
  return {
    sex: row.sex,
    age: ageOn(row.birthDate, today),
    phoneMasked: mask(phone),
    communityCode: row.communityCode,
    addressMasked: maskAddress(row.address),
    categories: row.categories,
    careLevel: row.careLevel,
    consent: row.consent,
    consentDate: row.consentDate ?? null,
    refusalReason: row.consent === 'refused' ? (row.refusalReason ?? null) : null,
    emergencyContact: row.emergencyContact,
    emergencyPhoneMasked: mask(row.emergencyPhone),
    hasHealthNotes: Boolean(row.healthNotes),
    householdKey: row.householdKey ?? null,
    relationToHead: row.relationToHead ?? null,
  };
}
