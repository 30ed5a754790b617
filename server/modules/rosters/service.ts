/** The rosters module's use cases: monthly rounds of each street, compiled by upload or form. */
import { toBuffer } from '../../platform/excel/export.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { ImportWork } from '../../platform/imports/progress.ts';
import { listDivisions } from '../divisions/service.ts';
import { childCategoryNames, elderCategoryNames } from '../subjects/contract.ts';
import type { RosterContext } from './context.ts';
import { RosterError } from './contract.ts';
import { writeRosterErrorFile, writeRosterTemplate } from './excel.ts';
import {
  checkUpload,
  commitUpload,
  readUpload,
  recordRefusedUpload,
  type CheckedUpload,
} from './service/import-roster.ts';
import { assertRoundsOpen, streetOf } from './service/rounds.ts';

export { proposeRemoval, reportRemoval, withdrawEntry } from './service/rounds.ts';
export { approveRound, reopenRound, returnRound, submitRound } from './service/review-round.ts';
export { exportRound, exportRounds, roundExportScope } from './service/export-rounds.ts';
export { revealEntry } from './service/reveal-entry.ts';
export { listRosterSettings, updateRosterSetting } from './service/settings.ts';
export type { RosterContext } from './context.ts';
export type { CheckedUpload } from './service/import-roster.ts';

type Upload = { file: { content: Buffer; name: string } };

/**
 * Every row of an upload of the roster template read and checked, taking turns with other requests
 * and reporting to `work`; writes nothing (the routes run it before an import's transaction).
 */
export async function checkRosterUpload(
  c: RosterContext,
  input: { file: { content: Buffer } },
  work?: ImportWork,
): Promise<CheckedUpload> {
  const sheet = await readUpload(input.file.content, c.config.importLimits, work);
  return checkUpload(c, sheet, work);
}

/**
 * An upload of the roster template, its rows checked (checkRosterUpload); with dryRun nothing is
 * written; otherwise the rows go into the month's rounds only when none is rejected (a refused
 * upload is kept for the communities' progress). The answer says which rounds the rows go (or
 * would go) into.
 */
export async function importRoster(
  c: RosterContext,
  input: Upload & { dryRun: boolean; checked: CheckedUpload },
  work?: ImportWork,
) {
  const { file, dryRun, checked } = input;
  if (checked.rejected.length > 0 && !dryRun)
    await recordRefusedUpload(c, {
      sheet: checked.sheet,
      name: file.name,
      rejected: new Set(checked.rejected.map((r) => r.row)).size,
    });
  if (dryRun || checked.rejected.length > 0) {
    const streets = new Set(checked.rows.map((r) => streetOf(r.data.communityCode)));
    return {
      accepted: checked.rows.length,
      rejected: checked.rejected,
      committed: false,
      into: await assertRoundsOpen(c, [...streets]),
    };
  }
  work?.report({ phase: 'writing', done: 0, total: checked.rows.length });
  const written = await commitUpload(c, {
    sheet: checked.sheet,
    name: file.name,
    rows: checked.rows,
  });
  return { ...written, rejected: [], committed: !written.duplicateFile };
}

/** The upload back with a 错误说明 column, for the uploader to fix in place. */
export async function rosterErrorFile(c: RosterContext, input: Upload, work?: ImportWork) {
  const checked = await checkRosterUpload(c, input, work);
  if (checked.rejected.length === 0) throw new AppError(RosterError.no_problems);
  return toBuffer((out) =>
    writeRosterErrorFile(out, checked.headers, checked.sheet, checked.problems),
  );
}

/** The template, with the communities of the uploader's scope in its drop-down list. */
export async function rosterTemplate(c: RosterContext) {
  const communities = (await listDivisions(c.db, c.actor, { today: c.today }))
    .filter((d) => d.level === 'community')
    .map((d) => ({ code: d.code, name: d.name }));
  return toBuffer((out) =>
    writeRosterTemplate(out, {
      communities,
      elderCategories: Object.values(elderCategoryNames).map((n) => n['zh-CN']),
      childCategories: Object.values(childCategoryNames).map((n) => n['zh-CN']),
    }),
  );
}
