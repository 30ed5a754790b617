import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { divisionLevel } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { findDivision, listDivisions } from '../../divisions/service.ts';
import { userNames } from '../../users/service.ts';
import type { RosterContext } from '../context.ts';
import {
  RosterSettingError,
  type RosterSettingView,
  type UpdateRosterSettingBody,
} from '../contract.ts';
import { rosterSettings } from '../tables.ts';

/*
 * What each district chooses for its streets' rounds (item 13 of the hardening issue: "as the
 * district configures"): where a change goes once a month's round is approved. A district that
 * has not chosen follows the deployment's ROSTER_CORRECTIONS.
 */

type Setting = typeof rosterSettings.$inferSelect;

async function settingViews(
  c: Pick<RosterContext, 'db' | 'config'>,
  districts: { code: string; name: string }[],
): Promise<z.infer<typeof RosterSettingView>[]> {
  const codes = districts.map((d) => d.code);
  const rows: Setting[] = codes.length
    ? await c.db.select().from(rosterSettings).where(inArray(rosterSettings.districtCode, codes))
    : [];
  const byCode = new Map(rows.map((r) => [r.districtCode, r]));
  const people = await userNames(
    c.db,
    rows.flatMap((r) => (r.updatedBy ? [r.updatedBy] : [])),
  );
  return districts.map((d) => {
    const row = byCode.get(d.code);
    return {
      districtCode: d.code,
      districtName: d.name,
      corrections: row?.corrections ?? c.config.corrections,
      chosen: row !== undefined,
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedByName: row?.updatedBy ? (people.get(row.updatedBy) ?? null) : null,
    };
  });
}

/** Every district in the caller's scope with its choice (or the default it follows). */
export async function listRosterSettings(c: RosterContext) {
  const districts = await listDivisions(c.db, c.actor, { today: c.today, level: 'district' });
  return { defaultCorrections: c.config.corrections, items: await settingViews(c, districts) };
}

/**
 * A district's choice saved, naming the version the editor read (0: never chosen): a save made
 * since is refused (`roster_setting.changed`), never overwritten. Rounds already made keep their
 * month; the next change after an approval follows the new choice.
 */
export async function updateRosterSetting(
  c: RosterContext,
  input: { districtCode: string } & z.infer<typeof UpdateRosterSettingBody>,
) {
  const { districtCode, corrections, version } = input;
  const district =
    divisionLevel(districtCode) === 'district' && inScope(c.actor, districtCode)
      ? await findDivision(c.db, districtCode)
      : null;
  if (!district) throw new AppError(RosterSettingError.not_found);
  await c.db.transaction(async (tx) => {
    const values = { corrections, updatedBy: c.actor.userId, updatedAt: c.now };
    const saved =
      version === 0
        ? await tx
            .insert(rosterSettings)
            .values({ districtCode, ...values, version: 1 })
            .onConflictDoNothing()
            .returning({ version: rosterSettings.version })
        : await tx
            .update(rosterSettings)
            .set({ ...values, version: sql`${rosterSettings.version} + 1` })
            .where(
              and(
                eq(rosterSettings.districtCode, districtCode),
                eq(rosterSettings.version, version),
              ),
            )
            .returning({ version: rosterSettings.version });
    if (saved.length === 0) {
      const [now] = await tx
        .select({ version: rosterSettings.version })
        .from(rosterSettings)
        .where(eq(rosterSettings.districtCode, districtCode));
      throw new AppError(RosterSettingError.changed, {
        params: { version: now?.version ?? 0 },
        fields: [{ field: 'version', code: RosterSettingError.changed }],
      });
    }
    await audit(tx, c.actor, {
      action: 'roster.settings',
      entity: 'division',
      entityId: districtCode,
      detail: { corrections, version: saved[0]?.version },
    });
  });
  const [view] = await settingViews(c, [district]);
  return view as z.infer<typeof RosterSettingView>;
}
