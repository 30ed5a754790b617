import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, idNumberCheckChar, makeIdNumber, parseIdNumber } from './id-number.ts';

const today = '2026-12-01';
const parse = (s: string) => parseIdNumber(s, today);

describe('parseIdNumber', () => {
  it('accepts the vectors of domain-rules §5.1 and reads birth date and sex', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        upgraded: false,
      },
    });
    expect(parse('210104194501010011')).toMatchObject({
      ok: true,
      value: { birthDate: '1945-01-01', sex: 'male' },
    });
    expect(parse('210104193808150022')).toMatchObject({ ok: true, value: { sex: 'female' } });
    expect(parse('110101202311012176').ok).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(parse('110101202311012171')).toEqual({ ok: false, problem: 'check_digit' });
    expect(parse('11010519491231002')).toEqual({ ok: false, problem: 'format' });
  });

  it('accepts a lower-case x, full-width digits and spaces, and normalises them', () => {
    expect(parse('11010519491231002x')).toMatchObject({
      value: { idNumber: '11010519491231002X' },
    });
    expect(parse(' ２１０１０４ 1945 0101 0011 ')).toMatchObject({
      value: { idNumber: '210104194501010011' },
    });
  });

  it('upgrades the 15-digit form: 19 after the address code and a computed check character', () => {
    const result = parse('210104450101001');
    expect(result).toEqual({
      ok: true,
      value: {
        idNumber: '210104194501010011',
        birthDate: '1945-01-01',
        sex: 'male',
        upgraded: true,
      },
    });
  });

  it('refuses impossible, future and too early birth dates', () => {
    const withDate = (date: string) => makeIdNumber('210104', date, 1, 'male');
    expect(parse(withDate('1945-02-30')).ok).toBe(false);
    expect(parse(withDate('1945-02-30'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parse(withDate('1945-13-01'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parse(withDate('2027-01-01'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parse(withDate('1889-12-31'))).toEqual({ ok: false, problem: 'birth_date' });
    expect(parse(withDate('2000-02-29')).ok).toBe(true);
    expect(parse(withDate('1900-02-29'))).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('refuses a province code that is not assigned', () => {
    expect(parse(makeIdNumber('990104', '1945-01-01', 1, 'male'))).toEqual({
      ok: false,
      problem: 'province',
    });
    expect(parse(makeIdNumber('810000', '1980-01-01', 1, 'male')).ok).toBe(true);
  });

  it('accepts every synthetic number and reads back what made it (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2026-11-30'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 499 }),
        fc.constantFrom<'male' | 'female'>('male', 'female'),
        (date, seq, sex) => {
          const birthDate = date.toISOString().slice(0, 10);
          const result = parse(makeIdNumber('210104', birthDate, seq, sex));
          expect(result).toMatchObject({ ok: true, value: { birthDate, sex } });
        },
      ),
    );
  });

  it('catches every single-digit change of a valid number (property)', () => {
    const valid = '210104194501010011';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        expect(parse(changed).ok).toBe(false);
      }),
    );
  });
});

describe('idNumberCheckChar and ageOn', () => {
  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('21010419450101001')).toBe('1');
  });

  it('counts completed years, the birthday itself included', () => {
    expect(ageOn('1945-12-01', '2026-12-01')).toBe(81);
    expect(ageOn('1945-12-02', '2026-12-01')).toBe(80);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});
