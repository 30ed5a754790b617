import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  PageQuery,
  pageOf,
  parseIdNumber,
  PhoneInput,
  Timestamp,
  Uuid,
  type Locale,
} from '../../platform/contract/index.ts';

import { HouseholdLocationView } from './location-contract.ts';

export * from './location-contract.ts';

type Names = Record<Locale, string>;

export const subjectKinds = ['elder', 'child'] as const;
export const SubjectKind = z.enum(subjectKinds);
export type SubjectKind = z.infer<typeof SubjectKind>;

export const careLevels = ['special', 'key', 'regular'] as const;
export const CareLevel = z.enum(careLevels);
export type CareLevel = z.infer<typeof CareLevel>;

export const consentStates = ['given', 'refused'] as const;
export const Consent = z.enum(consentStates);

export const subjectStatuses = ['active', 'removed'] as const;
export const SubjectStatus = z.enum(subjectStatuses);

export const livingSituations = [
  'alone',
  'spouse',
  'children',
  'parents',
  'grandparents',
  'relatives',
  'institution',
  'other',
] as const;
export const LivingSituation = z.enum(livingSituations);

export const contactRelations = [
  'spouse',
  'child',
  'parent',
  'grandparent',
  'grandchild',
  'sibling',
  'relative',
  'neighbour',
  'guardian',
  'other',
] as const;
export const ContactRelation = z.enum(contactRelations);

/** Elder categories (特殊困难老年人类别) with their names; the Excel template uses the Chinese ones. */
export const elderCategoryNames = {
  living_alone: { 'zh-CN': '独居', 'en-US': 'living alone' },
  empty_nest: { 'zh-CN': '空巢', 'en-US': 'empty nest' },
  left_behind: { 'zh-CN': '留守', 'en-US': 'left behind' },
  disabled: { 'zh-CN': '失能', 'en-US': 'disabled (ADL)' },
  dementia: { 'zh-CN': '失智', 'en-US': 'dementia' },
  severe_disability: { 'zh-CN': '重残', 'en-US': 'severe disability' },
  family_planning_special: { 'zh-CN': '计生特殊家庭', 'en-US': 'family-planning special' },
  advanced_age: { 'zh-CN': '高龄', 'en-US': 'advanced age' },
  dibao: { 'zh-CN': '低保', 'en-US': 'dibao' },
  tekun_dispersed: { 'zh-CN': '分散供养特困', 'en-US': 'tekun (dispersed)' },
  low_income: { 'zh-CN': '低收入', 'en-US': 'low income' },
  other: { 'zh-CN': '其他', 'en-US': 'other' },
} as const satisfies Record<string, Names>;

/** Child categories (困境儿童类别). */
export const childCategoryNames = {
  orphan: { 'zh-CN': '孤儿', 'en-US': 'orphan' },
  de_facto_unsupported: { 'zh-CN': '事实无人抚养', 'en-US': 'de-facto unsupported' },
  dibao_family: { 'zh-CN': '低保家庭', 'en-US': 'dibao family' },
  tekun_child: { 'zh-CN': '特困供养', 'en-US': 'tekun' },
  low_income_family: { 'zh-CN': '低收入家庭', 'en-US': 'low-income family' },
  disabled: { 'zh-CN': '残疾', 'en-US': 'disabled' },
  seriously_ill: { 'zh-CN': '重病', 'en-US': 'seriously ill' },
  left_behind: { 'zh-CN': '留守', 'en-US': 'left behind' },
  migrant: { 'zh-CN': '流动', 'en-US': 'migrant' },
  guardianship_deficit: { 'zh-CN': '监护缺失', 'en-US': 'guardianship deficit' },
  temporary: { 'zh-CN': '临时困境', 'en-US': 'temporary difficulty' },
  other: { 'zh-CN': '其他', 'en-US': 'other' },
} as const satisfies Record<string, Names>;

export const categoriesOf: Record<SubjectKind, readonly string[]> = {
  elder: Object.keys(elderCategoryNames),
  child: Object.keys(childCategoryNames),
};
const allCategories = [...new Set([...categoriesOf.elder, ...categoriesOf.child])] as [
  string,
  ...string[],
];
export const Category = z.enum(allCategories);

