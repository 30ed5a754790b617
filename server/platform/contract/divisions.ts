/**
 * Division codes (statistical division codes, 12 digits, a grid adds 3): the level is read from the
 * code, and a subtree is everything whose code starts with the significant prefix.
 */
export const divisionLevels = [
  'province',
  'city',
  'district',
  'street',
  'community',
  'grid',
] as const;
export type DivisionLevel = (typeof divisionLevels)[number];

/** Level names for messages composed on the server (the web has its own in its locale files). */
export const divisionLevelNames: Record<DivisionLevel, { 'zh-CN': string; 'en-US': string }> = {
  province: { 'zh-CN': '省', 'en-US': 'province' },
  city: { 'zh-CN': '市', 'en-US': 'city' },
  district: { 'zh-CN': '区县', 'en-US': 'district' },
  street: { 'zh-CN': '街道', 'en-US': 'street' },
  community: { 'zh-CN': '社区', 'en-US': 'community' },
  grid: { 'zh-CN': '网格', 'en-US': 'grid' },
};

export function divisionLevel(code: string): DivisionLevel {
  if (code.length === 15) return 'grid';
  if (code.slice(9, 12) !== '000') return 'community';
  if (code.slice(6, 9) !== '000') return 'street';
  if (code.slice(4, 6) !== '00') return 'district';
  if (code.slice(2, 4) !== '00') return 'city';
  return 'province';
}

const prefixLength: Record<DivisionLevel, number> = {
  province: 2,
  city: 4,
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

/** The significant digits of a code: every division in its subtree starts with them. */
export function divisionPrefix(code: string): string {
  return code.slice(0, prefixLength[divisionLevel(code)]);
}

export function isWithinDivision(code: string, ancestor: string): boolean {
  return code.startsWith(divisionPrefix(ancestor));
}

/** The code of the parent division, or null for a province. */
export function parentDivisionCode(code: string): string | null {
  const level = divisionLevel(code);
  switch (level) {
    case 'province':
      return null;
    case 'grid':
      return code.slice(0, 12);
    default: {
      const keep = prefixLength[divisionLevels[divisionLevels.indexOf(level) - 1] ?? 'province'];
      return code.slice(0, keep).padEnd(12, '0');
    }
  }
}
