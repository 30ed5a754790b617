import { describe, expect, it } from 'vitest';
import {
  abilityItems,
  defaultAbilitySettings,
  preliminaryLevel,
  scoreAbility,
  type AbilityAnswers,
  type AbilityItemCode,
} from './scoring.ts';

/** Every item at its highest score (90 in all), with some items changed. */
const answers = (over: Partial<Record<AbilityItemCode, number>> = {}): AbilityAnswers =>
  ({ ...Object.fromEntries(abilityItems.map((i) => [i.code, i.max])), ...over }) as AbilityAnswers;
const zeros = (over: Partial<Record<AbilityItemCode, number>> = {}): AbilityAnswers =>
  ({ ...Object.fromEntries(abilityItems.map((i) => [i.code, 0])), ...over }) as AbilityAnswers;
const none = { coma: false, dementiaOrMental: false, riskEvents30d: 0 };

describe('the GB/T 42195-2022 catalogue', () => {
  it('has 26 items, subtotals 32 / 15 / 28 / 15 and 90 in all', () => {
    expect(abilityItems).toHaveLength(26);
    const s = scoreAbility(answers(), none);
    expect(s.subtotals.map((d) => [d.domain, d.score, d.max])).toEqual([
      ['self_care', 32, 32],
      ['motor', 15, 15],
      ['mental', 28, 28],
      ['perception_social', 15, 15],
    ]);
    expect(s.total).toBe(90);
  });

  it('gives B.2.4 and B.4.4 a highest score of 3, B.3.9, B.4.1 and B.4.2 of 2, B.3.7 and B.3.8 of 1', () => {
    const max = Object.fromEntries(abilityItems.map((i) => [i.code, i.max]));
    expect([max['B.2.4'], max['B.4.4'], max['B.3.9'], max['B.4.1'], max['B.4.2']]).toEqual([
      3, 3, 2, 2, 2,
    ]);
    expect([max['B.3.7'], max['B.3.8']]).toEqual([1, 1]);
    // 19 items of 4 (76) + 3 + 3 + 2 + 2 + 2 + 1 + 1 = 90
    expect(abilityItems.filter((i) => i.max === 4)).toHaveLength(19);
  });
});

describe('the preliminary level (C.3)', () => {
  it('is 0 for all items at their highest (90), 4 for all zeros (0)', () => {
    expect(scoreAbility(answers(), none)).toMatchObject({
      total: 90,
      preliminaryLevel: 0,
      finalLevel: 0,
      adjustments: [],
    });
    expect(scoreAbility(zeros(), none)).toMatchObject({
      total: 0,
      preliminaryLevel: 4,
      finalLevel: 4,
    });
  });

  it('changes at each band boundary: 89/66 → 1, 65/46 → 2, 45/30 → 3, 29 → 4', () => {
    const cases: [AbilityAnswers, number, number][] = [
      // 90 − 1 (B.1.1 at 3) = 89
      [answers({ 'B.1.1': 3 }), 89, 1],
      // 90 − 24: the first six self-care items at 0 (6 × 4 = 24) = 66
      [answers({ 'B.1.1': 0, 'B.1.2': 0, 'B.1.3': 0, 'B.1.4': 0, 'B.1.5': 0, 'B.1.6': 0 }), 66, 1],
      // 66 − 1 (B.1.7 at 3) = 65
      [
        answers({
          'B.1.1': 0,
          'B.1.2': 0,
          'B.1.3': 0,
          'B.1.4': 0,
          'B.1.5': 0,
          'B.1.6': 0,
          'B.1.7': 3,
        }),
        65,
        2,
      ],
      // 90 − 32 (self-care all 0) − 12 (B.2.1–B.2.3 at 0) = 46
      [zerosIn(['self_care'], { 'B.2.1': 0, 'B.2.2': 0, 'B.2.3': 0 }), 46, 2],
      // 90 − 32 − 13 (B.2.1–B.2.3 at 0, B.2.4 at 2) = 45
      [zerosIn(['self_care'], { 'B.2.1': 0, 'B.2.2': 0, 'B.2.3': 0, 'B.2.4': 2 }), 45, 3],
      // mental 28 + perception 15 = 43, minus B.4.5 (4), B.4.4 (3), B.4.3 (4), B.4.2 (2) = 30
      [zerosIn(['self_care', 'motor'], { 'B.4.5': 0, 'B.4.4': 0, 'B.4.3': 0, 'B.4.2': 0 }), 30, 3],
      // 30 − 1 (B.4.1 at 1) = 29
      [
        zerosIn(['self_care', 'motor'], {
          'B.4.5': 0,
          'B.4.4': 0,
          'B.4.3': 0,
          'B.4.2': 0,
          'B.4.1': 1,
        }),
        29,
        4,
      ],
    ];
    for (const [a, total, level] of cases) {
      const s = scoreAbility(a, none);
      expect([s.total, s.preliminaryLevel, s.finalLevel], `${total}`).toEqual([
        total,
        level,
        level,
      ]);
    }
    expect([90, 89, 66, 65, 46, 45, 30, 29, 0].map(preliminaryLevel)).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });
});

