import { ageOn } from '../../platform/contract/id-number.ts';
import { maskAddress, maskPhone } from '../../platform/sensitive/sensitive.ts';
import type { RosterSubject } from '../subjects/service.ts';
import { sourceFields, type Source, type SourceField } from './contract.ts';

/** One department's latest value of a field (decrypted). */
export type SourceValue = { source: Source; field: string; value: string; asOf: string };

/** A field as the roster and the departments hold it (values in the clear: shown through `shown`). */
export type FieldComparison = {
  field: SourceField;
  roster: string | null;
  values: { source: Source; value: string; asOf: string }[];
  disagrees: boolean;
};

/** What the roster holds for the fields a department may also hold. */
export function rosterValue(s: RosterSubject, field: SourceField): string | null {
  switch (field) {
    case 'name':
      return s.name;
    case 'sex':
      return s.sex;
    case 'birthDate':
      return s.birthDate;
    case 'phone':
      return s.mobile ?? s.landline;
    case 'address':
      return s.address;
    case 'healthStatus':
      return s.healthNotes;
    default:
      return null;
  }
}

/**
 * Each field with the roster's value and each department's latest (values given oldest first), and
 * whether they disagree: two sources, or a source and the roster, say different things (health
 * notes are free text and never compared); a death reported while the person is on the roster
 * disagrees with the roster.
 */
export function compareFields(subject: RosterSubject, found: SourceValue[]): FieldComparison[] {
  const latest = new Map<string, { source: Source; value: string; asOf: string }>();
  for (const v of found)
    latest.set(`${v.field}/${v.source}`, { source: v.source, value: v.value, asOf: v.asOf });
  return sourceFields
    .map(({ key }) => {
      const values = [...latest].filter(([k]) => k.startsWith(`${key}/`)).map(([, v]) => v);
      const roster = rosterValue(subject, key);
      const said = new Set([
        ...values.map((v) => v.value),
        ...(roster !== null && values.length > 0 && key !== 'healthStatus' ? [roster] : []),
      ]);
      const deathOnRoster = key === 'deathDate' && values.length > 0 && subject.status === 'active';
      return { field: key, roster, values, disagrees: said.size > 1 || deathOnRoster };
    })
    .filter((f) => f.values.length > 0 || f.roster !== null);
}

const masks: Partial<Record<SourceField, (v: string) => string>> = {
  phone: maskPhone,
  address: maskAddress,
  registeredAddress: maskAddress,
};

/**
 * A value as a masked answer shows it: phones and addresses masked, a birth date as the age (beside
 * a masked ID number it would rebuild it; in Asia/Shanghai), health notes as *** on the roster side.
 */
export function shown(field: SourceField, value: string | null, today: string): string | null {
  if (value === null) return null;
  if (field === 'birthDate') return String(ageOn(value, today));
  return masks[field]?.(value) ?? value;
}

/** The comparison as a masked answer carries it. */
export function maskedComparison(f: FieldComparison, today: string) {
  return {
    field: f.field,
    roster: f.field === 'healthStatus' && f.roster ? '***' : shown(f.field, f.roster, today),
    values: f.values.map((v) => ({ ...v, value: shown(f.field, v.value, today) as string })),
    disagrees: f.disagrees,
  };
}
