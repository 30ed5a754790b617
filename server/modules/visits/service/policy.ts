import { isDeepStrictEqual } from 'node:util';
import { asc, desc, gt, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rows, type Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { userNames } from '../../users/service.ts';
import { VisitError, type SaveVisitPolicyBody, type VisitPolicyRules } from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { refreshDues } from '../dues.ts';
import { defaultVisitPolicy } from '../policy.ts';
import { visitPolicies } from '../tables.ts';

type PolicyRow = typeof visitPolicies.$inferSelect;

async function views(db: Db, found: PolicyRow[]) {
  const names = await userNames(
    db,
    found.flatMap((p) => (p.savedBy ? [p.savedBy] : [])),
  );
  return found.map((p) => ({
    version: p.version,
    effectiveFrom: p.effectiveFrom,
    isDefault: p.isDefault,
    savedAt: p.savedAt.toISOString(),
    savedBy: p.savedBy ? (names.get(p.savedBy) ?? null) : null,
    rules: p.rules,
  }));
}

const defaults = {
  version: null,
  effectiveFrom: null,
  isDefault: true,
  savedAt: null,
  savedBy: null,
  rules: defaultVisitPolicy,
};

/** GET /api/visit-policy: the version in force today and those saved for later days. */
export async function getPolicy(c: Pick<VisitsContext, 'db' | 'today'>) {
  const [current] = await c.db
    .select()
    .from(visitPolicies)
    .where(lte(visitPolicies.effectiveFrom, c.today))
    .orderBy(desc(visitPolicies.version))
    .limit(1);
  const later = await c.db
    .select()
    .from(visitPolicies)
    .where(gt(visitPolicies.effectiveFrom, c.today))
    .orderBy(asc(visitPolicies.effectiveFrom), asc(visitPolicies.version));
  const [currentView] = current ? await views(c.db, [current]) : [defaults];
  return { current: currentView ?? defaults, scheduled: await views(c.db, later) };
}

/**
 * PUT /api/visit-policy: a new version from `effectiveFrom` (today or later). From today: the due
 * visits of the current periods are recomputed in the same transaction; from a later day, the
 * daily job does it on that day. What was due before is never rewritten.
 */
export async function savePolicy(c: VisitsContext, body: z.infer<typeof SaveVisitPolicyBody>) {
  if (body.effectiveFrom < c.today)
    throw new AppError(VisitError.policy_in_past, {
      fields: [{ field: 'effectiveFrom', code: VisitError.policy_in_past }],
    });
  await c.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727400)`);
    const [latest] = await rows<{ version: number }>(
      tx,
      sql`select version from visit_policies order by version desc limit 1`,
    );
    const version = latest?.version ?? null;
    if (body.baseVersion !== version)
      throw new AppError(VisitError.policy_changed, {
        params: { version: version ?? 0 },
        fields: [{ field: 'baseVersion', code: VisitError.policy_changed }],
      });
    const rules: VisitPolicyRules = body.rules;
    const [saved] = await tx
      .insert(visitPolicies)
      .values({
        effectiveFrom: body.effectiveFrom,
        isDefault: isDeepStrictEqual(rules, defaultVisitPolicy),
        rules,
        savedBy: c.actor.userId,
        savedAt: c.now,
      })
      .returning();
    if (!saved) throw new Error('the policy was not saved');
    const refreshed =
      body.effectiveFrom === c.today ? await refreshDues(tx, c.now) : { subjects: 0, rows: 0 };
    await audit(tx, c.actor, {
      action: 'visit.policy',
      entity: 'visit_policy',
      entityId: saved.id,
      detail: {
        version: saved.version,
        previousVersion: version,
        effectiveFrom: body.effectiveFrom,
        subjects: refreshed.subjects,
      },
    });
  });
  return getPolicy(c);
}