export const benefits = [
  'dibao',
  'tekun',
  'orphan_allowance',
  'de_facto_child_allowance',
  'temporary_assistance',
  'medical_assistance',
  'high_age_allowance',
] as const;
export const Benefit = z.enum(benefits);

export const subjectKindNames: Record<SubjectKind, Names> = {
  elder: { 'zh-CN': '老年人', 'en-US': 'Elder' },
  child: { 'zh-CN': '儿童', 'en-US': 'Child' },
};

export const careLevelNames: Record<CareLevel, Names> = {
  special: { 'zh-CN': '特殊关爱', 'en-US': 'special care' },
  key: { 'zh-CN': '重点探访', 'en-US': 'key visits' },
  regular: { 'zh-CN': '普通巡访', 'en-US': 'regular visits' },
};

/**
 * The roster file's required columns, in their order (a contract checked from outside: keep
 * them): the import template's first row, and the first columns of every roster export.
 */
export const rosterHeaders = {
  name: '姓名',
  idNumber: '身份证号',
  kind: '人员类型',
  phone: '联系电话',
  communityCode: '所属社区代码',
  address: '住址',
  categories: '类别',
  careLevel: '关爱等级',
  consent: '接受探访意愿',
  emergencyContact: '紧急联系人',
  emergencyPhone: '紧急联系人电话',
} as const;

/** The fields of a subject that may be revealed unmasked, one audited call each. */
/**
 * The sealed values an audited call shows in full. The birth date is one of them: beside the masked
 * ID number (first 6 and last 4, the check digit among them) it would rebuild the whole number, so
 * masked views carry the age only.
 */
export const revealableFields = ['idNumber', 'birthDate', 'mobile', 'landline', 'address'] as const;

/**
 * The household timeline's catalogue: every kind of event, declared by the contract of the module
 * that writes it (visits, emergencies, work orders … declare theirs with `defineTimelineKinds`).
 */
const timelineKinds = new Map<string, Names>();

export function defineTimelineKinds<const T extends Record<string, Names>>(
  specs: T,
): { [K in keyof T]: K } {
  const names: Record<string, string> = {};
  for (const [kind, label] of Object.entries(specs)) {
    timelineKinds.set(kind, label);
    names[kind] = kind;
  }
  return names as { [K in keyof T]: K };
}

export function timelineKindLabel(kind: string, locale: Locale): string | undefined {
  return timelineKinds.get(kind)?.[locale];
}

export const SubjectTimelineKind = defineTimelineKinds({
  'subject.joined': { 'zh-CN': '纳入名册', 'en-US': 'Joined the roster' },
  'subject.changed': { 'zh-CN': '信息变更', 'en-US': 'Details changed' },
  'subject.removed': { 'zh-CN': '移出名册', 'en-US': 'Left the roster' },
  'subject.care_level_changed': { 'zh-CN': '关爱等级调整', 'en-US': 'Care level changed' },
  'household.location_set': { 'zh-CN': '在地图上标注位置', 'en-US': 'Location set on the map' },
  'household.location_confirmed': {
    'zh-CN': '确认首次入户定位',
    'en-US': 'First home visit’s location confirmed',
  },
});

export const SubjectAuditAction = defineAuditActions({
  'subject.view': { 'zh-CN': '查看服务对象档案', 'en-US': 'Subject file viewed' },
  'subject.care_level': { 'zh-CN': '调整关爱等级', 'en-US': 'Care level set' },
  'household.view': { 'zh-CN': '查看一户一档', 'en-US': 'Household file viewed' },
});

export const SubjectError = defineErrors('subject', {
  not_found: { status: 404, 'zh-CN': '未找到该服务对象', 'en-US': 'The subject was not found' },
  id_number_invalid: {
    status: 400,
    'zh-CN': '身份证号无效：{problem}',
    'en-US': 'Invalid ID number: {problem}',
  },
  id_number_duplicate: {
    status: 409,
    'zh-CN': '该身份证号已在名册中{place}',
    'en-US': 'This ID number is already on the roster{place}',
  },
  care_level_below_floor: {
    status: 400,
    'zh-CN': '失能老年人每月至少探访一次，关爱等级不能低于“重点探访”',
    'en-US': 'A disabled elder is visited at least monthly: the care level cannot be below key',
  },
  unmasked_needs_reason: {
    status: 400,
    'zh-CN': '导出完整身份证号和电话需填写事由',
    'en-US': 'Give a reason to export full ID numbers and phones',
  },
  export_too_large: {
    status: 400,
    'zh-CN': '一次最多导出 {max} 条，请缩小筛选范围',
    'en-US': 'At most {max} rows per export: narrow the filters',
  },
  version_conflict: {
    status: 409,
    'zh-CN': '该服务对象已被他人修改，请刷新后重试',
    'en-US': 'The subject was changed by someone else; reload and retry',
  },
});

