import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** PBKDF2-HMAC-SM3 with a 16-byte random salt: `pbkdf2-sm3$<iterations>$<salt>$<hash>` (base64). */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Async(password.normalize('NFKC'), salt, iterations, 32, 'sm3');
  return `pbkdf2-sm3$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'pbkdf2-sm3' || !iter || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await pbkdf2Async(
    password.normalize('NFKC'),
    Buffer.from(saltB64, 'base64'),
    Number(iter),
    expected.length,
    'sm3',
  );
  return timingSafeEqual(expected, actual);
}

/** A hash to verify against when the user does not exist, so that timing reveals nothing. */
export async function dummyHash(iterations: number): Promise<string> {
  return hashPassword(randomBytes(12).toString('hex'), iterations);
}

export type PasswordProblem =
  'too_short' | 'too_long' | 'too_simple' | 'contains_username' | 'common';

const common = new Set([
  'password',
  'password1',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwerty123',
  'qwer1234',
  'abc12345',
  'abcd1234',
  'a1234567',
  'admin123',
  'admin@123',
  'admin1234',
  '12345678a',
  'aa123456',
  'woaini1314',
  '1qaz2wsx',
  '1qaz@wsx',
  'zaq12wsx',
  'iloveyou1',
  'welcome1',
  'root1234',
  'test1234',
  'abc@1234',
]);

/** Password policy (security.md row 2): length, three of four character classes, no username. */
export function checkPasswordPolicy(
  password: string,
  username: string,
  policy: { minLength: number; maxLength: number; minClasses: number } = {
    minLength: 8,
    maxLength: 128,
    minClasses: 3,
  },
): PasswordProblem | null {
  if (password.length < policy.minLength) return 'too_short';
  if (password.length > policy.maxLength) return 'too_long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) return 'too_simple';
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || lower.includes([...name].reverse().join('')))) {
    return 'contains_username';
  }
  if (common.has(lower)) return 'common';
  return null;
}
