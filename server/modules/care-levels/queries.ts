import { asc, count, desc, inArray, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import { userNames } from '../users/service.ts';
import type { CareLevelsContext } from './context.ts';
import {
  careLevelReasonNames,
  type CareLevelReasonCode,
  type CareLevelRules,
  type CareLevelRuleVersion,
  type CareLevelRuleView,
} from './contract.ts';
import { defaultCareLevelRules, type CareLevelRule } from './rules.ts';
import { careLevelRules, careLevelRuleSets } from './tables.ts';

export type RuleSet = typeof careLevelRuleSets.$inferSelect;

/** A reason as the caller reads it: a coded one in their language, the rest as written. */
export function reasonText(
  r: { reason: string | null; reasonCode: CareLevelReasonCode | null },
  locale: Locale,
): string | null {
  return r.reasonCode ? careLevelReasonNames[r.reasonCode][locale] : r.reason;
}

const ruleView = (r: CareLevelRule, locale: Locale): z.infer<typeof CareLevelRuleView> => ({
  level: r.level,
  kind: r.kind,
  minAge: r.minAge,
  categoriesAll: r.categoriesAll,
  categoriesAny: r.categoriesAny,
  reason: reasonText(r, locale) ?? r.reason,
  reasonCode: r.reasonCode,
});

/** The version in force on a day: of those effective by then, the one saved last. */
export async function ruleSetInForce(db: Db, day: string): Promise<RuleSet | null> {
  const [set] = await db
    .select()
    .from(careLevelRuleSets)
    .where(lte(careLevelRuleSets.effectiveFrom, day))
    .orderBy(desc(careLevelRuleSets.effectiveFrom), desc(careLevelRuleSets.version))
    .limit(1);
  return set ?? null;
}

/** The rules of the given versions, in their order, in one query. */
async function rulesOf(db: Db, setIds: readonly string[]): Promise<Map<string, CareLevelRule[]>> {
  const bySet = new Map<string, CareLevelRule[]>(setIds.map((id) => [id, []]));
  if (setIds.length === 0) return bySet;
  const found = await db
    .select()
    .from(careLevelRules)
    .where(inArray(careLevelRules.setId, [...setIds]))
    .orderBy(asc(careLevelRules.setId), asc(careLevelRules.sortOrder));
  for (const r of found)
    bySet.get(r.setId)?.push({
      level: r.level,
      kind: r.kind,
      minAge: r.minAge,
      categoriesAll: r.categoriesAll,
      categoriesAny: r.categoriesAny,
      reason: r.reason,
      reasonCode: r.reasonCode,
    });
  return bySet;
}

export type RulesInForce = {
  /** The saved version in force; null: nothing saved yet. */
  set: RuleSet | null;
  /** null: the V4 defaults, never changed. */
  effectiveFrom: string | null;
  isDefault: boolean;
  rules: readonly CareLevelRule[];
};

/** The rules in force on a day, and since when (null: the defaults, never changed). */
export async function currentRules(db: Db, today: string): Promise<RulesInForce> {
  const set = await ruleSetInForce(db, today);
  if (!set)
    return { set: null, effectiveFrom: null, isDefault: true, rules: defaultCareLevelRules };
  const rules = (await rulesOf(db, [set.id])).get(set.id) ?? [];
  return { set, effectiveFrom: set.effectiveFrom, isDefault: set.isDefault, rules };
}

/** GET /api/care-level-rules: the set in force today, whether it is the defaults, who saved it. */
export async function listRules({
  db,
  today,
  locale,
}: CareLevelsContext): Promise<z.infer<typeof CareLevelRules>> {
  const { set, effectiveFrom, isDefault, rules } = await currentRules(db, today);
  const names = await userNames(db, set?.savedBy ? [set.savedBy] : []);
  return {
    effectiveFrom,
    version: set?.version ?? null,
    isDefault,
    savedAt: set?.savedAt.toISOString() ?? null,
    savedBy: set?.savedBy ? (names.get(set.savedBy) ?? null) : null,
    rules: rules.map((r) => ruleView(r, locale)),
  };
}

/** Every saved version, the newest first, each with its rules. */
export async function listRuleVersions(
  { db, today, locale }: CareLevelsContext,
  query: { page: number; pageSize: number },
) {
  const [sets, [total], inForce] = await Promise.all([
    db
      .select()
      .from(careLevelRuleSets)
      .orderBy(desc(careLevelRuleSets.version))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(careLevelRuleSets),
    ruleSetInForce(db, today),
  ]);
  const [rules, names] = await Promise.all([
    rulesOf(
      db,
      sets.map((s) => s.id),
    ),
    userNames(
      db,
      sets.flatMap((s) => (s.savedBy ? [s.savedBy] : [])),
    ),
  ]);
  const items = sets.map((s): z.infer<typeof CareLevelRuleVersion> => ({
    id: s.id,
    version: s.version,
    effectiveFrom: s.effectiveFrom,
    isDefault: s.isDefault,
    inForce: s.id === inForce?.id,
    savedAt: s.savedAt.toISOString(),
    savedBy: s.savedBy ? (names.get(s.savedBy) ?? null) : null,
    rules: (rules.get(s.id) ?? []).map((r) => ruleView(r, locale)),
  }));
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
