import { ImportError } from '../../platform/contract/import-errors.ts';
import { ageOn, parseIdNumber } from '../../platform/contract/id-number.ts';
import { normalisePhone } from '../../platform/contract/phone.ts';
import {
  careLevelNames,
  careLevels,
  childCategoryNames,
  elderCategoryNames,
  type CareLevel,
  type SubjectKind,
} from '../subjects/contract.ts';
import { careLevelFloor, isBelow } from '../subjects/service.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import { RosterError } from './contract.ts';
import { parseDateText, splitList } from '../../platform/excel/read.ts';
import type { relationNames } from './excel.ts';
import { rosterColumns, type RosterColumnKey, type RosterSheetRow } from './excel.ts';

/** A row of the roster, checked and normalised: what a round entry proposes for one person. */
export type RosterRow = {
  name: string;
  idNumber: string;
  kind: SubjectKind;
  sex: 'male' | 'female';
  birthDate: string;
  mobile: string | null;
  landline: string | null;
  communityCode: string;
  address: string;
  categories: string[];
  careLevel: CareLevel;
  consent: 'given' | 'refused';
  /** Optional columns: undefined when the file has no such column (the live value stays). */
  consentDate: string | null | undefined;
  refusalReason: string | null | undefined;
  emergencyContact: string | null;
  emergencyPhone: string | null;
  healthNotes: string | null | undefined;
  /** 户编号: rows with the same key in a community become one household (none: a household each). */
  householdKey?: string | null;
  /** 与户主关系, a code of relationCodes. */
  relationToHead?: RelationToHead | null;
};

/** 与户主关系 as stored: the head, or the member's relation to the head. */
export const relationCodes = {
  户主: 'head',
  配偶: 'spouse',
  子女: 'child',
  父母: 'parent',
  祖父母: 'grandparent',
  孙子女: 'grandchild',
  兄弟姐妹: 'sibling',
  其他亲属: 'relative',
  其他: 'other',
} as const satisfies Record<(typeof relationNames)[number], string>;
export type RelationToHead = (typeof relationCodes)[keyof typeof relationCodes];

export type RowProblem = {
  field: RosterColumnKey;
  code: string;
  /** A value may be given in both languages (`{ 'zh-CN': …, 'en-US': … }`). */
  params?: Record<string, string | number | Readonly<Record<Locale, string>>>;
};

export const headerOf = (key: RosterColumnKey) =>
  rosterColumns.find((c) => c.key === key)?.header ?? key;

const kindNames: Record<string, SubjectKind> = { 老年人: 'elder', 老人: 'elder', 儿童: 'child' };
const kindLabels = {
  elder: { 'zh-CN': '老年人', 'en-US': 'an elder' },
  child: { 'zh-CN': '儿童', 'en-US': 'a child' },
} as const;
const consentNames: Record<string, 'given' | 'refused'> = {
  是: 'given',
  否: 'refused',
  愿意: 'given',
  不愿意: 'refused',
};
const levelByName = new Map<string, CareLevel>(
  careLevels.flatMap((l) => [
    [careLevelNames[l]['zh-CN'], l],
    [l, l],
  ]),
);
const categoryByName: Record<SubjectKind, Map<string, string>> = {
  elder: new Map(
    Object.entries(elderCategoryNames).flatMap(([code, n]) => [
      [n['zh-CN'], code],
      [code, code],
    ]),
  ),
  child: new Map(
    Object.entries(childCategoryNames).flatMap(([code, n]) => [
      [n['zh-CN'], code],
      [code, code],
    ]),
  ),
};

const ELDER_AGE = 60;
const CHILD_AGE = 18;

/** What every row of one upload is checked against. */
export type RowCheck = {
  /** The columns the upload has. */
  columns: ReadonlySet<RosterColumnKey>;
  /** The active communities and grids inside the uploader's scope. */
  communities: ReadonlySet<string>;
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  today: string;
  /** The care level the rules in force suggest, for a row that gives none. */
  suggest: (kind: SubjectKind, age: number, categories: string[]) => CareLevel;
};

/**
 * Checks one row of an upload (or of a form, which sends the same fields): every problem of the row,
 * each naming its column; or the normalised row.
 */