export const HouseholdError = defineErrors('household', {
  not_found: { status: 404, 'zh-CN': '未找到该户档案', 'en-US': 'The household was not found' },
});

export const subjectFieldLabels = defineFieldLabels({
  idNumber: { 'zh-CN': '身份证号', 'en-US': 'ID number' },
  kind: { 'zh-CN': '人员类型', 'en-US': 'Kind' },
  careLevel: { 'zh-CN': '关爱等级', 'en-US': 'Care level' },
  level: { 'zh-CN': '关爱等级', 'en-US': 'Care level' },
  consent: { 'zh-CN': '接受探访意愿', 'en-US': 'Consent to visits' },
  category: { 'zh-CN': '类别', 'en-US': 'Category' },
  ageMin: { 'zh-CN': '最小年龄', 'en-US': 'Minimum age' },
  ageMax: { 'zh-CN': '最大年龄', 'en-US': 'Maximum age' },
  field: { 'zh-CN': '字段', 'en-US': 'Field' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  unmasked: { 'zh-CN': '完整导出', 'en-US': 'Full export' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
});

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const todayInShanghai = () => shanghaiDay.format(new Date());

/** An ID number as typed; answers the 18-character form, checked (GB 11643). */
export const IdNumberInput = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = parseIdNumber(value, todayInShanghai());
    if (parsed.ok) return parsed.value.idNumber;
    ctx.addIssue({ code: 'custom', message: `id_number_${parsed.problem}` });
    return z.NEVER;
  });

export const CategoryView = z.object({
  category: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.string(),
});

export const SubjectView = z.object({
  id: z.string(),
  householdId: z.string(),
  kind: SubjectKind,
  name: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  landlineMasked: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  addressMasked: z.string(),
  categories: z.array(z.string()),
  careLevel: CareLevel,
  consent: Consent,
  status: SubjectStatus,
  /** Sent back with a change, so that a change made meanwhile by someone else is not overwritten. */
  version: z.number().int(),
});
export type SubjectView = z.infer<typeof SubjectView>;

export const CareLevelChangeView = z.object({
  fromLevel: CareLevel.nullable(),
  toLevel: CareLevel,
  reason: z.string(),
  setByName: z.string().nullable(),
  setAt: Timestamp,
});

export const ContactView = z.object({
  id: z.string(),
  subjectId: z.string().nullable(),
  name: z.string(),
  relation: ContactRelation,
  isGuardian: z.boolean(),
  isEmergency: z.boolean(),
  phoneMasked: z.string().nullable(),
});

/** A subject's file: no birth date (the age is in SubjectView); revealSubject shows it in full. */
export const SubjectDetail = SubjectView.extend({
  consentDate: z.string().nullable(),
  consentReason: z.string().nullable(),
  livingSituation: LivingSituation.nullable(),
  healthNotes: z.string().nullable(),
  disabilityKind: z.string().nullable(),
  disabilityGrade: z.number().int().nullable(),
  benefits: z.array(z.string()),
  categoryHistory: z.array(CategoryView),
  careLevelReason: z.string().nullable(),
  careLevelSetByName: z.string().nullable(),
  careLevelSetAt: Timestamp.nullable(),
  careLevelHistory: z.array(CareLevelChangeView),
  contacts: z.array(ContactView),
  removedReason: z.string().nullable(),
});
export type SubjectDetail = z.infer<typeof SubjectDetail>;

export const TimelineEventView = z.object({
  id: z.number().int(),
  subjectId: z.string().nullable(),
  subjectName: z.string().nullable(),
  occurredAt: Timestamp,
  kind: z.string(),
  title: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  refEntity: z.string().nullable(),
  refId: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const HouseholdFile = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  addressMasked: z.string(),
  phoneMasked: z.string().nullable(),
  notes: z.string().nullable(),
  members: z.array(SubjectView),
  contacts: z.array(ContactView),
  events: z.array(TimelineEventView),
  location: HouseholdLocationView.nullable(),
});

