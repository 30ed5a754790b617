import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { SubjectError } from '../subjects/contract.ts';
import { careLevelFloor, classificationRows } from '../subjects/service.ts';
import {
  CareLevelError,
  careLevelReasonNames,
  type CareLevelRuleInput,
  type ReplaceCareLevelRulesBody,
} from './contract.ts';
import type { CareLevelsContext } from './context.ts';
import { currentRules, listRules, reasonText, ruleSetInForce } from './queries.ts';
import {
  defaultCareLevelRules,
  isDefaultSet,
  suggestCareLevel,
  type CareLevelRule,
} from './rules.ts';
import { careLevelRules, careLevelRuleSets } from './tables.ts';

/**
 * A rule as it is kept: the defaults' reason code stays when the reason is that code's text in
 * either language (the administrator left it as it was); any other text is the administrator's.
 */
function ruleToKeep(r: z.infer<typeof CareLevelRuleInput>): CareLevelRule {
  const names = r.reasonCode ? careLevelReasonNames[r.reasonCode] : null;
  const keepsCode = names !== null && (r.reason === names['zh-CN'] || r.reason === names['en-US']);
  return {
    level: r.level,
    kind: r.kind,
    minAge: r.minAge,
    categoriesAll: r.categoriesAll,
    categoriesAny: r.categoriesAny,
    reason: keepsCode ? names['zh-CN'] : r.reason,
    reasonCode: keepsCode ? (r.reasonCode ?? null) : null,
  };
}

/**
 * Saves a set as a new version in force from today: every earlier version stays as it was, and the
 * newest of a day is the one in force. One save at a time, so that `baseVersion` is checked against
 * what is really in force; audited in the same transaction.
 */
async function saveVersion(
  { db, actor, now, today }: CareLevelsContext,
  version: {
    rules: readonly CareLevelRule[];
    action: 'care_level.rules' | 'care_level.rules_default';
    baseVersion?: number | null;
    /** Save nothing when the defaults are in force already. */
    unlessDefault?: boolean;
  },
) {
  const { rules, ...opts } = version;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727300)`);
    const previous = await ruleSetInForce(tx, today);
    if (opts.unlessDefault && (previous === null || previous.isDefault)) return;
    if (opts.baseVersion !== undefined && opts.baseVersion !== (previous?.version ?? null))
      throw new AppError(CareLevelError.rules_changed, {
        fields: [{ field: 'baseVersion', code: CareLevelError.rules_changed }],
      });
    const isDefault = isDefaultSet(rules);
    const [set] = await tx
      .insert(careLevelRuleSets)
      .values({ effectiveFrom: today, isDefault, savedBy: actor.userId, savedAt: now })
      .returning();
    if (!set) throw new Error('the rule set was not saved');
    await tx
      .insert(careLevelRules)
      .values(rules.map((r, i) => ({ ...r, setId: set.id, sortOrder: i })));
    await audit(tx, actor, {
      action: opts.action,
      entity: 'care_level_rules',
      entityId: set.id,
      detail: {
        version: set.version,
        previousVersion: previous?.version ?? null,
        effectiveFrom: today,
        isDefault,
        rules: rules.length,
      },
    });
  });
}

/** PUT /api/care-level-rules: a new version from today on; an empty set is refused. */
export async function replaceRules(
  c: CareLevelsContext,
  body: z.infer<typeof ReplaceCareLevelRulesBody>,
) {
  if (body.rules.length === 0)
    throw new AppError(CareLevelError.rules_empty, {
      fields: [{ field: 'rules', code: CareLevelError.rules_empty }],
    });
  body.rules.forEach((r, i) => {
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
  await saveVersion(c, {
    rules: body.rules.map(ruleToKeep),
    action: 'care_level.rules',
    baseVersion: body.baseVersion,
  });
  return listRules(c);
}

/**
 * POST /api/care-level-rules/restore-defaults: the V4 defaults as a new version from today, marked
 * as the defaults; nothing new when the defaults are already in force.
 */
export async function restoreDefaultRules(c: CareLevelsContext) {
  await saveVersion(c, {
    rules: defaultCareLevelRules,
    action: 'care_level.rules_default',
    unlessDefault: true,
  });
  return listRules(c);
}

/** The level the rules in force suggest for one subject of the actor's scope. */
export async function suggestionFor(
  { db, actor, today, locale }: CareLevelsContext,
  subjectId: string,
) {
  const [subject] = await classificationRows({ db, actor, today }, { subjectId });
  if (!subject) throw new AppError(SubjectError.not_found);
  const { rules } = await currentRules(db, today);
  const suggestion = suggestCareLevel(
    rules,
    subject,
    careLevelFloor(subject.kind, subject.categories),
  );
  return { ...suggestion, reason: reasonText(suggestion, locale), current: subject.careLevel };
}

export { currentRules, listRules, listRuleVersions } from './queries.ts';
export { classificationReport, exportClassification } from './report.ts';
export { suggestCareLevel } from './rules.ts';