export function checkRow(
  check: RowCheck,
  sheetRow: RosterSheetRow,
): { row: RosterRow; problems: [] } | { row: null; problems: RowProblem[] } {
  const { columns, communities, today, suggest } = check;
  const v = sheetRow.values;
  const problems: RowProblem[] = [];
  const text = (key: RosterColumnKey, max: number, required = false): string | null => {
    const value = v[key]?.trim() ?? '';
    if (!value) {
      if (required) problems.push({ field: key, code: ImportError.required });
      return null;
    }
    if (value.length > max) {
      problems.push({ field: key, code: ImportError.too_long, params: { max } });
      return null;
    }
    return value;
  };

  const optional = <T>(key: RosterColumnKey, read: () => T): T | undefined =>
    columns.has(key) ? read() : undefined;

  const name = text('name', 40, true);
  const rawId = text('idNumber', 40, true);
  let id: ReturnType<typeof parseIdNumber> | null = null;
  // a masked export's value (210104********1234) is refused as what it is, not as a bad number
  const masked = (key: RosterColumnKey, value: string | null) => {
    if (!value?.includes('*')) return false;
    problems.push({ field: key, code: RosterError.value_masked });
    return true;
  };
  if (rawId && !masked('idNumber', rawId)) {
    id = parseIdNumber(rawId, today);
    if (!id.ok) problems.push({ field: 'idNumber', code: `import.id_number_${id.problem}` });
  }
  const kindText = text('kind', 10, true);
  const kind = kindText ? kindNames[kindText] : undefined;
  if (kindText && !kind)
    problems.push({
      field: 'kind',
      code: RosterError.kind_unknown,
      params: { allowed: '老年人、儿童' },
    });
  if (kind && id?.ok) {
    const age = ageOn(id.value.birthDate, today);
    if ((kind === 'elder' && age < ELDER_AGE) || (kind === 'child' && age >= CHILD_AGE))
      problems.push({ field: 'kind', code: RosterError.kind_age, params: { age } });
  }

  const phone = text('phone', 30);
  const parsedPhone = phone ? normalisePhone(phone) : null;
  if (phone && !masked('phone', phone) && !parsedPhone)
    problems.push({ field: 'phone', code: ImportError.phone_invalid });

  const community = text('communityCode', 20, true)?.replace(/\s/g, '');
  if (community && !communities.has(community))
    problems.push({
      field: 'communityCode',
      code: RosterError.community_unknown,
      params: { code: community },
    });
  const address = text('address', 200, true);

  const categories: string[] = [];
  for (const part of splitList(v.categories ?? '')) {
    const code = kind ? categoryByName[kind].get(part) : undefined;
    const other = kind === 'elder' ? 'child' : 'elder';
    if (kind && !code)
      problems.push(
        categoryByName[other].has(part)
          ? {
              field: 'categories',
              code: RosterError.category_other_kind,
              params: { value: part, owner: kindLabels[other], kind: kindLabels[kind] },
            }
          : { field: 'categories', code: RosterError.category_unknown, params: { value: part } },
      );
    if (code && !categories.includes(code)) categories.push(code);
  }

  const levelText = text('careLevel', 10);
  // Left blank, the level is what the classification rules in force suggest.
  let careLevel =
    levelText || !kind || !id?.ok
      ? levelText
        ? levelByName.get(levelText)
        : 'regular'
      : suggest(kind, ageOn(id.value.birthDate, today), categories);
  if (levelText && !careLevel)
    problems.push({
      field: 'careLevel',
      code: RosterError.care_level_unknown,
      params: { allowed: '特殊关爱、重点探访、普通巡访' },
    });
  if (kind && careLevel && isBelow(careLevel, careLevelFloor(kind, categories))) {
    if (levelText) problems.push({ field: 'careLevel', code: RosterError.care_level_floor });
    else careLevel = careLevelFloor(kind, categories);
  }

  const consentText = text('consent', 10, true);
  const consent = consentText ? consentNames[consentText] : undefined;
  if (consentText && !consent)
    problems.push({
      field: 'consent',
      code: RosterError.consent_unknown,
      params: { allowed: '是、否' },
    });
  const refusalReason = optional('refusalReason', () => text('refusalReason', 200));
  if (consent === 'refused' && refusalReason === null)
    problems.push({ field: 'refusalReason', code: RosterError.refusal_reason_required });

  const date = (key: RosterColumnKey): string | null => {
    const value = text(key, 30);
    if (!value) return null;
    const parsed = parseDateText(value);
    if (!parsed) problems.push({ field: key, code: ImportError.date_invalid });
    return parsed;
  };
  const consentDate = optional('consentDate', () => date('consentDate'));
  const birthDate = date('birthDate');
  if (birthDate && id?.ok && birthDate !== id.value.birthDate)
    problems.push({
      field: 'birthDate',
      code: RosterError.birth_date_mismatch,
      params: { expected: id.value.birthDate },
    });
  const sexText = text('sex', 4);
  if (sexText && id?.ok) {
    const sex = { 男: 'male', 女: 'female' }[sexText];
    if (!sex)
      problems.push({ field: 'sex', code: ImportError.value_unknown, params: { value: sexText } });
    else if (sex !== id.value.sex)
      problems.push({
        field: 'sex',
        code: RosterError.sex_mismatch,
        params: { expected: id.value.sex === 'male' ? '男' : '女' },
      });
  }

  const emergencyContact = text('emergencyContact', 40);
  const emergencyText = text('emergencyPhone', 30);
  const emergency = emergencyText ? normalisePhone(emergencyText) : null;
  if (emergencyText && !masked('emergencyPhone', emergencyText) && !emergency)
    problems.push({ field: 'emergencyPhone', code: ImportError.phone_invalid });
  if (emergencyContact && !emergencyText)
    problems.push({ field: 'emergencyPhone', code: RosterError.emergency_phone_required });
  const healthNotes = optional('healthNotes', () => text('healthNotes', 500));
  const householdKey = text('householdKey', 40);
  const relationText = text('relationToHead', 10);
  const relationToHead = relationText
    ? (relationCodes as Record<string, RelationToHead>)[relationText]
    : null;
  if (relationText && !relationToHead)
    problems.push({
      field: 'relationToHead',
      code: ImportError.value_unknown,
      params: { value: relationText },
    });

  if (
    problems.length > 0 ||
    !name ||
    !id?.ok ||
    !kind ||
    !community ||
    !address ||
    !careLevel ||
    !consent
  )
    return { row: null, problems };
  return {
    row: {
      name,
      idNumber: id.value.idNumber,
      kind,
      sex: id.value.sex,
      birthDate: id.value.birthDate,
      mobile: parsedPhone?.type === 'mobile' ? parsedPhone.number : null,
      landline: parsedPhone?.type === 'landline' ? parsedPhone.number : null,
      communityCode: community,
      address,
      categories,
      careLevel,
      consent,
      consentDate,
      refusalReason,
      emergencyContact,
      emergencyPhone: emergency?.number ?? null,
      healthNotes,
      householdKey,
      relationToHead: relationToHead ?? null,
    },
    problems: [],
  };
}
