/** The rosters module's use cases: monthly rounds of each street, compiled by upload or form. */
import { toBuffer } from '../../platform/excel/export.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Locale } from '../../platform/contract/errors.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { listDivisions } from '../divisions/service.ts';
import { childCategoryNames, elderCategoryNames } from '../subjects/contract.ts';
import { RosterError } from './contract.ts';
import { writeRosterErrorFile, writeRosterTemplate } from './excel.ts';
import type { ImportWork } from '../../platform/imports/progress.ts';
import {
  checkUpload,
  commitUpload,
  readUpload,
  type CheckedUpload,
  type RosterCtx,
} from './service/import-roster.ts';

export {
  approveRound,
  proposeRemoval,
  returnRound,
  submitRound,
  withdrawEntry,
} from './service/rounds.ts';
export { exportRound, exportRounds, roundExportScope } from './service/export-rounds.ts';
export { revealEntry } from './service/reveal-entry.ts';
export type { CheckedUpload, RosterCtx } from './service/import-roster.ts';

/**
 * Every row of an upload of the roster template read and checked, taking turns with other requests
 * and reporting to `work`; writes nothing (the routes run it before an import's transaction).
 */
export async function checkRosterUpload(
  c: RosterCtx,
  actor: Actor,
  file: { content: Buffer },
  locale: Locale,
  work?: ImportWork,
): Promise<CheckedUpload> {
  const sheet = await readUpload(file.content, c.config.importLimits, work);
  return checkUpload(c, actor, sheet, locale, work);
}

/**
 * An upload of the roster template, its rows checked (checkRosterUpload); with dryRun nothing is
 * written; otherwise the rows go into the month's rounds only when none is rejected.
 */
export async function importRoster(
  c: RosterCtx,
  actor: Actor,
  file: { content: Buffer; name: string },
  dryRun: boolean,
  checked: CheckedUpload,
  work?: ImportWork,
) {
  if (dryRun || checked.rejected.length > 0) {
    return { accepted: checked.rows.length, rejected: checked.rejected, committed: false };
  }
  work?.report({ phase: 'writing', done: 0, total: checked.rows.length });
  const written = await commitUpload(
    c,
    actor,
    { sheet: checked.sheet, name: file.name },
    checked.rows,
  );
  return { ...written, rejected: [], committed: !written.duplicateFile };
}

/** The upload back with a 错误说明 column, for the uploader to fix in place. */
export async function rosterErrorFile(
  c: RosterCtx,
  actor: Actor,
  file: { content: Buffer },
  locale: Locale,
  work?: ImportWork,
) {
  const checked = await checkRosterUpload(c, actor, file, locale, work);
  if (checked.rejected.length === 0) throw new AppError(RosterError.no_problems);
  return toBuffer((out) =>
    writeRosterErrorFile(out, checked.headers, checked.sheet, checked.problems),
  );
}

/** The template, with the communities of the uploader's scope in its drop-down list. */
export async function rosterTemplate(c: RosterCtx, actor: Actor) {
  const communities = (await listDivisions(c.db, actor, { today: c.today }))
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
