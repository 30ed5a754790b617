import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  type Locale,
  PageQuery,
  pageOf,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';
import { CareLevel, Category, SubjectKind, subjectFieldLabels } from '../subjects/contract.ts';

export const CareLevelAuditAction = defineAuditActions({
  'care_level.rules': { 'zh-CN': '修改关爱等级分级规则', 'en-US': 'Care-level rules changed' },
  'care_level.rules_default': {
    'zh-CN': '恢复默认关爱等级分级规则',
    'en-US': 'Default care-level rules restored',
  },
});

export const CareLevelError = defineErrors('care_level', {
  rules_conflict: {
    status: 400,
    'zh-CN': '第 {index} 条规则没有任何条件，会把所有人都定为该等级',
    'en-US': 'Rule {index} has no condition and would apply to everyone',
  },
  rules_empty: {
    status: 400,
    'zh-CN': '分级规则不能为空：请至少填写一条规则，或使用“恢复默认规则”',
    'en-US': 'The rules may not be empty: give at least one rule, or restore the defaults',
  },
  rules_changed: {
    status: 409,
    'zh-CN': '分级规则已被他人修改（现行为第 {version} 版），请刷新后重试',
    'en-US': 'Someone else changed the rules (version {version} is in force); reload and retry',
  },
});

export const careLevelFieldLabels = defineFieldLabels([subjectFieldLabels], {
  rules: { 'zh-CN': '分级规则', 'en-US': 'Rules' },
  minAge: { 'zh-CN': '最低年龄', 'en-US': 'Minimum age' },
  categoriesAll: { 'zh-CN': '同时具备的类别', 'en-US': 'All of the categories' },
  categoriesAny: { 'zh-CN': '具备其一的类别', 'en-US': 'Any of the categories' },
  reasonCode: { 'zh-CN': '理由代码', 'en-US': 'Reason code' },
  baseVersion: { 'zh-CN': '所依据的规则版本', 'en-US': 'Version edited' },
});

/**
 * The reasons of the V4 default rules, and of the floor every suggestion respects, as codes with
 * their text in each language: a rule with a code reads in the caller's language, a reason an
 * administrator wrote stays as written. The console has the same texts (careRules.reasons).
 */
export const careLevelReasonNames = {
  elder_old_alone_poor_health: {
    'zh-CN': '高龄、独居且健康状况差',
    'en-US': 'Advanced age, living alone and in poor health',
  },
  elder_alone_disabled: { 'zh-CN': '独居失能', 'en-US': 'Living alone and disabled' },
  elder_poor_health: {
    'zh-CN': '健康状况差（失能、失智或重残）',
    'en-US': 'Poor health (disabled, dementia or severe disability)',
  },
  elder_old_alone: { 'zh-CN': '高龄独居', 'en-US': 'Advanced age and living alone' },
  elder_hardship: { 'zh-CN': '生活困难', 'en-US': 'Financial hardship' },
  child_in_difficulty: {
    'zh-CN': '孤儿、事实无人抚养、监护缺失或重病儿童',
    'en-US': 'Orphan, de facto unsupported, lacking guardianship or seriously ill',
  },
  disabled_elder_floor: {
    'zh-CN': '失能老年人每月至少探访一次',
    'en-US': 'A disabled elder is visited at least once a month',
  },
} as const satisfies Record<string, Record<Locale, string>>;
export type CareLevelReasonCode = keyof typeof careLevelReasonNames;
export const careLevelReasonCodes = Object.keys(careLevelReasonNames) as CareLevelReasonCode[];
export const CareLevelReasonCode = z.enum(careLevelReasonCodes as [CareLevelReasonCode]);

const ruleFields = {
  level: CareLevel,
  kind: SubjectKind.nullable(),
  minAge: z.number().int().min(0).max(130).nullable(),
  categoriesAll: z.array(Category).max(12),
  categoriesAny: z.array(Category).max(12),
  /** The text shown: a coded reason in the caller's language, else as the administrator wrote it. */
  reason: z.string().trim().min(2).max(100),
};

export const CareLevelRuleView = z.object({
  ...ruleFields,
  /** A default rule's reason (translated); null: a reason written by an administrator. */
  reasonCode: CareLevelReasonCode.nullable(),
});

/**
 * A rule as saved: a reasonCode is kept when the reason is that code's text in either language
 * (the rule was left as the defaults had it); any other reason is the administrator's own.
 */
export const CareLevelRuleInput = z.object({
  ...ruleFields,
  reasonCode: CareLevelReasonCode.nullable().optional(),
});

