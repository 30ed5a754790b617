import { sql, type SQL, type Column } from 'drizzle-orm';
import type { Role } from '../contract/common.ts';
import { divisionPrefix, isWithinDivision } from '../contract/divisions.ts';
import type { Permission } from '../contract/permissions.ts';

/** Who is asking, built once per request from the session. */
export type Actor = {
  userId: string;
  username: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  sessionId: string;
  /** Where the request came from, for the audit log. */
  ip: string;
  requestId: string;
};

/** A division subtree (null: everywhere) and an organisation (null: any). */
export type Scope = { divisionCode: string | null; organisationId: string | null };

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The predicate that limits rows to the actor's division subtree (and organisation when given). */
export function scopeWhere(
  actor: Pick<Actor, 'scope'>,
  columns: { division: Column | SQL; organisation?: Column | SQL },
): SQL | undefined {
  const parts: SQL[] = [];
  if (actor.scope.divisionCode) {
    parts.push(sql`${columns.division} like ${divisionPrefix(actor.scope.divisionCode) + '%'}`);
  }
  if (actor.scope.organisationId && columns.organisation) {
    parts.push(sql`${columns.organisation} = ${actor.scope.organisationId}`);
  }
  if (parts.length === 0) return undefined;
  return sql.join(parts, sql` and `);
}

/** Whether a division (by code) lies inside the actor's scope. */
export function inScope(actor: Pick<Actor, 'scope'>, divisionCode: string): boolean {
  return (
    actor.scope.divisionCode === null || isWithinDivision(divisionCode, actor.scope.divisionCode)
  );
}
