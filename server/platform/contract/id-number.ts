/**
 * 居民身份证号码 (GB 11643-1999, domain-rules §5.1): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd: male), ISO 7064 MOD 11-2 check character. The 15-digit form of 1989 (birth
 * date without century, no check character) is upgraded. Full-width digits, spaces and a lower-case
 * x are accepted on input.
 */
export type IdNumber = {
  /** The 18-character form, upper-case X. */
  idNumber: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'male' | 'female';
  /** Given in the 15-digit form and upgraded. */
  upgraded: boolean;
};

/** Why a value is not an ID number; each has a validation message `id_number_<problem>`. */
export type IdNumberProblem = 'format' | 'check_digit' | 'birth_date' | 'province';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province codes in use: the mainland's and 81–83 of the residence permits (HK, Macao, Taiwan). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 81, 82, 83,
]);

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/**
 * Parses and checks an ID number. `today` (`YYYY-MM-DD`, Asia/Shanghai) bounds the birth date: not
 * in the future and not before 1890.
 */
export function parseIdNumber(
  input: string,
  today: string,
): { ok: true; value: IdNumber } | { ok: false; problem: IdNumberProblem } {
  const text = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  let id: string;
  let upgraded = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    id = first17 + idNumberCheckChar(first17);
    upgraded = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id = text;
  } else {
    return { ok: false, problem: 'format' };
  }
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { ok: false, problem: 'province' };
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(y, m, d) || y < 1890 || birthDate > today) {
    return { ok: false, problem: 'birth_date' };
  }
  if (!upgraded && idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, problem: 'check_digit' };
  }
  return {
    ok: true,
    value: { idNumber: id, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', upgraded },
  };
}

/** Completed years of age on a date (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * A synthetic ID number (demo data, tests, benchmarks): an address code, a birth date, a sequence
 * whose parity gives the sex, and the right check character.
 */
export function makeIdNumber(
  addressCode: string,
  birthDate: string,
  sequence: number,
  sex: 'male' | 'female',
): string {
  const seq = sequence % 500;
  const digits = String(seq * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${addressCode}${birthDate.replace(/-/g, '')}${digits}`;
  return first17 + idNumberCheckChar(first17);
}
