import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { shanghaiMidnight } from '../../../platform/calendar/deadlines.ts';
import { divisionLevel, divisionPrefix } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { inScope } from '../../../platform/access/actor.ts';
import { divisionNames } from '../../divisions/service.ts';
import { careLevels, type CareLevel } from '../../subjects/contract.ts';
import { inCareDuring } from '../../subjects/service.ts';
import { VisitError, type VisitRateQuery } from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { periodDays } from '../policy.ts';
import { visitMonths } from '../tables.ts';

/** How many digits name a division one level below `code` (a district's streets: 9). */
function childDigits(code: string | null): number {
  if (!code) return 6;
  const level = divisionLevel(code);
  return level === 'province' ? 4 : level === 'city' ? 6 : level === 'district' ? 9 : 12;
}

type Tally = { covered: number; visited: number; homeVisited: number };
const empty = (): Tally => ({ covered: 0, visited: 0, homeVisited: 0 });
const rate = (t: Tally) => (t.covered === 0 ? null : t.visited / t.covered);

/**
 * GET /api/visits/rate: the monthly visit rate (domain-rules §1.3) of a month, per division one
 * level below the one asked for (a district's streets) and per care level: subjects in care at
 * some time of the month (on the roster, consent given, not gone before it began), how many had
 * a visit that was met in the month, how many at home, and the rate against the 100 % target.
 */
export async function visitRate(c: VisitsContext, query: z.infer<typeof VisitRateQuery>) {
  const month = query.month ?? c.today.slice(0, 7);
  const code = query.divisionCode ?? c.actor.scope.divisionCode;
  if (code && !inScope(c.actor, code)) throw new AppError(VisitError.division_not_found);
  const { start, end } = periodDays('month', `${month}-01`);
  const window = { start: new Date(shanghaiMidnight(start)), end: new Date(shanghaiMidnight(end)) };
  const [covered, met] = await Promise.all([
    inCareDuring(c.db, { ...window, divisionCode: code }),
    // the month's rollup (a row per subject visited), kept by the writes that record visits
    c.db
      .select({ subjectId: visitMonths.subjectId, home: visitMonths.home })
      .from(visitMonths)
      .where(
        and(
          eq(visitMonths.month, month),
          code ? sql`${visitMonths.divisionCode} like ${divisionPrefix(code) + '%'}` : undefined,
        ),
      ),
  ]);
  const visitedHome = new Map(met.map((m) => [m.subjectId, m.home]));
  const digits = childDigits(code);
  const byDivision = new Map<string, Record<CareLevel, Tally>>();
  const totals = { special: empty(), key: empty(), regular: empty() } as Record<CareLevel, Tally>;
  for (const s of covered) {
    const key = s.divisionCode.slice(0, digits).padEnd(12, '0');
    const row =
      byDivision.get(key) ??
      (byDivision.set(key, { special: empty(), key: empty(), regular: empty() }).get(key) as Record<
        CareLevel,
        Tally
      >);
    for (const t of [row[s.careLevel], totals[s.careLevel]]) {
      t.covered += 1;
      if (visitedHome.has(s.id)) t.visited += 1;
      if (visitedHome.get(s.id)) t.homeVisited += 1;
    }
  }
  const names = await divisionNames(c.db, [...byDivision.keys()]);
  const sum = (levels: Record<CareLevel, Tally>) =>
    careLevels.reduce(
      (all, l) => ({
        covered: all.covered + levels[l].covered,
        visited: all.visited + levels[l].visited,
        homeVisited: all.homeVisited + levels[l].homeVisited,
      }),
      empty(),
    );
  const withRate = (t: Tally) => ({ ...t, rate: rate(t) });
  const levelsOf = (levels: Record<CareLevel, Tally>) =>
    Object.fromEntries(careLevels.map((l) => [l, withRate(levels[l])])) as Record<
      CareLevel,
      ReturnType<typeof withRate>
    >;
  return {
    month,
    divisionCode: code,
    rows: [...byDivision.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([divisionCode, levels]) => ({
        divisionCode,
        divisionName: names.get(divisionCode) ?? null,
        levels: levelsOf(levels),
        all: withRate(sum(levels)),
      })),
    totals: { levels: levelsOf(totals), all: withRate(sum(totals)) },
  };
}
