import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  it.each([
    ['13800138000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['+86 13800138000'],
    ['+86-138-0013-8000'],
    ['008613800138000'],
    ['8613800138000'],
    ['１３８００１３８０００'],
  ])('reads %s as the mobile 13800138000', (input) => {
    expect(normalisePhone(input)).toEqual({ number: '13800138000', type: 'mobile' });
  });

  it.each([
    ['024-88886666', '024-88886666'],
    ['(024)88886666', '024-88886666'],
    ['（024）88886666', '024-88886666'],
    ['02488886666', '024-88886666'],
    ['+86 24 8888 6666', '024-88886666'],
    ['010 6512 3456', '010-65123456'],
    ['0415-2234567', '0415-2234567'],
  ])('reads %s as the landline %s with its area code', (input, number) => {
    expect(normalisePhone(input)).toEqual({ number, type: 'landline' });
  });

  it('gives a local number without an area code the default one (024, or the one passed)', () => {
    expect(normalisePhone('88886666')).toEqual({ number: '024-88886666', type: 'landline' });
    expect(normalisePhone('88886666', '0411')).toEqual({
      number: '0411-88886666',
      type: 'landline',
    });
  });

  it.each([
    ['024-88886666转123', '024-88886666-123'],
    ['024-88886666 ext.12', '024-88886666-12'],
    ['024-88886666#9', '024-88886666-9'],
  ])('keeps the extension of %s as %s', (input, number) => {
    expect(normalisePhone(input)).toEqual({ number, type: 'landline' });
  });

  it.each([
    ['1380013800', 'ten digits'],
    ['138001380001', 'twelve digits starting with 1'],
    ['12800138000', 'a mobile prefix 12'],
    ['12345', 'too short'],
    ['0123456789012', 'too long'],
    ['13800138000转1', 'a mobile with an extension'],
    ['024-88886666转abc', 'a non-numeric extension'],
    ['abc', 'letters'],
    ['1384005', 'seven digits without an area code (a mistyped mobile)'],
    ['8888666', 'seven digits without an area code'],
    ['024-1384005', 'a 7-digit number after a 3-digit area code'],
    ['024-12345678', 'a local number starting with 1'],
    ['0415-0234567', 'a local number starting with 0'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});
