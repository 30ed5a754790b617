import { sql, type SQL } from 'drizzle-orm';
import { divisionLevel } from '../../platform/contract/divisions.ts';
import { isPinyinQuery } from './names.ts';
import { subjects } from './tables.ts';

/**
 * How a roster page is found among millions of subjects (measured in bench/subjects.ts, plans read
 * with EXPLAIN): the ids of the page come first, in pinyin order, from a plan chosen by what the
 * search text is; then the 20 rows are read by their keys.
 *
 * - no text: the order index (name_pinyin, name, id) walks in order and stops at the page;
 * - one Chinese character, over a district or more: left(name, 1) with its ordered index;
 * - characters, or pinyin: the matches come from the name, initials and pinyin indexes (each
 *   covering the scope's columns); `offset 0` keeps the planner from walking the order index
 *   instead, and pinyin is the union of its initials and full-pinyin branches.
 */
export type NamePlan = { branches: SQL[]; fenced: boolean };

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export function namePlan(q: string | undefined, scopeDivision: string | null): NamePlan {
  const text = q?.normalize('NFKC').trim();
  if (!text) return { branches: [sql`true`], fenced: false };
  if (isPinyinQuery(text)) {
    const prefix = escapeLike(text.toLowerCase()) + '%';
    return {
      branches: [
        sql`${subjects.nameInitials} like ${prefix}`,
        sql`${subjects.namePinyin} like ${prefix}`,
      ],
      fenced: true,
    };
  }
  const prefix = escapeLike(text) + '%';
  const wide =
    !scopeDivision || ['province', 'city', 'district'].includes(divisionLevel(scopeDivision));
  if ([...text].length === 1 && wide)
    return {
      branches: [sql`left(${subjects.name}, 1) = ${text} and ${subjects.name} like ${prefix}`],
      fenced: false,
    };
  return { branches: [sql`${subjects.name} like ${prefix}`], fenced: true };
}

/** The name condition alone (an export walks its own keyset). */
export const nameCondition = (plan: NamePlan): SQL =>
  sql.join(
    plan.branches.map((b) => sql`(${b})`),
    sql` or `,
  );

const ORDER = sql`name_pinyin, name, id`;

function matches(plan: NamePlan, where: SQL | undefined): SQL {
  const w = where ?? sql`true`;
  const branch = (b: SQL) =>
    sql`select ${subjects.id} as id, ${subjects.namePinyin} as name_pinyin, ${subjects.name} as name from ${subjects} where ${w} and ${b}`;
  return sql.join(plan.branches.map(branch), sql` union `);
}

/** The ids of one page, in pinyin order. */
export function pageIds(
  plan: NamePlan,
  where: SQL | undefined,
  limit: number,
  offset: number,
): SQL {
  if (!plan.fenced && plan.branches.length === 1)
    return sql`select id from (${matches(plan, where)} order by ${ORDER} limit ${limit} offset ${offset}) p`;
  return sql`select id from (select * from (${matches(plan, where)}) m offset 0) f order by ${ORDER} limit ${limit} offset ${offset}`;
}

/** How many match, counted up to `cap + 1`. */
export function cappedCount(plan: NamePlan, where: SQL | undefined, cap: number): SQL {
  return sql`select count(*)::int as n from (select 1 from (${matches(plan, where)}) m limit ${cap + 1}) t`;
}
