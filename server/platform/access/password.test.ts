import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, dummyHash, hashPassword, verifyPassword } from './password.ts';

describe('checkPasswordPolicy', () => {
  it.each([
    ['Ab1!', 'too_short'],
    ['Ab1!xyz', 'too_short'],
    [`Aa1!${'x'.repeat(125)}`, 'too_long'],
    ['abcdefgh', 'too_simple'],
    ['abcdefg1', 'too_simple'],
    ['ABCDEFG!', 'too_simple'],
    ['12345678!', 'too_simple'],
    ['Zhangsan#2025', 'contains_username'],
    ['Nasgnahz#2025', 'contains_username'],
    ['Password1', 'common'],
    ['Trustno1', 'common'],
    ['Qwer1234', 'common'],
  ])('refuses %s for user zhangsan: %s', (password, problem) => {
    expect(checkPasswordPolicy(password, 'zhangsan')).toBe(problem);
  });

  it.each([['Abcdefg1'], ['abcdef1!'], ['ABCDEF1!'], ['Guanai#Test2025'], ['长城Ab12345']])(
    'accepts %s',
    (password) => {
      expect(checkPasswordPolicy(password, 'zhangsan')).toBeNull();
    },
  );

  it('accepts exactly 8 and 128 characters and refuses 7 and 129', () => {
    expect(checkPasswordPolicy('Abcdef1!', 'zhangsan')).toBeNull();
    expect(checkPasswordPolicy(`Aa1!${'x'.repeat(124)}`, 'zhangsan')).toBeNull();
    expect(checkPasswordPolicy('Abcde1!', 'zhangsan')).toBe('too_short');
    expect(checkPasswordPolicy(`Aa1!${'x'.repeat(125)}`, 'zhangsan')).toBe('too_long');
  });

  it('matches the username case-insensitively, and ignores usernames shorter than three letters', () => {
    expect(checkPasswordPolicy('XXZHANGSANxx1', 'ZhangSan')).toBe('contains_username');
    expect(checkPasswordPolicy('Welcome#li99', 'li')).toBeNull();
  });

  it('honours a stricter policy passed in', () => {
    expect(
      checkPasswordPolicy('Abcdefg1', 'zhangsan', { minLength: 12, maxLength: 64, minClasses: 3 }),
    ).toBe('too_short');
    expect(
      checkPasswordPolicy('Abcdefghijk1', 'zhangsan', {
        minLength: 12,
        maxLength: 64,
        minClasses: 4,
      }),
    ).toBe('too_simple');
  });
});

describe('hashPassword and verifyPassword', () => {
  it('a hash verifies the password it was made from', async () => {
    const stored = await hashPassword('Guanai#Test2025', 1000);
    expect(stored).toMatch(/^pbkdf2-sm3\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('Guanai#Test2025', stored)).toBe(true);
  });

  it('a wrong password, or one differing only in case, does not verify', async () => {
    const stored = await hashPassword('Guanai#Test2025', 1000);
    expect(await verifyPassword('Guanai#Test2026', stored)).toBe(false);
    expect(await verifyPassword('guanai#test2025', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently twice', async () => {
    const [a, b] = await Promise.all([
      hashPassword('Same#Pass1', 1000),
      hashPassword('Same#Pass1', 1000),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Same#Pass1', a)).toBe(true);
    expect(await verifyPassword('Same#Pass1', b)).toBe(true);
  });

  it('uses the iteration count stored in the hash, not the current setting', async () => {
    const stored = await hashPassword('Guanai#Test2025', 1500);
    expect(stored.split('$')[1]).toBe('1500');
    expect(await verifyPassword('Guanai#Test2025', stored)).toBe(true);
  });

  it('normalises to NFKC: a full-width password verifies against its half-width form', async () => {
    const stored = await hashPassword('Ｇｕａｎａｉ＃２０２５', 1000);
    expect(await verifyPassword('Guanai#2025', stored)).toBe(true);
  });

  it('refuses a stored value of another scheme or a malformed one instead of throwing', async () => {
    expect(await verifyPassword('x', 'bcrypt$10$abc$def')).toBe(false);
    expect(await verifyPassword('x', 'pbkdf2-sm3$1000$')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  it('the dummy hash for unknown users is a valid hash that no guess matches', async () => {
    const stored = await dummyHash(1000);
    expect(stored.startsWith('pbkdf2-sm3$1000$')).toBe(true);
    expect(await verifyPassword('Guanai#Test2025', stored)).toBe(false);
  });
});
