import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { can, type Actor } from '../../../platform/access/actor.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { divisionLevel } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { SensitiveCipher } from '../../../platform/sensitive/sensitive.ts';
import { RosterError } from '../../rosters/contract.ts';
import { exportRound, roundExportScope, type RosterContext } from '../../rosters/service.ts';
import { SubjectError } from '../../subjects/contract.ts';
import { exportSubjects, subjectExportScope } from '../../subjects/service.ts';
import type { CreateExportRequestBody, ExportKind, SubjectExportFilters } from '../contract.ts';

/**
 * The exports that can be requested, one entry per kind: what it holds (how many people, where)
 * and how its file is made, by the module that owns the data, with the requester's scope.
 */

export type KindCtx = { db: Db; sensitive: SensitiveCipher; now: Date; config: Config };
/** What a request keeps of its export: the filters or the round (and the round's month). */
export type ExportTarget =
  | { kind: 'subjects'; filters: SubjectExportFilters }
  | { kind: 'roster_round'; roundId: string; month?: string };

const at = (c: KindCtx) => {
  const today = shanghaiDate(c.now);
  return { db: c.db, sensitive: c.sensitive, now: c.now, today };
};

/** The rosters module's context for the requester (the file's texts are Chinese, as on the page). */
const rosterCtx = (c: KindCtx, actor: Actor): RosterContext => {
  const today = shanghaiDate(c.now);
  return {
    ...at(c),
    actor,
    today,
    month: today.slice(0, 7),
    config: c.config.roster,
    locale: 'zh-CN',
  };
};

export const targetOf = (body: CreateExportRequestBody): ExportTarget =>
  body.kind === 'subjects'
    ? { kind: 'subjects', filters: body.filters }
    : { kind: 'roster_round', roundId: body.roundId };

/** How many people the export would hold and the divisions they are in; not_found outside the actor's reach. */
export async function describeExport(
  c: KindCtx,
  actor: Actor,
  target: ExportTarget,
): Promise<{ people: number; divisionCodes: string[]; target: ExportTarget }> {
  if (target.kind === 'subjects') {
    if (!can(actor, 'subject.read')) throw new AppError(SubjectError.not_found);
    return { ...(await subjectExportScope(at(c), actor, target.filters)), target };
  }
  if (!can(actor, 'roster.read')) throw new AppError(RosterError.not_found);
  const found = await roundExportScope(rosterCtx(c, actor), { id: target.roundId });
  return { ...found, target: { ...target, month: found.month } };
}

/** The unmasked file of an approved request, made by its module with the requester's scope. */
export async function makeExport(
  c: KindCtx,
  actor: Actor,
  target: ExportTarget,
  reason: string,
  approvedRequestId: string,
): Promise<{ content: Buffer; fileName: string }> {
  const gate = { approvedRequestId };
  const day = shanghaiDate(c.now).replaceAll('-', '');
  if (target.kind === 'subjects') {
    const content = await exportSubjects(
      at(c),
      actor,
      { ...target.filters, unmasked: true, reason },
      gate,
    );
    return { content, fileName: `服务对象名册-${day}.xlsx` };
  }
  return exportRound(rosterCtx(c, actor), { id: target.roundId, unmasked: true, reason }, gate);
}

const prefixLengths = [12, 9, 6, 4, 2];

/** The smallest division holding every code (a community, street, district, city or province). */
export function coveringDivision(codes: readonly string[]): string {
  const [first] = codes;
  if (!first) throw new Error('coveringDivision of no division');
  for (const n of prefixLengths) {
    const prefix = first.slice(0, n);
    if (codes.every((code) => code.startsWith(prefix))) return prefix.padEnd(12, '0');
  }
  return first.slice(0, 2).padEnd(12, '0');
}

/** Whose officers decide an export of that division: its district, or the division itself when wider. */
export function approvalDivisionOf(divisionCode: string): string {
  const level = divisionLevel(divisionCode);
  return level === 'province' || level === 'city'
    ? divisionCode
    : divisionCode.slice(0, 6).padEnd(12, '0');
}

export const isKind = (kind: string): kind is ExportKind =>
  kind === 'subjects' || kind === 'roster_round';
