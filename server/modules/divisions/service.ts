import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { inScope, type Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { divisionLevel, parentDivisionCode } from '../../platform/contract/divisions.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { DivisionsContext } from './context.ts';
import {
  DivisionError,
  type CreateDivisionBody,
  type DivisionView,
  type UpdateDivisionBody,
} from './contract.ts';
import { findDivision, forgetDivisionNames, getDivision } from './queries.ts';
import { divisions } from './tables.ts';

const isActive = (d: Pick<DivisionView, 'validTo'>, today: string) =>
  d.validTo === null || d.validTo > today;

/**
 * Adds a division under the parent its code implies (and, when the caller names the parent, only
 * under that one); the parent must be active and inside the actor's scope.
 */
export async function createDivision(
  { db, actor, clock }: DivisionsContext,
  input: z.infer<typeof CreateDivisionBody>,
): Promise<DivisionView> {
  const today = shanghaiDate(clock.now());
  const parentCode = parentDivisionCode(input.code);
  if (parentCode === null) return createRootDivision(db, actor, input);
  if (!inScope(actor, parentCode) || input.code === actor.scope.divisionCode) {
    throw new AppError(DivisionError.not_found);
  }
  const parent = await findDivision(db, parentCode);
  if (!parent || (input.parentCode !== undefined && input.parentCode !== parentCode)) {
    throw new AppError(DivisionError.parent_mismatch, {
      params: { code: input.code, parentCode: input.parentCode ?? parentCode },
      fields: [{ field: 'code', code: DivisionError.parent_mismatch }],
    });
  }
  if (!isActive(parent, today)) {
    throw new AppError(DivisionError.parent_inactive, { params: { parentCode } });
  }
  return insertDivision(db, actor, input, parentCode);
}

async function insertDivision(
  db: Db,
  actor: Actor,
  input: z.infer<typeof CreateDivisionBody>,
  parentCode: string | null,
): Promise<DivisionView> {
  const { parentCode: _named, ...values } = input;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(divisions)
      .values({
        code: input.code,
        parentCode,
        level: divisionLevel(input.code),
        name: input.name,
        urbanRuralCode: input.urbanRuralCode ?? null,
        sortOrder: input.sortOrder ?? 0,
      })
      .onConflictDoNothing()
      .returning({ code: divisions.code });
    if (inserted.length === 0)
      throw new AppError(DivisionError.code_taken, { params: { code: input.code } });
    await audit(tx, actor, {
      action: 'division.create',
      entity: 'division',
      entityId: input.code,
      detail: { ...values },
    });
    return getDivision(tx, actor, input.code);
  });
}

/** A province has no parent: only an administrator without a division scope adds one. */
async function createRootDivision(
  db: Db,
  actor: Actor,
  input: z.infer<typeof CreateDivisionBody>,
): Promise<DivisionView> {
  if (actor.scope.divisionCode !== null || input.parentCode !== undefined) {
    throw new AppError(DivisionError.not_found);
  }
  return insertDivision(db, actor, input, null);
}

export async function updateDivision(
  { db, actor }: DivisionsContext,
  { code, changes: input }: { code: string; changes: z.infer<typeof UpdateDivisionBody> },
): Promise<DivisionView> {
  // The root of one's own scope is changed by those above it (a district by the city's administrator).
  if (code === actor.scope.divisionCode) throw new AppError(DivisionError.own_root);
  // Names read while the change was being made (committed or not) are not kept.
  try {
    return await db.transaction(async (tx) => {
      const before = await getDivision(tx, actor, code);
      if (input.validTo) {
        // A division ends only after its children: none may outlive it.
        const [child] = await tx
          .select({ code: divisions.code })
          .from(divisions)
          .where(
            and(
              eq(divisions.parentCode, code),
              or(isNull(divisions.validTo), gt(divisions.validTo, input.validTo)),
            ),
          )
          .limit(1);
        if (child) throw new AppError(DivisionError.has_children);
      }
      await tx
        .update(divisions)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(divisions.code, code));
      await audit(tx, actor, {
        action: 'division.update',
        entity: 'division',
        entityId: code,
        detail: { before: pick(before, Object.keys(input)), after: input },
      });
      return getDivision(tx, actor, code);
    });
  } finally {
    forgetDivisionNames();
  }
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

/** What other modules may call: lookups that answer per code, in one query. */
export { codesUnder, divisionNames, findDivision, listDivisions } from './queries.ts';
