import type { CareLevel, SubjectKind } from '../subjects/contract.ts';
import { careLevelReasonNames, type CareLevelReasonCode } from './contract.ts';

/** One classification rule: who it covers, and the level it suggests with its reason. */
export type CareLevelRule = {
  level: CareLevel;
  kind: SubjectKind | null;
  minAge: number | null;
  /** Every one of these categories. */
  categoriesAll: string[];
  /** At least one of these (empty: no condition). */
  categoriesAny: string[];
  /** As written; for a coded reason its Chinese text. */
  reason: string;
  /** A default rule's reason, translated where it is shown; null: the administrator's own text. */
  reasonCode: CareLevelReasonCode | null;
};

const coded = (code: CareLevelReasonCode) => ({
  reason: careLevelReasonNames[code]['zh-CN'],
  reasonCode: code,
});

/**
 * The defaults of requirement V4 (special: advanced age, living alone, poor health; key: poor
 * health, hardship, family change; regular: the rest), in force until an administrator sets others.
 * Poor health is read from the categories 失能, 失智 and 重残; hardship from 低保, 特困, 低收入 and
 * 计生特殊家庭.
 */
export const defaultCareLevelRules: readonly CareLevelRule[] = [
  {
    level: 'special',
    kind: 'elder',
    minAge: 80,
    categoriesAll: ['living_alone'],
    categoriesAny: ['disabled', 'dementia', 'severe_disability'],
    ...coded('elder_old_alone_poor_health'),
  },
  {
    level: 'special',
    kind: 'elder',
    minAge: null,
    categoriesAll: ['living_alone', 'disabled'],
    categoriesAny: [],
    ...coded('elder_alone_disabled'),
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['disabled', 'dementia', 'severe_disability'],
    ...coded('elder_poor_health'),
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: 80,
    categoriesAll: ['living_alone'],
    categoriesAny: [],
    ...coded('elder_old_alone'),
  },
  {
    level: 'key',
    kind: 'elder',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['dibao', 'tekun_dispersed', 'low_income', 'family_planning_special'],
    ...coded('elder_hardship'),
  },
  {
    level: 'key',
    kind: 'child',
    minAge: null,
    categoriesAll: [],
    categoriesAny: ['orphan', 'de_facto_unsupported', 'guardianship_deficit', 'seriously_ill'],
    ...coded('child_in_difficulty'),
  },
];

const sameCategories = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c) => b.includes(c));

/** The set is the V4 defaults: the same rules in the same order, with the defaults' reasons. */
export function isDefaultSet(rules: readonly CareLevelRule[]): boolean {
  return (
    rules.length === defaultCareLevelRules.length &&
    rules.every((r, i) => {
      const d = defaultCareLevelRules[i] as CareLevelRule;
      return (
        r.level === d.level &&
        r.kind === d.kind &&
        r.minAge === d.minAge &&
        r.reasonCode === d.reasonCode &&
        sameCategories(r.categoriesAll, d.categoriesAll) &&
        sameCategories(r.categoriesAny, d.categoriesAny)
      );
    })
  );
}

const rank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };

export type Suggestion = {
  level: CareLevel;
  /** As the rule has it (a coded reason in Chinese); null: no rule matched. */
  reason: string | null;
  reasonCode: CareLevelReasonCode | null;
};

/**
 * The level the rules suggest: the highest level of any rule that matches, never below the floor
 * (a disabled elder is visited at least monthly, whatever the rules say).
 */
export function suggestCareLevel(
  rules: readonly CareLevelRule[],
  subject: { kind: SubjectKind; age: number; categories: readonly string[] },
  floor: CareLevel,
): Suggestion {
  let best: Suggestion = { level: 'regular', reason: null, reasonCode: null };
  for (const rule of rules) {
    const matches =
      (rule.kind === null || rule.kind === subject.kind) &&
      (rule.minAge === null || subject.age >= rule.minAge) &&
      rule.categoriesAll.every((c) => subject.categories.includes(c)) &&
      (rule.categoriesAny.length === 0 ||
        rule.categoriesAny.some((c) => subject.categories.includes(c)));
    if (matches && rank[rule.level] < rank[best.level])
      best = { level: rule.level, reason: rule.reason, reasonCode: rule.reasonCode };
  }
  if (rank[floor] < rank[best.level]) return { level: floor, ...coded('disabled_elder_floor') };
  return best;
}
