import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';
import { CareLevel, Category, SubjectKind } from '../subjects/contract.ts';

export const CareLevelAuditAction = defineAuditActions({
  'care_level.rules': { 'zh-CN': '修改关爱等级分级规则', 'en-US': 'Care-level rules changed' },
});

export const CareLevelError = defineErrors('care_level', {
  rules_conflict: {
    status: 400,
    'zh-CN': '第 {index} 条规则没有任何条件，会把所有人都定为该等级',
    'en-US': 'Rule {index} has no condition and would apply to everyone',
  },
});

defineFieldLabels({
  rules: { 'zh-CN': '分级规则', 'en-US': 'Rules' },
  minAge: { 'zh-CN': '最低年龄', 'en-US': 'Minimum age' },
  categoriesAll: { 'zh-CN': '同时具备的类别', 'en-US': 'All of the categories' },
  categoriesAny: { 'zh-CN': '具备其一的类别', 'en-US': 'Any of the categories' },
});

export const CareLevelRuleView = z.object({
  level: CareLevel,
  kind: SubjectKind.nullable(),
  minAge: z.number().int().min(0).max(130).nullable(),
  categoriesAll: z.array(Category).max(12),
  categoriesAny: z.array(Category).max(12),
  reason: z.string().trim().min(2).max(100),
});

export const CareLevelRules = z.object({
  /** null: the defaults of V4, never changed here. */
  effectiveFrom: z.string().nullable(),
  rules: z.array(CareLevelRuleView),
});

export const ReplaceCareLevelRulesBody = z.object({ rules: z.array(CareLevelRuleView).max(50) });

export const SuggestionView = z.object({
  level: CareLevel,
  reason: z.string().nullable(),
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
    }),
  ),
  reviewTotal: z.number().int(),
});

export const ClassificationQuery = z.object({ divisionCode: DivisionCode.optional() });

export const careLevelEndpoints = endpoints({
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
    summary: '修改分级规则（自今日起生效，原规则保留历史）',
    permission: 'care_level.rules',
    scope: 'none',
    body: ReplaceCareLevelRulesBody,
    response: CareLevelRules,
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
