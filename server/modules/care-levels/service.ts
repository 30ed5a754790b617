import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { SubjectError } from '../subjects/contract.ts';
import { careLevelFloor, classificationRows } from '../subjects/service.ts';
import { CareLevelError, type CareLevelRuleView } from './contract.ts';
import { defaultCareLevelRules, suggestCareLevel, type CareLevelRule } from './rules.ts';
import { careLevelRules } from './tables.ts';

export type CareLevelCtx = { db: Db; now: Date; today: string };

/** The rules in force today, and since when (null: the defaults, never changed). */
export async function currentRules(db: Db, today: string) {
  const rows = await db
    .select()
    .from(careLevelRules)
    .where(
      and(
        lte(careLevelRules.effectiveFrom, today),
        or(isNull(careLevelRules.effectiveTo), sql`${careLevelRules.effectiveTo} > ${today}`),
      ),
    )
    .orderBy(asc(careLevelRules.sortOrder));
  if (rows.length === 0) return { effectiveFrom: null, rules: defaultCareLevelRules };
  return {
    effectiveFrom: rows[0]?.effectiveFrom ?? null,
    rules: rows.map((r): CareLevelRule => ({
      level: r.level,
      kind: r.kind,
      minAge: r.minAge,
      categoriesAll: r.categoriesAll,
      categoriesAny: r.categoriesAny,
      reason: r.reason,
    })),
  };
}

/** Replaces the rules from today on; the set in force until now keeps its history. */
export async function replaceRules(
  c: CareLevelCtx,
  actor: Actor,
  rules: z.infer<typeof CareLevelRuleView>[],
) {
  rules.forEach((r, i) => {
    if (
      !r.kind &&
      r.minAge === null &&
      r.categoriesAll.length === 0 &&
      r.categoriesAny.length === 0
    )
      throw new AppError(CareLevelError.rules_conflict, {
        params: { index: i + 1 },
        fields: [{ field: `rules.${i}`, code: CareLevelError.rules_conflict }],
      });
  });
  await c.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727300)`);
    await tx.delete(careLevelRules).where(eq(careLevelRules.effectiveFrom, c.today));
    await tx
      .update(careLevelRules)
      .set({ effectiveTo: c.today })
      .where(isNull(careLevelRules.effectiveTo));
    const next = rules.length > 0 ? rules : defaultCareLevelRules;
    await tx.insert(careLevelRules).values(
      next.map((r, i) => ({
        ...r,
        sortOrder: i,
        effectiveFrom: c.today,
        createdBy: actor.userId,
      })),
    );
    await audit(tx, actor, {
      action: 'care_level.rules',
      entity: 'care_level_rules',
      detail: { rules: next.length, effectiveFrom: c.today },
    });
  });
  return currentRules(c.db, c.today);
}

/** The level the rules in force suggest for one subject of the actor's scope. */
export async function suggestionFor(c: CareLevelCtx, actor: Actor, subjectId: string) {
  const [subject] = await classificationRows(c.db, actor, c.today, { subjectId });
  if (!subject) throw new AppError(SubjectError.not_found);
  const { rules } = await currentRules(c.db, c.today);
  const suggestion = suggestCareLevel(
    rules,
    subject,
    careLevelFloor(subject.kind, subject.categories),
  );
  return { ...suggestion, current: subject.careLevel };
}

export { classificationReport } from './report.ts';
export { suggestCareLevel } from './rules.ts';
