import { and, eq } from 'drizzle-orm';
import { can, scopeWhere } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { CommonError } from '../../../platform/contract/errors.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { SensitiveCipher } from '../../../platform/sensitive/sensitive.ts';
import { rosterHeaders } from '../../subjects/contract.ts';
import { RosterEntryError, type revealableEntryFields } from '../contract.ts';
import { sensitiveValues, type FieldChange } from '../changes.ts';
import { getRoundRow } from '../queries.ts';
import type { RosterRow } from '../rows.ts';
import { rosterEntries } from '../tables.ts';
import type { RosterContext } from '../context.ts';

export type RevealableEntryField = (typeof revealableEntryFields)[number];

/** A value before and after the change; `undefined` where the entry keeps none in full. */
export type Unmasked = { before: string | null | undefined; after: string | null | undefined };

type SealedEntry = {
  action: 'add' | 'change' | 'remove';
  payloadCipher: string | null;
  changes: FieldChange[] | null;
};

/**
 * The full values of an entry's sensitive fields. A proposal (add, change) seals the row it
 * proposes; a change also seals, with each masked field, the live value it replaces; a removal
 * seals the person's ID number.
 */
export function openEntry(cipher: SensitiveCipher, entry: SealedEntry) {
  const open = (sealed: string) => cipher.decrypt(sealed);
  if (entry.action === 'remove') {
    const idNumber = entry.payloadCipher ? open(entry.payloadCipher) : null;
    return {
      idNumber,
      value: (field: RevealableEntryField): Unmasked => ({
        before: field === 'idNumber' ? (idNumber ?? undefined) : undefined,
        after: null,
      }),
    };
  }
  const row = entry.payloadCipher
    ? (JSON.parse(open(entry.payloadCipher)) as RosterRow)
    : undefined;
  const proposed = row ? sensitiveValues(row) : undefined;
  return {
    idNumber: row?.idNumber ?? null,
    value: (field: RevealableEntryField): Unmasked => {
      const after = field === 'idNumber' ? row?.idNumber : proposed?.[field];
      if (entry.action === 'add') return { before: null, after };
      const change =
        field === 'idNumber' ? undefined : entry.changes?.find((c) => c.field === field);
      // an unchanged field is what the live roster holds; a changed one was sealed with the change
      if (!change) return { before: after, after };
      const before = change.sealedBefore
        ? open(change.sealedBefore)
        : change.before === null
          ? null
          : undefined;
      return { before, after };
    },
  };
}

export const revealableFieldNames: Record<
  RevealableEntryField,
  { 'zh-CN': string; 'en-US': string }
> = {
  idNumber: { 'zh-CN': rosterHeaders.idNumber, 'en-US': 'ID number' },
  phone: { 'zh-CN': rosterHeaders.phone, 'en-US': 'phone' },
  address: { 'zh-CN': rosterHeaders.address, 'en-US': 'address' },
  emergencyPhone: { 'zh-CN': rosterHeaders.emergencyPhone, 'en-US': 'emergency contact’s phone' },
};

/**
 * One sensitive value of a change in full, before and after, for whoever may see the round and
 * reveal values, with a reason; the read goes to the audit log as every reveal does.
 */
export async function revealEntry(
  c: RosterContext,
  body: { id: string; entryId: string; field: RevealableEntryField; reason: string },
) {
  const { actor } = c;
  const ids = body;
  if (!can(actor, 'subject.reveal')) throw new AppError(CommonError.forbidden);
  await getRoundRow(c, ids.id);
  const [entry] = await c.db
    .select({
      action: rosterEntries.action,
      payloadCipher: rosterEntries.payloadCipher,
      changes: rosterEntries.changes,
    })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.id, ids.entryId),
        eq(rosterEntries.roundId, ids.id),
        scopeWhere(actor, { division: rosterEntries.divisionCode }),
      ),
    );
  if (!entry) throw new AppError(RosterEntryError.not_found);
  const { before, after } = openEntry(c.sensitive, entry).value(body.field);
  if (before === undefined || after === undefined)
    throw new AppError(RosterEntryError.reveal_unavailable, {
      params: { field: revealableFieldNames[body.field] },
      fields: [{ field: 'field', code: RosterEntryError.reveal_unavailable }],
    });
  await audit(c.db, actor, {
    action: 'sensitive.reveal',
    entity: 'roster_entry',
    entityId: ids.entryId,
    reason: body.reason,
    detail: { field: body.field, round: ids.id },
  });
  return { field: body.field, before, after };
}
