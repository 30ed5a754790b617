import type { CareLevel, SubjectKind } from '../subjects/contract.ts';

/** One classification rule: who it covers, and the level it suggests with its reason. */
export type CareLevelRule = {
  level: CareLevel;
  kind: SubjectKind | null;
  minAge: number | null;
  /** Every one of these categories. */
  categoriesAll: string[];
  /** At least one of these (empty: no condition). */
  categoriesAny: string[];
  reason: string;
};

/**
 * The defaults of requirement V4 (special: advanced age, living alone, poor health; key: poor
 * health, hardship, family change; regular: the rest), in force until an administrator sets others.
 * Poor health is read from the categories 失能, 失智 and 重残; hardship from 低保, 特困, 低收入 and
 * 计生特殊家庭.
 */
export const defaultCareLevelRules: CareLevelRule[] = [
  {
    level: 'special',
    kind: 'elder',
    minAge: 80,
    categoriesAll: ['living_alone'],
    categoriesAny: ['disabled', 'dementia', 'severe_disability'],
    reason: '高龄、独居且健康状况差',
  },
  {
    level: 'special',
    kind: 'elder',
    minAge: null,
    categoriesAll: ['living_alone', 'disabled'],
    categoriesAny: [],
    reason: '独居失能',
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['disabled', 'dementia', 'severe_disability'],
    reason: '健康状况差（失能、失智或重残）',
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: 80,
    categoriesAll: ['living_alone'],
    categoriesAny: [],
    reason: '高龄独居',
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['dibao', 'tekun_dispersed', 'low_income', 'family_planning_special'],
    reason: '生活困难',
  },
  {
    level: 'key',
    kind: 'child',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['orphan', 'de_facto_unsupported', 'guardianship_deficit', 'seriously_ill'],
    reason: '孤儿、事实无人抚养、监护缺失或重病儿童',
  },
];

const rank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };

export type Suggestion = { level: CareLevel; reason: string | null };

/**
 * The level the rules suggest: the highest level of any rule that matches, never below the floor
 * (a disabled elder is visited at least monthly, whatever the rules say).
 */
export function suggestCareLevel(
  rules: readonly CareLevelRule[],
  subject: { kind: SubjectKind; age: number; categories: readonly string[] },
  floor: CareLevel,
): Suggestion {
  let best: Suggestion = { level: 'regular', reason: null };
  for (const rule of rules) {
    const matches =
      (rule.kind === null || rule.kind === subject.kind) &&
      (rule.minAge === null || subject.age >= rule.minAge) &&
      rule.categoriesAll.every((c) => subject.categories.includes(c)) &&
      (rule.categoriesAny.length === 0 ||
        rule.categoriesAny.some((c) => subject.categories.includes(c)));
    if (matches && rank[rule.level] < rank[best.level])
      best = { level: rule.level, reason: rule.reason };
  }
  if (rank[floor] < rank[best.level]) return { level: floor, reason: '失能老年人每月至少探访一次' };
  return best;
}
