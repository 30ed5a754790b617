import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { divisionPrefix } from '../../platform/contract/divisions.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames } from '../divisions/service.ts';
import {
  OrganisationError,
  type ListOrganisationsQuery,
  type OrganisationView,
} from './contract.ts';
import { organisations } from './tables.ts';

const columns = {
  id: organisations.id,
  kind: organisations.kind,
  name: organisations.name,
  divisionCode: organisations.divisionCode,
  disabledAt: organisations.disabledAt,
};

type Row = {
  id: string;
  kind: OrganisationView['kind'];
  name: string;
  divisionCode: string;
  disabledAt: Date | null;
};

async function toViews(db: Db, found: Row[]): Promise<OrganisationView[]> {
  const names = await divisionNames(
    db,
    found.map((o) => o.divisionCode),
  );
  return found.map(({ disabledAt, ...o }) => ({
    ...o,
    divisionName: names.get(o.divisionCode) ?? null,
    disabled: disabledAt !== null,
  }));
}

/** An organisation-bound actor sees its own organisation; others see those in their subtree. */
function organisationScope(actor: Pick<Actor, 'scope'>) {
  // Wherever the organisation sits: an org admin of a street may belong to a district-wide one.
  if (actor.scope.organisationId) return eq(organisations.id, actor.scope.organisationId);
  return scopeWhere(actor, { division: organisations.divisionCode });
}

export async function listOrganisations(
  db: Db,
  actor: Actor,
  query: z.infer<typeof ListOrganisationsQuery>,
) {
  const where = and(
    organisationScope(actor),
    query.kind ? eq(organisations.kind, query.kind) : undefined,
    query.divisionCode
      ? sql`${organisations.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
    query.q ? ilike(organisations.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select(columns)
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.divisionCode), asc(organisations.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return {
    items: await toViews(db, found),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getOrganisation(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  id: string,
): Promise<OrganisationView> {
  const [row] = await db
    .select(columns)
    .from(organisations)
    .where(and(eq(organisations.id, id), organisationScope(actor)));
  if (!row) throw new AppError(OrganisationError.not_found);
  const [view] = await toViews(db, [row]);
  return view as OrganisationView;
}

/** Unscoped lookup for other modules' invariants (e.g. a user's organisation kind). */
export async function findOrganisation(db: Db, id: string): Promise<Row | null> {
  const [row] = await db.select(columns).from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** Names of the given organisations, in one query. */
export async function organisationNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, unique));
  return new Map(found.map((o) => [o.id, o.name]));
}
