import type { Locale } from '../../platform/contract/errors.ts';

/*
 * GB/T 42195-2022《老年人能力评估规范》 scoring (domain-rules.md §3): the 26 items of 附录B with
 * their highest score (every score 0…max is an option), the preliminary level of the total (C.3)
 * and the adjustments of C.4 to the final level (C.5). Pure: no database, no request; the contract
 * builds its schema from the catalogue and the routes score with `scoreAbility`.
 */

type Names = Record<Locale, string>;

export const abilityDomainCodes = ['self_care', 'motor', 'mental', 'perception_social'] as const;
export type AbilityDomain = (typeof abilityDomainCodes)[number];

/** The four 一级指标, in the form's order. */
export const abilityDomainNames: Record<AbilityDomain, Names> = {
  self_care: { 'zh-CN': '自理能力', 'en-US': 'Self-care' },
  motor: { 'zh-CN': '基础运动能力', 'en-US': 'Basic motor ability' },
  mental: { 'zh-CN': '精神状态', 'en-US': 'Mental state' },
  perception_social: {
    'zh-CN': '感知觉与社会参与',
    'en-US': 'Perception and social participation',
  },
};

export type AbilityItem = { code: string; domain: AbilityDomain; max: number; name: Names };

const item = <C extends string>(
  code: C,
  domain: AbilityDomain,
  max: number,
  zh: string,
  en: string,
) => ({ code, domain, max, name: { 'zh-CN': zh, 'en-US': en } }) satisfies AbilityItem;

/** The 26 二级指标 (附录B), in the form's order: 自理能力 32, 基础运动能力 15, 精神状态 28, 感知觉与社会参与 15. */
export const abilityItems = [
  item('B.1.1', 'self_care', 4, '进食', 'Eating'),
  item('B.1.2', 'self_care', 4, '修饰', 'Grooming'),
  item('B.1.3', 'self_care', 4, '洗澡', 'Bathing'),
  item('B.1.4', 'self_care', 4, '穿/脱上衣', 'Dressing the upper body'),
  item('B.1.5', 'self_care', 4, '穿/脱裤子和鞋袜', 'Dressing the lower body, shoes and socks'),
  item('B.1.6', 'self_care', 4, '小便控制', 'Bladder control'),
  item('B.1.7', 'self_care', 4, '大便控制', 'Bowel control'),
  item('B.1.8', 'self_care', 4, '如厕', 'Toileting'),
  item('B.2.1', 'motor', 4, '床上体位转移', 'Turning and moving in bed'),
  item('B.2.2', 'motor', 4, '床椅转移', 'Bed–chair transfer'),
  item('B.2.3', 'motor', 4, '平地行走', 'Walking on level ground'),
  item('B.2.4', 'motor', 3, '上下楼梯', 'Climbing stairs'),
  item('B.3.1', 'mental', 4, '时间定向', 'Orientation in time'),
  item('B.3.2', 'mental', 4, '空间定向', 'Orientation in place'),
  item('B.3.3', 'mental', 4, '人物定向', 'Orientation to people'),
  item('B.3.4', 'mental', 4, '记忆', 'Memory'),
  item('B.3.5', 'mental', 4, '理解能力', 'Understanding'),
  item('B.3.6', 'mental', 4, '表达能力', 'Expression'),
  item('B.3.7', 'mental', 1, '攻击行为', 'Aggressive behaviour'),
  item('B.3.8', 'mental', 1, '抑郁症状', 'Depressive symptoms'),
  item('B.3.9', 'mental', 2, '意识水平', 'Level of consciousness'),
  item('B.4.1', 'perception_social', 2, '视力', 'Vision'),
  item('B.4.2', 'perception_social', 2, '听力', 'Hearing'),
  item('B.4.3', 'perception_social', 4, '执行日常事务', 'Managing daily affairs'),
  item('B.4.4', 'perception_social', 3, '使用交通工具外出', 'Going out by transport'),
  item('B.4.5', 'perception_social', 4, '社会交往能力', 'Social interaction'),
] as const satisfies readonly AbilityItem[];

export type AbilityItemCode = (typeof abilityItems)[number]['code'];
export const abilityItemCodes = abilityItems.map((i) => i.code) as AbilityItemCode[];
export type AbilityAnswers = Record<AbilityItemCode, number>;

/** The options of an item: every whole score from 0 to its highest. */
export const allowedScores = (i: Pick<AbilityItem, 'max'>): number[] =>
  Array.from({ length: i.max + 1 }, (_, n) => n);

