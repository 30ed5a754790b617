import { sql, type SQL } from 'drizzle-orm';
import { isPinyinPrefix, isPinyinQuery } from './names.ts';
import { subjects } from './tables.ts';

/**
 * How a roster page is found among millions of subjects (measured in bench/subjects.ts, plans read
 * with EXPLAIN). The page's ids come first, in pinyin order (name_pinyin, name, id); then its 20
 * rows are read by their keys. Each way of matching a name has an index that yields the matches in
 * that order, so a page stops after its rows instead of sorting every match:
 *
 * - no text, or one letter: the order index (name_pinyin, …), from that letter on;
 * - one or two characters: left(name, 1) or left(name, 2), then the pinyin order;
 * - two or more letters: the initials by their first two letters (left(name_initials, 2)), and, if
 *   the letters can begin a pinyin spelling ("zh", "wangx"), that stretch of the order index;
 * - three or more characters: the name index (few match), sorted.
 *
 * Each index also holds the scope's columns, so the rows outside the scope are skipped in the
 * index. In a small scope (a community, a visitor's subjects) walking the city's matches in order
 * would read more than it keeps: the matches are gathered first (`offset 0` fences the planner off
 * the ordered walk) and sorted.
 */
export type NamePlan = { branches: SQL[]; fenced: boolean };

const ORDER = sql`name_pinyin, name, id`;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** The first string after every string that begins with `s` (for a range on a btree). */
const after = (s: string) =>
  s.slice(0, -1) + String.fromCodePoint((s.codePointAt(s.length - 1) ?? 0) + 1);

/** The plan of a search text; `narrow` for a scope of a community or less. */
export function namePlan(q: string | undefined, narrow: boolean): NamePlan {
  const text = q?.normalize('NFKC').trim();
  if (!text) return { branches: [sql`true`], fenced: false };
  if (isPinyinQuery(text)) {
    const letters = text.toLowerCase();
    const pinyinRange = sql`${subjects.namePinyin} >= ${letters} and ${subjects.namePinyin} < ${after(letters)}`;
    // One letter: the initials and the spellings that begin with it are the same people.
    if (letters.length === 1) return { branches: [pinyinRange], fenced: narrow };
    const initials = sql`left(${subjects.nameInitials}, 2) = ${letters.slice(0, 2)} and ${subjects.nameInitials} like ${escapeLike(letters) + '%'}`;
    const byInitials = letters.length <= 4 || !isPinyinPrefix(letters);
    const bySpelling = isPinyinPrefix(letters);
    const branches = [
      ...(byInitials ? [initials] : []),
      // Disjoint from the initials branch, so that the branches' rows add up.
      ...(bySpelling ? [byInitials ? sql`${pinyinRange} and not (${initials})` : pinyinRange] : []),
    ];
    return { branches, fenced: narrow };
  }
  const chars = [...text];
  if (chars.length <= 2)
    return { branches: [sql`left(${subjects.name}, ${chars.length}) = ${text}`], fenced: narrow };
  return { branches: [sql`${subjects.name} like ${escapeLike(text) + '%'}`], fenced: true };
}

/** The name condition alone (an export walks its own keyset). */
export const nameCondition = (plan: NamePlan): SQL =>
  sql.join(
    plan.branches.map((b) => sql`(${b})`),
    sql` or `,
  );

/** One branch's first `limit` matches in pinyin order. */
function ordered(plan: NamePlan, where: SQL, branch: SQL, limit: number, offset = 0): SQL {
  const matches = sql`select ${subjects.id} as id, ${subjects.namePinyin} as name_pinyin, ${subjects.name} as name from ${subjects} where ${where} and ${branch}`;
  const source = plan.fenced ? sql`(${matches} offset 0) f` : sql`(${matches}) m`;
  return sql`select * from ${source} order by ${ORDER} limit ${limit} offset ${offset}`;
}

/** The ids of one page, in pinyin order. */
export function pageIds(
  plan: NamePlan,
  where: SQL | undefined,
  limit: number,
  offset: number,
): SQL {
  const w = where ?? sql`true`;
  const [only] = plan.branches;
  if (plan.branches.length === 1 && only)
    return sql`select id from (${ordered(plan, w, only, limit, offset)}) p`;
  // The page of the union is within the first offset + limit rows of each branch.
  const heads = plan.branches.map((b) => sql`(${ordered(plan, w, b, offset + limit)})`);
  return sql`select id from (${sql.join(heads, sql` union all `)}) u order by ${ORDER} limit ${limit} offset ${offset}`;
}

/** How many match, counted up to `cap + 1` in each branch (a total above `cap` means more). */
export function cappedCount(plan: NamePlan, where: SQL | undefined, cap: number): SQL {
  const w = where ?? sql`true`;
  const heads = plan.branches.map(
    (b) => sql`(select 1 from ${subjects} where ${w} and ${b} limit ${cap + 1})`,
  );
  return sql`select count(*)::int as n from (${sql.join(heads, sql` union all `)}) t`;
}
