import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { DivisionError, type DivisionView } from './contract.ts';
import { divisions } from './tables.ts';

const view = {
  code: divisions.code,
  parentCode: divisions.parentCode,
  // Qualified by the outer table's name: drizzle leaves single-table columns unqualified.
  parentName: sql<
    string | null
  >`(select p.name from divisions p where p.code = divisions.parent_code)`,
  level: divisions.level,
  name: divisions.name,
  urbanRuralCode: divisions.urbanRuralCode,
  sortOrder: divisions.sortOrder,
  validTo: divisions.validTo,
};

/** Depth in the tree (every 12-digit code has the same length, so the code's length will not do). */
const levelDepth = sql`array_position(array['province','city','district','street','community','grid']::text[], ${divisions.level})`;

/** The actor's subtree, ordered so that a parent comes before its children. */
export async function listDivisions(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  opts: { includeInactive?: boolean; today: string; level?: DivisionView['level'] },
): Promise<DivisionView[]> {
  return db
    .select(view)
    .from(divisions)
    .where(
      and(
        scopeWhere(actor, { division: divisions.code }),
        opts.level ? eq(divisions.level, opts.level) : undefined,
        opts.includeInactive
          ? undefined
          : or(isNull(divisions.validTo), sql`${divisions.validTo} > ${opts.today}`),
      ),
    )
    .orderBy(asc(levelDepth), asc(divisions.sortOrder), asc(divisions.code));
}

/** One division inside the actor's scope, or not_found. */
export async function getDivision(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  code: string,
): Promise<DivisionView> {
  const [row] = await db
    .select(view)
    .from(divisions)
    .where(and(eq(divisions.code, code), scopeWhere(actor, { division: divisions.code })));
  if (!row) throw new AppError(DivisionError.not_found);
  return row;
}

export async function findDivision(db: Db, code: string): Promise<DivisionView | null> {
  const [row] = await db.select(view).from(divisions).where(eq(divisions.code, code));
  return row ?? null;
}

/**
 * Names of divisions change rarely and are read by every list that shows where something is: they
 * are kept in this process for a minute (this process forgets them at once when it changes one;
 * another process's change shows within the minute). Only names found are kept.
 */
const NAME_TTL_MS = 60_000;
const knownNames = new Map<string, { name: string; until: number }>();

export function forgetDivisionNames(): void {
  knownNames.clear();
}

/** Names of the given divisions, in at most one query: for other modules that show where something is. */
export async function divisionNames(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const now = Date.now();
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const code of new Set(codes)) {
    const known = knownNames.get(code);
    if (known && known.until > now) names.set(code, known.name);
    else missing.push(code);
  }
  if (missing.length === 0) return names;
  const found = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(inArray(divisions.code, missing));
  for (const d of found) {
    names.set(d.code, d.name);
    knownNames.set(d.code, { name: d.name, until: now + NAME_TTL_MS });
  }
  return names;
}

/**
 * The codes of a division and of every division under it, as a subquery for `code in (…)`: an
 * index led by the division code is then looked up division by division, exactly, instead of
 * being read through the prefix's whole range (a street's search, bench/subjects.ts).
 */
export const codesUnder = (prefix: string): SQL =>
  sql`select ${divisions.code} from ${divisions} where ${divisions.code} like ${prefix + '%'}`;