export const CareLevelRules = z.object({
  /** null: the defaults of V4, never changed here. */
  effectiveFrom: z.string().nullable(),
  /** The saved version in force (1, 2, …); null: nothing saved yet, the V4 defaults. */
  version: z.number().int().nullable(),
  /** The set in force is the V4 defaults (never changed, restored, or saved exactly as they are). */
  isDefault: z.boolean(),
  savedAt: Timestamp.nullable(),
  /** The display name of who saved the set in force. */
  savedBy: z.string().nullable(),
  rules: z.array(CareLevelRuleView),
});

export const ReplaceCareLevelRulesBody = z.object({
  rules: z.array(CareLevelRuleInput).max(50),
  /**
   * The version the editor started from (null: the never-changed defaults); when given and another
   * version is in force by now, the save is refused (care_level.rules_changed).
   */
  baseVersion: z.number().int().min(1).nullable().optional(),
});

/** One saved set of rules: every save is kept, the latest one of a day is the one in force. */
export const CareLevelRuleVersion = z.object({
  id: Uuid,
  version: z.number().int(),
  effectiveFrom: z.string(),
  isDefault: z.boolean(),
  /** The set in force today. */
  inForce: z.boolean(),
  savedAt: Timestamp,
  savedBy: z.string().nullable(),
  rules: z.array(CareLevelRuleView),
});

export const CareLevelRuleHistoryQuery = PageQuery;

export const SuggestionView = z.object({
  level: CareLevel,
  reason: z.string().nullable(),
  reasonCode: CareLevelReasonCode.nullable(),
  current: CareLevel,
});

const Counts = z.object({
  special: z.number().int(),
  key: z.number().int(),
  regular: z.number().int(),
});
const Tally = z.object({ elder: Counts, child: Counts, total: z.number().int() });

export const ClassificationReport = z.object({
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  generatedAt: Timestamp,
  rulesEffectiveFrom: z.string().nullable(),
  /** The rules the report was made with are the V4 defaults. */
  rulesDefault: z.boolean(),
  rows: z.array(Tally.extend({ divisionCode: z.string(), divisionName: z.string().nullable() })),
  totals: Tally,
  /** Subjects whose level is below what the rules suggest, for the street to look at. */
  review: z.array(
    z.object({
      subjectId: z.string(),
      householdId: z.string(),
      name: z.string(),
      kind: SubjectKind,
      age: z.number().int(),
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      careLevel: CareLevel,
      suggestedLevel: CareLevel,
      reason: z.string().nullable(),
      reasonCode: CareLevelReasonCode.nullable(),
    }),
  ),
  reviewTotal: z.number().int(),
});

export const ClassificationQuery = z.object({ divisionCode: DivisionCode.optional() });

export const careLevelEndpoints = endpoints(careLevelFieldLabels, {
  listCareLevelRules: {
    method: 'GET',
    path: '/api/care-level-rules',
    summary: '现行关爱等级分级规则（未修改时为招标文件 V4 的默认规则）',
    permission: 'subject.read',
    scope: 'none',
    response: CareLevelRules,
  },
  replaceCareLevelRules: {
    method: 'PUT',
    path: '/api/care-level-rules',
    summary: '修改分级规则（自今日起生效；每次保存都是一个版本，保留在历史中；规则不能为空）',
    permission: 'care_level.rules',
    scope: 'none',
    body: ReplaceCareLevelRulesBody,
    response: CareLevelRules,
    idempotent: true,
  },
  restoreDefaultCareLevelRules: {
    method: 'POST',
    path: '/api/care-level-rules/restore-defaults',
    summary: '恢复招标文件 V4 的默认分级规则（自今日起生效，记为一个默认规则版本）',
    permission: 'care_level.rules',
    scope: 'none',
    response: CareLevelRules,
    idempotent: true,
  },
  listCareLevelRuleVersions: {
    method: 'GET',
    path: '/api/care-level-rules/history',
    summary: '分级规则的修改历史（每次保存的版本：生效日期、保存人、保存时间、规则），新的在前',
    permission: 'care_level.rules',
    scope: 'none',
    query: CareLevelRuleHistoryQuery,
    response: pageOf(CareLevelRuleVersion),
  },
  suggestCareLevel: {
    method: 'GET',
    path: '/api/subjects/:id/suggested-care-level',
    summary: '按分级规则建议的关爱等级及理由',
    permission: 'subject.read',
    scope: 'division',
    params: z.object({ id: Uuid }),
    response: SuggestionView,
  },
  getClassification: {
    method: 'GET',
    path: '/api/care-levels/classification',
    summary: '分级情况书面反馈（按街道或社区统计各等级人数，列出低于建议等级的对象）',
    permission: 'care_level.report',
    scope: 'division',
    query: ClassificationQuery,
    response: ClassificationReport,
  },
  exportClassification: {
    method: 'GET',
    path: '/api/care-levels/classification/export',
    summary: '分级情况反馈表 Excel',
    permission: 'care_level.report',
    scope: 'division',
    query: ClassificationQuery,
    download: 'xlsx',
    response: z.any(),
  },
});
