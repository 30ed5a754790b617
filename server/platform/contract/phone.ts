/**
 * Phone numbers (domain-rules §5.2): a mobile is 11 digits starting 1[3-9], with an optional
 * +86/0086/86 prefix; a landline is an area code (0 + 2–3 digits) and a 7–8 digit number, with an
 * optional extension. Separators (spaces, '-', '/', brackets) and full-width digits are accepted.
 */
export type PhoneNumber = { number: string; type: 'mobile' | 'landline' };

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
  if (/^0\d{2,3}\d{7,8}$/.test(landline) && landline.length <= 12) {
    const area = /^0(?:10|2\d)/.test(landline) ? landline.slice(0, 3) : landline.slice(0, 4);
    return { number: `${area}-${landline.slice(area.length)}${ext}`, type: 'landline' };
  }
  if (/^\d{7,8}$/.test(digits))
    return { number: `${defaultAreaCode}-${digits}${ext}`, type: 'landline' };
  return null;
}
