import { can } from '../../../platform/access/actor.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { divisionLevel } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { RosterError } from '../../rosters/contract.ts';
import { exportRound, roundExportScope, type RosterContext } from '../../rosters/service.ts';
import { SubjectError } from '../../subjects/contract.ts';
import {
  exportSubjects,
  subjectExportScope,
  type SubjectsContext,
} from '../../subjects/service.ts';
import type { ExportMakingContext } from '../context.ts';
import type { CreateExportRequestBody, ExportKind, SubjectExportFilters } from '../contract.ts';

/**
 * The exports that can be requested, one entry per kind: what it holds (how many people, where)
 * and how its file is made, by the module that owns the data, with the requester's scope.
 */

/** What a request keeps of its export: the filters or the round (and the round's month). */
export type ExportTarget =
  | { kind: 'subjects'; filters: SubjectExportFilters }
  | { kind: 'roster_round'; roundId: string; month?: string };

/** The subjects module's context for the requester (the file's texts are Chinese, as on the page). */
const subjectsCtx = (c: ExportMakingContext): SubjectsContext => ({
  db: c.db,
  actor: c.actor,
  now: c.now,
  today: shanghaiDate(c.now),
  sensitive: c.sensitive,
  locale: 'zh-CN',
});

/** The rosters module's context for the requester. */
const rosterCtx = (c: ExportMakingContext): RosterContext => {
  const subjects = subjectsCtx(c);
  return { ...subjects, month: subjects.today.slice(0, 7), config: c.config.roster };
};

export const targetOf = (body: CreateExportRequestBody): ExportTarget =>
  body.kind === 'subjects'
    ? { kind: 'subjects', filters: body.filters }
    : { kind: 'roster_round', roundId: body.roundId };

/** How many people the export would hold and the divisions they are in; not_found outside the actor's reach. */
export async function describeExport(
  c: ExportMakingContext,
  target: ExportTarget,
): Promise<{ people: number; divisionCodes: string[]; target: ExportTarget }> {
  if (target.kind === 'subjects') {
    if (!can(c.actor, 'subject.read')) throw new AppError(SubjectError.not_found);
    return { ...(await subjectExportScope(subjectsCtx(c), target.filters)), target };
  }
  if (!can(c.actor, 'roster.read')) throw new AppError(RosterError.not_found);
  const found = await roundExportScope(rosterCtx(c), { id: target.roundId });
  return { ...found, target: { ...target, month: found.month } };
}

/**
 * The unmasked file of an approved request, made by its module with the requester's scope (the
 * context's actor is the requester).
 */
export async function makeExport(
  c: ExportMakingContext,
  input: { target: ExportTarget; reason: string; approvedRequestId: string },
): Promise<{ content: Buffer; fileName: string }> {
  const { target, reason, approvedRequestId } = input;
  const gate = { approvedRequestId };
  const day = shanghaiDate(c.now).replaceAll('-', '');
  if (target.kind === 'subjects') {
    const content = await exportSubjects(subjectsCtx(c), {
      ...target.filters,
      unmasked: true,
      reason,
      gate,
    });
    return { content, fileName: `服务对象名册-${day}.xlsx` };
  }
  return exportRound(rosterCtx(c), { id: target.roundId, unmasked: true, reason }, gate);
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