/** The five levels, 0 能力完好 … 4 能力完全丧失. */
export const abilityLevels = [0, 1, 2, 3, 4] as const;
export type AbilityLevel = (typeof abilityLevels)[number];
export const abilityLevelNames: Record<AbilityLevel, Names> = {
  0: { 'zh-CN': '能力完好', 'en-US': 'Ability intact' },
  1: { 'zh-CN': '能力轻度受损（轻度失能）', 'en-US': 'Mildly impaired (mild disability)' },
  2: {
    'zh-CN': '能力中度受损（中度失能）',
    'en-US': 'Moderately impaired (moderate disability)',
  },
  3: { 'zh-CN': '能力重度受损（重度失能）', 'en-US': 'Severely impaired (severe disability)' },
  4: { 'zh-CN': '能力完全丧失（完全失能）', 'en-US': 'Ability completely lost (total disability)' },
};

/** The C.4 adjustments, as the score names those that applied. */
export const abilityAdjustments = ['coma', 'dementia_or_mental', 'risk_events'] as const;
export type AbilityAdjustment = (typeof abilityAdjustments)[number];
export const abilityAdjustmentNames: Record<AbilityAdjustment, Names> = {
  coma: { 'zh-CN': '处于昏迷状态：直接评定为能力完全丧失', 'en-US': 'In a coma: complete loss' },
  dementia_or_mental: {
    'zh-CN': '确诊痴呆或精神科诊断的其他精神和行为障碍：提高一个级别',
    'en-US': 'Diagnosed dementia or other mental disorder: one level up',
  },
  risk_events: {
    'zh-CN': '近 30 天内发生照护风险事件达到次数：提高一个级别',
    'en-US': 'Care-risk events in the last 30 days: one level up',
  },
};

/**
 * How the adjustments apply (configuration, server/config.ts): whether the two raises stack (+2) or
 * give one level at most, how many care-risk events in 30 days raise, and whether each raise applies.
 */
export type AbilitySettings = {
  stackAdjustments: boolean;
  riskEventThreshold: number;
  mentalRaise: boolean;
  riskRaise: boolean;
};
export const defaultAbilitySettings: AbilitySettings = {
  stackAdjustments: true,
  riskEventThreshold: 2,
  mentalRaise: true,
  riskRaise: true,
};

export type AbilityConditions = { coma: boolean; dementiaOrMental: boolean; riskEvents30d: number };

export type AbilityScore = {
  total: number;
  subtotals: { domain: AbilityDomain; score: number; max: number }[];
  preliminaryLevel: AbilityLevel;
  finalLevel: AbilityLevel;
  /** The adjustments that applied, in the order of C.4. */
  adjustments: AbilityAdjustment[];
};

/** C.3: 90 → 0, 66–89 → 1, 46–65 → 2, 30–45 → 3, 0–29 → 4. */
export function preliminaryLevel(total: number): AbilityLevel {
  if (total >= 90) return 0;
  if (total >= 66) return 1;
  if (total >= 46) return 2;
  if (total >= 30) return 3;
  return 4;
}

/**
 * The score of a complete set of answers (the contract has checked every item and score): the
 * total, each domain's subtotal, the preliminary level and the final one after C.4 — a coma is
 * complete loss whatever the score; dementia or a mental disorder, and enough care-risk events, each
 * raise one level (together two when the raises stack, else one), never beyond complete loss.
 */
export function scoreAbility(
  answers: AbilityAnswers,
  conditions: AbilityConditions,
  settings: AbilitySettings = defaultAbilitySettings,
): AbilityScore {
  const subtotals = abilityDomainCodes.map((domain) => {
    const items = abilityItems.filter((i) => i.domain === domain);
    return {
      domain,
      score: items.reduce((sum, i) => sum + answers[i.code], 0),
      max: items.reduce((sum, i) => sum + i.max, 0),
    };
  });
  const total = subtotals.reduce((sum, s) => sum + s.score, 0);
  const preliminary = preliminaryLevel(total);
  if (conditions.coma)
    return {
      total,
      subtotals,
      preliminaryLevel: preliminary,
      finalLevel: 4,
      adjustments: ['coma'],
    };
  const adjustments: AbilityAdjustment[] = [];
  if (settings.mentalRaise && conditions.dementiaOrMental) adjustments.push('dementia_or_mental');
  if (settings.riskRaise && conditions.riskEvents30d >= settings.riskEventThreshold)
    adjustments.push('risk_events');
  const raise = settings.stackAdjustments ? adjustments.length : Math.min(adjustments.length, 1);
  const finalLevel = Math.min(4, preliminary + raise) as AbilityLevel;
  return { total, subtotals, preliminaryLevel: preliminary, finalLevel, adjustments };
}
