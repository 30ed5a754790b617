import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

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

/** The 3,000 most common passwords (security.md row 2), from zxcvbn-ts's frequency-ordered list. */
let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].slice(0, 3000).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** Password policy (security.md row 2): length, three of four character classes, no username. */
export type PasswordPolicy = { minLength: number; maxLength: number; minClasses: number };
export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 8,
  maxLength: 128,
  minClasses: 3,
};

export function checkPasswordPolicy(
  password: string,
  username: string,
  policy: PasswordPolicy = defaultPasswordPolicy,
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
  if (isCommon(password)) return 'common';
  return null;
}
