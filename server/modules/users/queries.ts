import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { divisionPrefix, parentDivisionCode } from '../../platform/contract/divisions.ts';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/contract/common.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames } from '../divisions/service.ts';
import { organisationNames } from '../organisations/service.ts';
import type { UsersContext } from './context.ts';
import { UserError, type ListUsersQuery, type UserView } from './contract.ts';
import { users } from './tables.ts';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  divisionCode: users.divisionCode,
  organisationId: users.organisationId,
  phoneMasked: users.phoneMasked,
  disabledAt: users.disabledAt,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
};
type Row = Pick<typeof users.$inferSelect, keyof typeof columns>;

/** What the reads of users work with; no actor: every user (the signed-in user's own account). */
export type UserReadContext = Pick<UsersContext, 'db' | 'clock'> & {
  actor: Pick<Actor, 'scope'> | null;
};

async function toUserViews(db: Db, found: Row[], now: Date): Promise<UserView[]> {
  const [divisions, organisations] = await Promise.all([
    divisionNames(
      db,
      found.flatMap((u) => (u.divisionCode ? [u.divisionCode] : [])),
    ),
    organisationNames(
      db,
      found.flatMap((u) => (u.organisationId ? [u.organisationId] : [])),
    ),
  ]);
  return found.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    scope: {
      divisionCode: u.divisionCode,
      divisionName: u.divisionCode ? (divisions.get(u.divisionCode) ?? null) : null,
      organisationId: u.organisationId,
      organisationName: u.organisationId ? (organisations.get(u.organisationId) ?? null) : null,
    },
    phoneMasked: u.phoneMasked,
    disabled: u.disabledAt !== null,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }));
}

/** Users whose scope lies inside the actor's; an organisation-bound actor sees its organisation's. */
export function userScope(actor: Pick<Actor, 'scope'>) {
  return scopeWhere(actor, { division: users.divisionCode, organisation: users.organisationId });
}

export async function listUsers(
  { db, actor, clock }: UsersContext,
  query: z.infer<typeof ListUsersQuery>,
) {
  const now = clock.now();
  const like = query.q ? `%${query.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  const where = and(
    userScope(actor),
    query.role ? eq(users.role, query.role) : undefined,
    query.organisationId ? eq(users.organisationId, query.organisationId) : undefined,
    like ? or(ilike(users.username, like), ilike(users.displayName, like)) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return {
    items: await toUserViews(db, found, now),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(
  { db, actor, clock }: UserReadContext,
  id: string,
): Promise<UserView> {
  const now = clock.now();
  const [row] = await db
    .select(columns)
    .from(users)
    .where(and(eq(users.id, id), actor ? userScope(actor) : undefined));
  if (!row) throw new AppError(UserError.not_found);
  return (await toUserViews(db, [row], now))[0] as UserView;
}

/** Display names of the given users, in one query: for other modules that show who did something. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(found.map((u) => [u.id, u.name]));
}

/** The divisions above a division, nearest first. */
function ancestorsOf(code: string): string[] {
  const up: string[] = [];
  for (let at = parentDivisionCode(code); at; at = parentDivisionCode(at)) up.push(at);
  return up;
}

/** A visitor as others see them: to assign subjects, to show a caseload. */
export type VisitorAccount = {
  id: string;
  name: string;
  username: string;
  divisionCode: string | null;
  organisationId: string | null;
};

/**
 * The enabled visitors who work in an actor's scope: their area inside the actor's division
 * subtree, or around it (a street's visitor serves a community worker's community), and of the
 * actor's organisation when the actor is bound to one; or the one of `id`.
 */
export async function visitorsIn(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  filter: { id?: string; divisionCode?: string } = {},
): Promise<VisitorAccount[]> {
  return db
    .select({
      id: users.id,
      name: users.displayName,
      username: users.username,
      divisionCode: users.divisionCode,
      organisationId: users.organisationId,
    })
    .from(users)
    .where(
      and(
        eq(users.role, 'visitor'),
        isNull(users.disabledAt),
        filter.id ? eq(users.id, filter.id) : undefined,
        filter.divisionCode
          ? sql`${users.divisionCode} like ${divisionPrefix(filter.divisionCode) + '%'}`
          : undefined,
        actor.scope.divisionCode
          ? or(
              scopeWhere(actor, { division: users.divisionCode }),
              inArray(users.divisionCode, ancestorsOf(actor.scope.divisionCode)),
            )
          : undefined,
        actor.scope.organisationId
          ? eq(users.organisationId, actor.scope.organisationId)
          : undefined,
      ),
    )
    .orderBy(users.displayName);
}