/** Every item of the domains at 0, the others at their highest, then `over`. */
function zerosIn(
  domains: string[],
  over: Partial<Record<AbilityItemCode, number>> = {},
): AbilityAnswers {
  return answers({
    ...Object.fromEntries(
      abilityItems.filter((i) => domains.includes(i.domain)).map((i) => [i.code, 0]),
    ),
    ...over,
  });
}

describe('the adjustments (C.4)', () => {
  // 90 − 32 (self-care all 0) = 58: moderately impaired (2)
  const moderate = zerosIn(['self_care']);

  it('a coma is complete loss whatever the score', () => {
    expect(scoreAbility(answers(), { ...none, coma: true })).toMatchObject({
      total: 90,
      preliminaryLevel: 0,
      finalLevel: 4,
      adjustments: ['coma'],
    });
  });

  it('dementia or a mental disorder raises one level', () => {
    expect(scoreAbility(moderate, { ...none, dementiaOrMental: true })).toMatchObject({
      total: 58,
      preliminaryLevel: 2,
      finalLevel: 3,
      adjustments: ['dementia_or_mental'],
    });
  });

  it('two care-risk events in 30 days raise one level, one event does not', () => {
    expect(scoreAbility(moderate, { ...none, riskEvents30d: 2 })).toMatchObject({
      finalLevel: 3,
      adjustments: ['risk_events'],
    });
    expect(scoreAbility(moderate, { ...none, riskEvents30d: 1 })).toMatchObject({
      finalLevel: 2,
      adjustments: [],
    });
  });

  it('both raises stack (2 → 4), and never go beyond complete loss (3 → 4)', () => {
    const both = { coma: false, dementiaOrMental: true, riskEvents30d: 3 };
    expect(scoreAbility(moderate, both)).toMatchObject({
      preliminaryLevel: 2,
      finalLevel: 4,
      adjustments: ['dementia_or_mental', 'risk_events'],
    });
    // 90 − 32 − 15 (self-care and motor all 0) = 43: severely impaired (3)
    expect(scoreAbility(zerosIn(['self_care', 'motor']), both)).toMatchObject({
      total: 43,
      preliminaryLevel: 3,
      finalLevel: 4,
    });
    expect(scoreAbility(zeros(), both).finalLevel).toBe(4);
  });

  it('with stacking off, both raise one level only', () => {
    const settings = { ...defaultAbilitySettings, stackAdjustments: false };
    const s = scoreAbility(
      moderate,
      { coma: false, dementiaOrMental: true, riskEvents30d: 2 },
      settings,
    );
    expect([s.preliminaryLevel, s.finalLevel]).toEqual([2, 3]);
  });

  it('follows the configured threshold and the switches of each raise', () => {
    const conditions = { coma: false, dementiaOrMental: true, riskEvents30d: 2 };
    expect(
      scoreAbility(moderate, conditions, { ...defaultAbilitySettings, riskEventThreshold: 3 }),
    ).toMatchObject({ finalLevel: 3, adjustments: ['dementia_or_mental'] });
    expect(
      scoreAbility(moderate, conditions, { ...defaultAbilitySettings, mentalRaise: false }),
    ).toMatchObject({ finalLevel: 3, adjustments: ['risk_events'] });
    expect(
      scoreAbility(moderate, conditions, {
        ...defaultAbilitySettings,
        mentalRaise: false,
        riskRaise: false,
      }),
    ).toMatchObject({ finalLevel: 2, adjustments: [] });
  });
});
