import { and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
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
