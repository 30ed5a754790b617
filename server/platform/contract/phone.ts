import { z } from 'zod';
import { defineValidationMessages } from './fields.ts';

/**
 * Phone numbers (domain-rules §5.2), the one validator of every phone field (a form's, a roster
 * template's column, a department file's): a mobile is 11 digits starting 1[3-9], with an optional
 * +86/0086/86 prefix; a landline is an area code (010 or 02x followed by an 8-digit number; any
 * other 0xxx followed by 7 or 8 digits) with an optional extension, or a bare 8-digit number in the
 * default area (Shenyang's numbers have 8 digits). A local number never starts with 0 or 1 (those
 * are trunk and service prefixes), so a mistyped mobile such as 1384005 is refused, not read as a
 * landline. Separators (spaces, '-', '/', brackets) and full-width digits are accepted.
 */
export type PhoneNumber = { number: string; type: 'mobile' | 'landline' };

const LOCAL = /^[2-9]\d{6,7}$/;

export function normalisePhone(input: string, defaultAreaCode = '024'): PhoneNumber | null {
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/[\s\-/()（）]/g, '');
  const [main = '', extension] = text.split(/(?:转|ext\.?|x|#)/i);
  const digits = main.replace(/^(?:\+|00)?86(?=1[3-9]\d{9}$)/, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return extension ? null : { number: digits, type: 'mobile' };
  const ext = extension && /^\d{1,6}$/.test(extension) ? `-${extension}` : extension ? null : '';
  if (ext === null) return null;
  const landline = digits.replace(/^(?:\+|00)86/, '0');
  if (/^0/.test(landline)) {
    const area = /^0(?:10|2\d)/.test(landline) ? landline.slice(0, 3) : landline.slice(0, 4);
    const local = landline.slice(area.length);
    const fits = area.length === 3 ? local.length === 8 : local.length >= 7;
    return fits && LOCAL.test(local)
      ? { number: `${area}-${local}${ext}`, type: 'landline' }
      : null;
  }
  if (/^\d{8}$/.test(digits) && LOCAL.test(digits))
    return { number: `${defaultAreaCode}-${digits}${ext}`, type: 'landline' };
  return null;
}

defineValidationMessages({
  phone_invalid: {
    'zh-CN': '手机号应为11位，固定电话应含区号（如 024-12345678）',
    'en-US': 'a mobile has 11 digits; a landline needs its area code (024-12345678)',
  },
});

/**
 * A phone field of a request body: read by normalisePhone and answered in its stored form
 * (`13800138000`, `024-88886666-12`). Every body field named like a phone uses it
 * (server/test/phone-fields.test.ts walks the contracts).
 */
export const PhoneInput = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const parsed = normalisePhone(value);
    if (parsed) return parsed.number;
    ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
    return z.NEVER;
  });
