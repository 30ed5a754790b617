import { sql, type SQL } from 'drizzle-orm';
import { isPinyinQuery, spellingPrefixes } from './names.ts';
import { subjects } from './tables.ts';

/**
 * How a roster page is found among millions of subjects (measured in bench/subjects.ts, plans read
 * with EXPLAIN). The page's ids come first, in pinyin order (name_pinyin, name, id); then its 20
 * rows are read by their keys, with the count in the same statement. A page walks an index that
 * yields its matches in that order and stops after its rows, instead of sorting every match:
 *
 * - no text, or one letter: the order index (name_pinyin, …), from that letter on;
 * - one or two characters: left(name, 1) or left(name, 2), then the pinyin order;
 * - letters: the initials by their first two letters (left(name_initials, 2)), and, for each way
 *   the letters can begin a pinyin spelling ("zh", "wangx" as `wang x`; none for "zs"), that
 *   stretch of the order index (whose key separates syllables) — the branches disjoint, each
 *   limited to the page, then merged; from three letters on the
 *   planner may instead sort the few matches of the initials' prefix index;
 * - three or more characters: the name index (few match), sorted.
 *
 * Each index also holds the scope's columns, so rows outside the scope are skipped in the index.
 * In a smaller scope walking the city's matches in order would read more than it keeps, so the
 * matches are gathered first (`offset 0` fences the planner off the ordered walk) and sorted: in
 * a street those of characters, looked up division by division in the scope's index (the query
 * names the scope's divisions); in a community or a visitor's list all of them. Counts stop past
 * the cap and read the scope's index or a name index, whichever the planner finds cheaper.
 */
/**
 * The branches of a search, whether their matches are gathered before sorting (`fenced`), and
 * whether the scope's divisions are to be looked up one by one (a street's or a community's search
 * by characters: the scope's index then reads just the matches; other plans walk better without).
 */
export type NamePlan = { branches: Branch[]; fenced: boolean; byDivision?: boolean };
/**
 * A branch's condition as the page's ordered walk reads it, and as its count reads it (the same
 * rows; written so that each finds its index: two letters of initials walk left(name_initials, 2)
 * for a page, and count in the initials' own prefix index).
 */
type Branch = { page: SQL; count: SQL };
const same = (condition: SQL): Branch => ({ page: condition, count: condition });

const ORDER = sql`name_pinyin, name, id`;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');
/** The first string after every string that begins with `s` (for a range on a btree). */
const after = (s: string) =>
  s.slice(0, -1) + String.fromCodePoint((s.codePointAt(s.length - 1) ?? 0) + 1);

/**
 * How wide a roster is: a district or more is walked in order; a street gathers the matches of
 * characters (division by division, from the scope's index) and walks letters; a community or a
 * visitor's list gathers everything.
 */
export type SearchScale = 'wide' | 'street' | 'small';

/** The plan of a search text over a roster of the given scale. */
export function namePlan(q: string | undefined, scale: SearchScale): NamePlan {
  const narrow = scale === 'small';
  const text = q?.normalize('NFKC').trim();
  if (!text) return { branches: [same(sql`true`)], fenced: false };
  if (isPinyinQuery(text)) {
    const letters = text.toLowerCase();
    const spelled = (prefix: string) =>
      sql`${subjects.namePinyin} >= ${prefix} and ${subjects.namePinyin} < ${after(prefix)}`;
    // One letter: the initials and the spellings that begin with it are the same people.
    if (letters.length === 1) return { branches: [same(spelled(letters))], fenced: narrow };
    const initialled = sql`${subjects.nameInitials} like ${escapeLike(letters) + '%'}`;
    const firstTwo = sql`left(${subjects.nameInitials}, 2) = ${letters.slice(0, 2)}`;
    const initials: Branch =
      letters.length === 2
        ? { page: firstTwo, count: initialled }
        : same(sql`${firstTwo} and ${initialled}`);
    // Each reading of the letters as syllables is a stretch of the order index (`xian`: `xian…`,
    // `xi an…`, `xi a n…`, `xia n…`), disjoint from each other and, by the `not`, from the initials branch,
    // so that the branches' rows add up.
    const readings = spellingPrefixes(letters).map((prefix) =>
      same(sql`${spelled(prefix)} and not (${initialled})`),
    );
    return { branches: [initials, ...readings], fenced: narrow };
  }
  const chars = [...text];
  const prefix = same(sql`${subjects.name} like ${escapeLike(text) + '%'}`);
  if (chars.length <= 2 && scale === 'wide')
    return {
      branches: [same(sql`left(${subjects.name}, ${chars.length}) = ${text}`)],
      fenced: false,
    };
  return { branches: [prefix], fenced: true, byDivision: scale !== 'wide' };
}

/** The name condition alone (an export walks its own keyset). */
export const nameCondition = (plan: NamePlan): SQL =>
  sql.join(
    plan.branches.map((b) => sql`(${b.count})`),
    sql` or `,
  );

/** One branch's first `limit` matches in pinyin order. */
function ordered(plan: NamePlan, where: SQL, branch: Branch, limit: number, offset = 0): SQL {
  const matches = sql`select ${subjects.id} as id, ${subjects.namePinyin} as name_pinyin, ${subjects.name} as name from ${subjects} where ${where} and ${branch.page}`;
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
    (b) => sql`(select 1 from ${subjects} where ${w} and ${b.count} limit ${cap + 1})`,
  );
  return sql`select count(*)::int as n from (${sql.join(heads, sql` union all `)}) t`;
}
