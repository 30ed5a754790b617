import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The holidays and make-up working days of a year as the package `chinese-days` has them (its
 * dist/years/<year>.json): where the seeded calendar comes from, read again by the test that checks
 * the seed. Only 2025 and 2026 are seeded, checked against the State Council notices.
 */
export type SeedDay = { date: string; kind: 'holiday' | 'workday'; name: string };

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('chinese-days/package.json'));

export const chineseDaysVersion = (
  JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }
).version;

type YearFile = { holidays: Record<string, string>; workdays: Record<string, string> };

/** "Spring Festival,春节,4" → 春节. */
const chineseName = (value: string) => value.split(',')[1] ?? value;

export function chineseDaysOf(year: number): SeedDay[] {
  const file = path.join(packageDir, 'dist', 'years', `${year}.json`);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as YearFile;
  const days: SeedDay[] = [
    ...Object.entries(data.holidays).map(([date, v]) => ({
      date,
      kind: 'holiday' as const,
      name: chineseName(v),
    })),
    ...Object.entries(data.workdays).map(([date, v]) => ({
      date,
      kind: 'workday' as const,
      name: chineseName(v),
    })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
