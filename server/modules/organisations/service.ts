import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { findDivision } from '../divisions/service.ts';
import {
  OrganisationError,
  type CreateOrganisationBody,
  type OrganisationView,
  type UpdateOrganisationBody,
} from './contract.ts';
import type { OrganisationsContext } from './context.ts';
import { getOrganisation } from './queries.ts';
import { organisations } from './tables.ts';

export async function createOrganisation(
  { db, actor }: OrganisationsContext,
  input: z.infer<typeof CreateOrganisationBody>,
): Promise<OrganisationView> {
  if (!inScope(actor, input.divisionCode) || !(await findDivision(db, input.divisionCode))) {
    throw new AppError(OrganisationError.division_not_found, {
      params: { divisionCode: input.divisionCode },
      fields: [{ field: 'divisionCode', code: OrganisationError.division_not_found }],
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(organisations).values(input).returning({ id: organisations.id });
    const id = (row as { id: string }).id;
    await audit(tx, actor, {
      action: 'organisation.create',
      entity: 'organisation',
      entityId: id,
      detail: { ...input },
    });
    return getOrganisation(tx, actor, id);
  });
}

export async function updateOrganisation(
  { db, actor }: OrganisationsContext,
  { id, changes: input }: { id: string; changes: z.infer<typeof UpdateOrganisationBody> },
): Promise<OrganisationView> {
  return db.transaction(async (tx) => {
    const before = await getOrganisation(tx, actor, id);
    await tx
      .update(organisations)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? sql`now()` : null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(organisations.id, id));
    await audit(tx, actor, {
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      detail: { before: { name: before.name, disabled: before.disabled }, after: input },
    });
    return getOrganisation(tx, actor, id);
  });
}

export { findOrganisation, organisationNames } from './queries.ts';