/**
 * Lists count exactly up to this many matches: a small scope's whole roster (a community, a
 * visitor's subjects); over a street or more, counting further would cost more than the page
 * (bench/subjects.ts). Past the cap the total is the cap and `totalCapped` says there are more.
 */
export const COUNT_CAP = { narrow: 10_000, wide: 200 } as const;

/** A page of the roster: `total` counted up to COUNT_CAP. */
const SubjectPage = pageOf(SubjectView).extend({ totalCapped: z.boolean() });

const Age = z.coerce.number().int().min(0).max(130);

/** The filters of a subject list; they live in the URL, so ID numbers and phones are not among them. */
export const ListSubjectsQuery = z.strictObject({
  ...PageQuery.shape,
  q: z.string().trim().max(40).optional(),
  divisionCode: DivisionCode.optional(),
  kind: SubjectKind.optional(),
  category: Category.optional(),
  careLevel: CareLevel.optional(),
  consent: Consent.optional(),
  ageMin: Age.optional(),
  ageMax: Age.optional(),
  status: SubjectStatus.default('active'),
});

/** The same filters with an ID number or a phone, which travel in a body, never in a URL. */
export const SearchSubjectsBody = ListSubjectsQuery.extend({
  idNumber: IdNumberInput.optional(),
  phone: PhoneInput.optional(),
});

/** An export of a list: its filters, and the full values only for those who may see them, with a reason. */
export const ExportSubjectsBody = SearchSubjectsBody.omit({ page: true, pageSize: true }).extend({
  unmasked: z.boolean().default(false),
  reason: z.string().trim().min(2).max(200).optional(),
});

export const SubjectParams = z.object({ id: Uuid });
export const RevealSubjectBody = z.object({
  field: z.enum(revealableFields),
  reason: z.string().trim().min(2).max(200),
});
export const SetCareLevelBody = z.object({
  level: CareLevel,
  reason: z.string().trim().min(2).max(500),
  version: z.number().int().optional(),
});

export const subjectEndpoints = endpoints(subjectFieldLabels, {
  listSubjects: {
    method: 'GET',
    path: '/api/subjects',
    summary: '服务对象名册（按姓名、拼音首字母、区划、类别、等级、意愿、年龄段筛选，按拼音排序）',
    permission: 'subject.read',
    scope: 'division',
    query: ListSubjectsQuery,
    response: SubjectPage,
  },
  searchSubjects: {
    method: 'POST',
    path: '/api/subjects/search',
    summary: '按身份证号或电话精确查找服务对象（号码不出现在网址中）',
    permission: 'subject.read',
    scope: 'division',
    body: SearchSubjectsBody,
    response: SubjectPage,
  },
  getSubject: {
    method: 'GET',
    path: '/api/subjects/:id',
    summary: '服务对象档案（记入审计日志）',
    permission: 'subject.read',
    scope: 'division',
    params: SubjectParams,
    response: SubjectDetail,
  },
  revealSubject: {
    method: 'POST',
    path: '/api/subjects/:id/reveal',
    summary: '查看完整身份证号、出生日期、电话或住址（需填写事由，记入审计日志）',
    permission: 'subject.reveal',
    scope: 'division',
    params: SubjectParams,
    body: RevealSubjectBody,
    response: z.object({ value: z.string().nullable() }),
  },
  setCareLevel: {
    method: 'PUT',
    path: '/api/subjects/:id/care-level',
    summary: '调整关爱等级（保留历史）',
    permission: 'subject.classify',
    scope: 'division',
    params: SubjectParams,
    body: SetCareLevelBody,
    response: SubjectDetail,
  },
  exportSubjects: {
    method: 'POST',
    path: '/api/subjects/export',
    summary: '导出名册 Excel（与导入模板同列；默认脱敏，完整信息需权限和事由，记入审计日志）',
    permission: 'subject.read',
    scope: 'division',
    body: ExportSubjectsBody,
    download: 'xlsx',
    response: z.any(),
  },
  getHousehold: {
    method: 'GET',
    path: '/api/households/:id',
    summary: '一户一档：成员、等级、类别、意愿、联系人和时间线',
    permission: 'subject.read',
    scope: 'division',
    params: SubjectParams,
    response: HouseholdFile,
  },
});
