import { describe, expect, it } from 'vitest';
import { careLevelReasonCodes, careLevelReasonNames } from './contract.ts';
import { defaultCareLevelRules, isDefaultSet, suggestCareLevel } from './rules.ts';

const suggest = (
  kind: 'elder' | 'child',
  age: number,
  categories: string[],
  floor: 'key' | 'regular' = 'regular',
) => suggestCareLevel(defaultCareLevelRules, { kind, age, categories }, floor);

describe('suggestCareLevel with the V4 defaults', () => {
  it('advanced age, living alone and poor health suggest special care', () => {
    expect(suggest('elder', 85, ['living_alone', 'dementia'])).toEqual({
      level: 'special',
      reason: '高龄、独居且健康状况差',
      reasonCode: 'elder_old_alone_poor_health',
    });
  });

  it('poor health or hardship alone suggests key visits; the rest regular', () => {
    expect(suggest('elder', 70, ['dementia']).level).toBe('key');
    expect(suggest('elder', 66, ['dibao']).level).toBe('key');
    expect(suggest('elder', 79, ['living_alone'])).toEqual({
      level: 'regular',
      reason: null,
      reasonCode: null,
    });
    expect(suggest('elder', 80, ['living_alone']).level).toBe('key');
    expect(suggest('child', 9, ['orphan']).level).toBe('key');
    expect(suggest('child', 9, ['left_behind']).level).toBe('regular');
  });

  it('never suggests below the floor', () => {
    expect(
      suggestCareLevel([], { kind: 'elder', age: 70, categories: ['disabled'] }, 'key'),
    ).toEqual({
      level: 'key',
      reason: '失能老年人每月至少探访一次',
      reasonCode: 'disabled_elder_floor',
    });
  });

  it('takes the highest level of all matching rules, in any order', () => {
    const reversed = [...defaultCareLevelRules].reverse();
    expect(
      suggestCareLevel(
        reversed,
        { kind: 'elder', age: 85, categories: ['living_alone', 'disabled'] },
        'key',
      ).level,
    ).toBe('special');
  });
});

describe('the defaults’ reasons', () => {
  it('are codes with a text in both languages, the Chinese one kept with the rule', () => {
    for (const rule of defaultCareLevelRules) {
      expect(rule.reasonCode).not.toBeNull();
      const names = careLevelReasonNames[rule.reasonCode as keyof typeof careLevelReasonNames];
      expect(rule.reason).toBe(names['zh-CN']);
      expect(names['en-US']).toMatch(/^[A-Z][a-z]/);
    }
    expect(careLevelReasonCodes).toContain('disabled_elder_floor');
  });
});

describe('isDefaultSet', () => {
  it('knows the defaults in any order of a rule’s categories, and nothing else', () => {
    expect(isDefaultSet(defaultCareLevelRules)).toBe(true);
    const shuffled = defaultCareLevelRules.map((r) => ({
      ...r,
      categoriesAny: [...r.categoriesAny].reverse(),
    }));
    expect(isDefaultSet(shuffled)).toBe(true);
    expect(isDefaultSet([...defaultCareLevelRules].reverse())).toBe(false);
    expect(isDefaultSet(defaultCareLevelRules.slice(1))).toBe(false);
    const retold = defaultCareLevelRules.map((r, i) =>
      i === 0 ? { ...r, reason: '自己写的理由', reasonCode: null } : r,
    );
    expect(isDefaultSet(retold)).toBe(false);
    const older = defaultCareLevelRules.map((r, i) => (i === 0 ? { ...r, minAge: 85 } : r));
    expect(isDefaultSet(older)).toBe(false);
  });
});
