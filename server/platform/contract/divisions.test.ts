import { describe, expect, it } from 'vitest';
import {
  divisionLevel,
  divisionPrefix,
  isWithinDivision,
  parentDivisionCode,
} from './divisions.ts';

const province = '210000000000';
const city = '210100000000';
const district = '210104000000';
const street = '210104002000';
const community = '210104002001';
const grid = '210104002001003';

describe('divisionLevel', () => {
  it.each([
    [province, 'province'],
    [city, 'city'],
    [district, 'district'],
    [street, 'street'],
    [community, 'community'],
    [grid, 'grid'],
    ['210104012345', 'community'],
    ['210104200000', 'street'],
  ])('reads %s as a %s from its non-zero digits', (code, level) => {
    expect(divisionLevel(code)).toBe(level);
  });

  it('reads any 15-digit code as a grid, even one ending in zeros', () => {
    expect(divisionLevel('210104002001000')).toBe('grid');
  });
});

describe('divisionPrefix', () => {
  it.each([
    [province, '21'],
    [city, '2101'],
    [district, '210104'],
    [street, '210104002'],
    [community, '210104002001'],
    [grid, '210104002001003'],
  ])('keeps the significant digits of %s: %s', (code, prefix) => {
    expect(divisionPrefix(code)).toBe(prefix);
  });
});

describe('parentDivisionCode', () => {
  it.each([
    [grid, community],
    [community, street],
    [street, district],
    [district, city],
    [city, province],
  ])('the parent of %s is %s', (code, parent) => {
    expect(parentDivisionCode(code)).toBe(parent);
  });

  it('a province has no parent', () => {
    expect(parentDivisionCode(province)).toBeNull();
  });

  it('walks from a grid to the province in five steps', () => {
    const chain: string[] = [];
    for (let code: string | null = grid; code; code = parentDivisionCode(code)) chain.push(code);
    expect(chain).toEqual([grid, community, street, district, city, province]);
  });
});

describe('isWithinDivision', () => {
  it('a division lies within itself', () => {
    for (const code of [province, city, district, street, community, grid])
      expect(isWithinDivision(code, code)).toBe(true);
  });

  it('a grid of 15 digits lies within its community, street, district, city and province', () => {
    for (const ancestor of [community, street, district, city, province])
      expect(isWithinDivision(grid, ancestor)).toBe(true);
  });

  it('a community lies within its street but not within a sibling street', () => {
    expect(isWithinDivision(community, street)).toBe(true);
    expect(isWithinDivision(community, '210104003000')).toBe(false);
  });

  it('a grid does not lie within a sibling community or a sibling grid', () => {
    expect(isWithinDivision(grid, '210104002002')).toBe(false);
    expect(isWithinDivision(grid, '210104002001004')).toBe(false);
  });

  it('compares whole segments: street 012 is not inside street 001, nor district 14 inside district 04', () => {
    expect(isWithinDivision('210104012000', '210104001000')).toBe(false);
    expect(isWithinDivision('210114002000', district)).toBe(false);
    expect(isWithinDivision('210104002010', community)).toBe(false);
  });

  it('an ancestor never lies within its descendant', () => {
    expect(isWithinDivision(street, community)).toBe(false);
    expect(isWithinDivision(community, grid)).toBe(false);
    expect(isWithinDivision(district, street)).toBe(false);
  });
});
