import { z } from 'zod';
import {
  defineFieldLabels,
  defineValidationMessages,
  endpoints,
} from '../../platform/contract/index.ts';
import {
  abilityAdjustments,
  abilityDomainCodes,
  abilityItems,
  type AbilityAnswers,
} from './scoring.ts';

export * from './scoring.ts';

defineValidationMessages({
  ability_unknown_item: {
    'zh-CN': '不是能力评估表（GB/T 42195-2022）中的项目',
    'en-US': 'is not an item of the GB/T 42195-2022 assessment form',
  },
  ability_whole_score: { 'zh-CN': '应为整数分值', 'en-US': 'must be a whole score' },
});

/**
 * An item's label in an error is its name and code (`answers.B.2.4` reads 上下楼梯（B.2.4）); an
 * unknown item is named by its path.
 */
export const abilityFieldLabels = defineFieldLabels({
  answers: { 'zh-CN': '评估项目得分', 'en-US': 'Item scores' },
  coma: { 'zh-CN': '处于昏迷状态', 'en-US': 'In a coma' },
  dementiaOrMental: {
    'zh-CN': '确诊痴呆或其他精神和行为障碍',
    'en-US': 'Diagnosed dementia or other mental disorder',
  },
  riskEvents30d: {
    'zh-CN': '近 30 天照护风险事件次数',
    'en-US': 'Care-risk events in the last 30 days',
  },
  ...Object.fromEntries(
    abilityItems.map((i) => [
      `answers.${i.code}`,
      {
        'zh-CN': `${i.name['zh-CN']}（${i.code}）`,
        'en-US': `${i.name['en-US']} (${i.code})`,
      },
    ]),
  ),
});

/** Every one of the 26 items with a whole score from 0 to its highest; any other key is refused by name. */
const Answers = z
  .object(
    Object.fromEntries(
      abilityItems.map((i) => [
        i.code,
        z.number().int({ error: 'ability_whole_score' }).min(0).max(i.max),
      ]),
    ) as Record<keyof AbilityAnswers, z.ZodNumber>,
  )
  .catchall(z.custom<never>(() => false, { error: 'ability_unknown_item' }));

export const ScoreAbilityBody = z.object({
  /** `{"B.1.1": 4, …}`: all 26 items (附录B), each a score its item allows. */
  answers: Answers,
  /** A.5.11 昏迷: the final level is complete loss whatever the score. */
  coma: z.boolean().default(false),
  /** A.4.1: diagnosed dementia (F00–F03) or another mental and behavioural disorder (F04–F99). */
  dementiaOrMental: z.boolean().default(false),
  /** A.2.14: care-risk events (falls, choking, self-harm, wandering off…) in the last 30 days. */
  riskEvents30d: z.number().int().min(0).max(1000).default(0),
});

export const AbilityLevelCode = z.number().int().min(0).max(4);
export const AbilityDomainCode = z.enum(abilityDomainCodes);

export const AbilityScoreView = z.object({
  total: z.number().int(),
  subtotals: z.array(
    z.object({ domain: AbilityDomainCode, score: z.number().int(), max: z.number().int() }),
  ),
  /** C.3 from the total: 0 能力完好 … 4 能力完全丧失. */
  preliminaryLevel: AbilityLevelCode,
  /** C.5 after the adjustments of C.4. */
  finalLevel: AbilityLevelCode,
  /** The adjustments that applied. */
  adjustments: z.array(z.enum(abilityAdjustments)),
});

/** The form as the caller reads it: domains with their items, the levels, the adjustments in force. */
export const AbilityCatalogue = z.object({
  domains: z.array(
    z.object({
      code: AbilityDomainCode,
      name: z.string(),
      max: z.number().int(),
      items: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          max: z.number().int(),
          scores: z.array(z.number().int()),
        }),
      ),
    }),
  ),
  levels: z.array(z.object({ level: AbilityLevelCode, name: z.string() })),
  adjustments: z.array(z.object({ code: z.enum(abilityAdjustments), name: z.string() })),
  /** How the raises apply in this deployment (ABILITY_* configuration). */
  settings: z.object({
    stackAdjustments: z.boolean(),
    riskEventThreshold: z.number().int(),
    mentalRaise: z.boolean(),
    riskRaise: z.boolean(),
  }),
});

export const abilityAssessmentEndpoints = endpoints(abilityFieldLabels, {
  listAbilityItems: {
    method: 'GET',
    path: '/api/ability-assessments/items',
    summary: '老年人能力评估表（GB/T 42195-2022 附录B）的 26 个项目、分值、等级和等级调整',
    permission: 'authenticated',
    scope: 'none',
    response: AbilityCatalogue,
  },
  scoreAbilityAssessment: {
    method: 'POST',
    path: '/api/ability-assessments/score',
    summary: '按 GB/T 42195-2022 计算总分、初步等级和调整后的最终等级（不保存）',
    permission: 'authenticated',
    scope: 'none',
    body: ScoreAbilityBody,
    response: AbilityScoreView,
  },
});
