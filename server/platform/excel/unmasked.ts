import { ExportError } from '../contract/exports.ts';
import { AppError } from '../http/app-error.ts';

/**
 * Who lets an unmasked export be made: a request (at once, up to `approvalAbove` people, the
 * configuration's threshold), or the job that makes the file of an approved export request.
 */
export type UnmaskedExportGate = { approvalAbove: number } | { approvedRequestId: string };

/**
 * Refuses an unmasked export of more people than the threshold unless an approved request makes
 * it (security.md row 15). Called by every export that can be unmasked, once it knows how many
 * people the file would hold and before it writes any.
 */
export function checkUnmaskedExport(gate: UnmaskedExportGate, people: number): void {
  if ('approvedRequestId' in gate) return;
  if (people > gate.approvalAbove)
    throw new AppError(ExportError.approval_required, {
      params: { max: gate.approvalAbove, people },
    });
}

/** What the audit row of an unmasked export adds: the approved request it was made for. */
export const gateDetail = (gate: UnmaskedExportGate) =>
  'approvedRequestId' in gate ? { exportRequestId: gate.approvedRequestId } : {};
