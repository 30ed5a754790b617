import { shanghaiMidnight } from '../../platform/calendar/deadlines.ts';
import type { CareLevel, SubjectKind } from '../subjects/contract.ts';
import type {
  DuePeriod,
  DueSource,
  VisitKind,
  VisitPolicyRules,
  VisitRequirement,
} from './contract.ts';

/**
 * The visit policy's pure part: the defaults of the notice, the periods in Asia/Shanghai, what a
 * subject owes in the period of a day, and whether visits meet it.
 */

/** The defaults: special a home visit a week; key a month; regular a quarter plus a phone call a month. */
export const defaultVisitPolicy: VisitPolicyRules = {
  special: [{ period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 }],
  key: [{ period: 'month', visits: 1, kinds: ['home'], homeVisits: 1 }],
  regular: [
    { period: 'quarter', visits: 1, kinds: ['home'], homeVisits: 1 },
    { period: 'month', visits: 1, kinds: ['phone', 'video'], homeVisits: 0 },
  ],
  disabledElder: [{ period: 'month', visits: 1, kinds: ['home'], homeVisits: 1 }],
  triggerHours: 24,
  escalation: { community: 0, street: 2, district: 5 },
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => {
  const at = new Date(Date.UTC(y, m - 1, d));
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
};

/** The first day of the period holding `day` and the first day of the next one (YYYY-MM-DD). */
export function periodDays(period: DuePeriod, day: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (period === 'week') {
    const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
    return { start: ymd(y, m, d - weekday), end: ymd(y, m, d - weekday + 7) };
  }
  const months = period === 'month' ? 1 : 3;
  const first = period === 'month' ? m : m - ((m - 1) % 3);
  return { start: ymd(y, first, 1), end: ymd(y, first + months, 1) };
}

/**
 * The period holding `day` as moments: from its first midnight to the next period's; cut to `days`
 * (from the first's midnight to the midnight after the last) when given.
 */
export function periodWindow(
  period: DuePeriod,
  day: string,
  days?: { from: string; to: string },
): { start: Date; end: Date } {
  const { start, end } = periodDays(period, day);
  const window = { start: shanghaiMidnight(start), end: shanghaiMidnight(end) };
  if (days) {
    window.start = Math.max(window.start, shanghaiMidnight(days.from));
    window.end = Math.min(window.end, shanghaiMidnight(days.to) + 24 * 3600_000);
  }
  return { start: new Date(window.start), end: new Date(window.end) };
}

const periodLength: Record<DuePeriod, number> = { week: 7, month: 28, quarter: 90 };

/**
 * What a subject in care owes: its level's requirements, the floor unless they imply it, and what
 * its household's plan or a campaign adds (a campaign's periods cut to its days, `days`).
 */
export type Owed = VisitRequirement & {
  source: DueSource;
  requirement: string;
  days?: { from: string; to: string };
};

/** A requirement beyond the policy: the household's plan, or a campaign over the subject's area. */
export type ExtraRequirement = Owed & { source: 'plan' | 'campaign' };

export function requirementsOf(
  rules: VisitPolicyRules,
  subject: { careLevel: CareLevel; kind: SubjectKind; disabled: boolean },
  extras: readonly ExtraRequirement[] = [],
): Owed[] {
  return [...policyRequirements(rules, subject), ...extras];
}

function policyRequirements(
  rules: VisitPolicyRules,
  subject: { careLevel: CareLevel; kind: SubjectKind; disabled: boolean },
): Owed[] {
  const level = rules[subject.careLevel].map((r, i) => ({
    ...r,
    source: 'level' as const,
    requirement: `level:${subject.careLevel}:${i}`,
  }));
  if (subject.kind !== 'elder' || !subject.disabled) return level;
  // every period of a requirement at least as frequent lies within the floor's (a month holds a
  // whole week), so a level requirement with as many home visits meets the floor by itself
  const floor = rules.disabledElder.filter(
    (f) =>
      !level.some(
        (r) => periodLength[r.period] <= periodLength[f.period] && r.homeVisits >= f.homeVisits,
      ),
  );
  return [
    ...level,
    ...floor.map((r, i) => ({ ...r, source: 'floor' as const, requirement: `floor:${i}` })),
  ];
}

/** Whether visits that were met meet a requirement: a home visit counts for every kind. */
export function counts(kinds: readonly VisitKind[], kind: VisitKind): boolean {
  return kind === 'home' || kinds.includes(kind);
}

export function isMet(
  due: { required: number; requiredHome: number },
  done: { done: number; doneHome: number },
) {
  return done.done >= due.required && done.doneHome >= due.requiredHome;
}
