import { describe, expect, it } from 'vitest';
import { defaultCareLevelRules, suggestCareLevel } from './rules.ts';

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
    });
  });

  it('poor health or hardship alone suggests key visits; the rest regular', () => {
    expect(suggest('elder', 70, ['dementia']).level).toBe('key');
    expect(suggest('elder', 66, ['dibao']).level).toBe('key');
    expect(suggest('elder', 79, ['living_alone'])).toEqual({ level: 'regular', reason: null });
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
