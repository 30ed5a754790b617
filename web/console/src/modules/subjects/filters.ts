import {
  CareLevel,
  categoriesOf,
  Consent,
  SubjectKind,
} from '../../../../../server/modules/subjects/contract.ts';
import { DivisionCode } from '../../../../../server/platform/contract/common.ts';

/** The roster's filters kept in the URL (never an ID number or a phone: those go by POST). */
export const filterKeys = [
  'q',
  'divisionCode',
  'kind',
  'category',
  'careLevel',
  'consent',
  'ageMin',
  'ageMax',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type FilterValues = Record<FilterKey, string | undefined>;

const age = (v: string | undefined) => {
  if (v === undefined || !/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 130 ? n : undefined;
};

/**
 * The URL's filters as the list query takes them. The query schema is strict: a value edited into
 * the URL by hand that the server would refuse is left out rather than shown as an error.
 */
export function listFilters(values: FilterValues) {
  const kind = SubjectKind.safeParse(values.kind).data;
  const category =
    values.category &&
    (kind ? categoriesOf[kind] : [...categoriesOf.elder, ...categoriesOf.child]).includes(
      values.category,
    )
      ? values.category
      : undefined;
  return {
    q: values.q?.trim() || undefined,
    divisionCode: DivisionCode.safeParse(values.divisionCode).data,
    kind,
    category,
    careLevel: CareLevel.safeParse(values.careLevel).data,
    consent: Consent.safeParse(values.consent).data,
    ageMin: age(values.ageMin),
    ageMax: age(values.ageMax),
  };
}

export type ExactSearch = { idNumber: string } | { phone: string };

/**
 * What the 精确查找 box holds: an ID number (15 or 18 characters, the last may be X) or a phone
 * (at least 4 digits); null when it is neither.
 */
export function exactSearch(text: string): ExactSearch | null {
  const compact = text.replace(/[\s-]/g, '');
  if (/^(\d{17}[\dXx]|\d{15})$/.test(compact)) return { idNumber: compact.toUpperCase() };
  const digits = compact.replace(/^\+86/, '');
  if (/^\d{4,20}$/.test(digits)) return { phone: digits };
  return null;
}
