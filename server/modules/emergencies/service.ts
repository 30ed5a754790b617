import { defineHook } from '../../platform/hooks.ts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { activeSubjectRow, addTimelineEvent } from '../subjects/service.ts';
import { userNames } from '../users/service.ts';
import type { EmergenciesContext } from './context.ts';
import {
  EmergencyError,
  EmergencyEventType,
  emergencyKindNames,
  emergencyPartyNames,
  emergencyStatusNames,
  EmergencyTimelineKind,
  type AddEmergencyCallBody,
  type CloseEmergencyBody,
  type EmergencyAction,
  type RecordEmergencyBody,
  type TakeEmergencyBody,
} from './contract.ts';
import { callerOf, emergencyOutcome, emergencyRefusal } from './lifecycle.ts';
import { getEmergencyDetail, getEmergencyRow, type EmergencyRow } from './queries.ts';
import { emergencies, emergencyCalls } from './tables.ts';

/** A clock a minute ahead of the server's is still "now" (a phone's time, a form filled in). */
const SKEW_MS = 60_000;

function notInFuture(
  c: EmergenciesContext,
  at: string,
  field: string,
  code: (typeof EmergencyError)['occurred_in_future' | 'called_in_future'],
): Date {
  const date = new Date(at);
  if (date.getTime() > c.now.getTime() + SKEW_MS)
    throw new AppError(code, { fields: [{ field, code }] });
  return date;
}

/** The live event of a change: to whoever handles emergencies where the subject lives. */
function announce(
  c: EmergenciesContext,
  type: (typeof EmergencyEventType)[keyof typeof EmergencyEventType],
  row: Pick<EmergencyRow, 'id' | 'divisionCode' | 'kind'>,
) {
  return publishEvent(c.db, {
    type,
    divisionCode: row.divisionCode,
    permission: 'emergency.handle',
    entity: 'emergency',
    entityId: row.id,
    actorId: c.actor.userId,
    data: { kind: row.kind },
  });
}

/** Refuses an action the emergency's state (or the caller) does not allow now. */
function assertAllowed(c: EmergenciesContext, action: EmergencyAction, row: EmergencyRow) {
  const refused = emergencyRefusal(action, callerOf(c.actor), row);
  if (refused)
    throw new AppError(EmergencyError.not_allowed, {
      params: { status: emergencyStatusNames[row.status][c.locale] },
    });
}

function assertVersion(row: EmergencyRow, version: number | undefined) {
  if (version !== undefined && version !== row.version)
    throw new AppError(EmergencyError.version_conflict, {
      fields: [{ field: 'version', code: EmergencyError.version_conflict }],
    });
}

/** An emergency recorded, as a module above sees it (the visits module owes a visit within hours). */
export type EmergencyRecorded = { subjectId: string; at: Date; emergencyId: string };
const emergencyRecordedHook = defineHook<EmergencyRecorded>();
/** Registers what a module above does when an emergency is recorded, in its transaction. */
export const onEmergencyRecorded = emergencyRecordedHook.on;

/**
 * POST /api/emergencies: an emergency found on a visit or recorded by hand, for a subject of the
 * caller's scope (a visitor: one assigned to them), with the calls made so far. In one transaction:
 * the row, its calls, the household timeline, the audit log and the push to the street and district.
 */
export async function recordEmergency(
  c: EmergenciesContext,
  body: z.infer<typeof RecordEmergencyBody>,
) {
  const occurredAt = notInFuture(
    c,
    body.occurredAt,
    'occurredAt',
    EmergencyError.occurred_in_future,
  );
  const calls = (body.calls ?? []).map((call, i) => ({
    ...call,
    calledAt: notInFuture(c, call.calledAt, `calls.${i}.calledAt`, EmergencyError.called_in_future),
  }));
  const id = await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const subject = await activeSubjectRow(t, { id: body.subjectId, field: 'subjectId' });
    const [row] = await tx
      .insert(emergencies)
      .values({
        subjectId: subject.id,
        householdId: subject.householdId,
        divisionCode: subject.divisionCode,
        source: body.visitId ? 'visit' : 'manual',
        visitId: body.visitId ?? null,
        kind: body.kind,
        whatHappened: body.whatHappened,
        occurredAt,
        actionsTaken: body.actionsTaken || null,
        reportedBy: c.actor.userId,
        createdAt: c.now,
        updatedAt: c.now,
      })
      .returning();
    if (!row) throw new Error('the emergency was not recorded');
    if (calls.length > 0)
      await tx.insert(emergencyCalls).values(
        calls.map((call) => ({
          emergencyId: row.id,
          party: call.party,
          calledAt: call.calledAt,
          reached: call.reached,
          note: call.note || null,
          recordedBy: c.actor.userId,
          recordedAt: c.now,
        })),
      );
    await addTimelineEvent(tx, {
      householdId: row.householdId,
      subjectId: row.subjectId,
      occurredAt,
      kind: EmergencyTimelineKind['emergency.opened'],
      detail: { kind: row.kind, source: row.source },
      refEntity: 'emergency',
      refId: row.id,
      actor: c.actor,
    });
    await audit(tx, c.actor, {
      action: 'emergency.record',
      entity: 'emergency',
      entityId: row.id,
      detail: {
        subjectId: row.subjectId,
        kind: emergencyKindNames[row.kind]['zh-CN'],
        source: row.source,
        calls: calls.map((x) => emergencyPartyNames[x.party]['zh-CN']).join('、'),
      },
    });
    await emergencyRecordedHook.run(tx, {
      subjectId: row.subjectId,
      at: c.now,
      emergencyId: row.id,
    });
    await announce(t, EmergencyEventType['emergency.opened'], row);
    return row.id;
  });
  return getEmergencyDetail(c, id);
}

/** GET /api/emergencies/:id: the emergency and its call log; reading it is in the audit log. */
export async function viewEmergency(c: EmergenciesContext, id: string) {
  const detail = await getEmergencyDetail(c, id);
  await audit(c.db, c.actor, { action: 'emergency.view', entity: 'emergency', entityId: id });
  return detail;
}

/**
 * POST /api/emergencies/:id/take: someone of the street or the district takes an open emergency.
 * Taken meanwhile by someone else: 409 naming them; taken by the caller already: answered as it is.
 */
export async function takeEmergency(
  c: EmergenciesContext,
  { id, ...body }: { id: string } & z.infer<typeof TakeEmergencyBody>,
) {
  await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const row = await getEmergencyRow(t, id, { forUpdate: true });
    if (row.takenBy === c.actor.userId && row.status === 'taken') return;
    if (row.status !== 'open' && row.takenBy) {
      const names = await userNames(tx, [row.takenBy]);
      throw new AppError(EmergencyError.already_taken, {
        params: { name: names.get(row.takenBy) ?? '' },
      });
    }
    assertAllowed(t, 'take', row);
    assertVersion(row, body.version);
    await tx
      .update(emergencies)
      .set({
        ...emergencyOutcome('take', { who: callerOf(c.actor), emergency: row, now: c.now }),
        version: sql`${emergencies.version} + 1`,
        updatedAt: c.now,
      })
      .where(and(eq(emergencies.id, id), eq(emergencies.version, row.version)));
    await addTimelineEvent(tx, {
      householdId: row.householdId,
      subjectId: row.subjectId,
      occurredAt: c.now,
      kind: EmergencyTimelineKind['emergency.taken'],
      detail: { kind: row.kind },
      refEntity: 'emergency',
      refId: row.id,
      actor: c.actor,
    });
    await audit(tx, c.actor, { action: 'emergency.take', entity: 'emergency', entityId: id });
    await announce(t, EmergencyEventType['emergency.taken'], row);
  });
  return getEmergencyDetail(c, id);
}

/** POST /api/emergencies/:id/calls: one more call in the log, while the emergency is not closed. */
export async function addEmergencyCall(
  c: EmergenciesContext,
  { id, ...body }: { id: string } & z.infer<typeof AddEmergencyCallBody>,
) {
  const calledAt = notInFuture(c, body.calledAt, 'calledAt', EmergencyError.called_in_future);
  await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const row = await getEmergencyRow(t, id, { forUpdate: true });
    assertAllowed(t, 'call', row);
    const [call] = await tx
      .insert(emergencyCalls)
      .values({
        emergencyId: id,
        party: body.party,
        calledAt,
        reached: body.reached,
        note: body.note || null,
        recordedBy: c.actor.userId,
        recordedAt: c.now,
      })
      .returning({ id: emergencyCalls.id });
    await audit(tx, c.actor, {
      action: 'emergency.call',
      entity: 'emergency',
      entityId: id,
      detail: {
        callId: call?.id ?? null,
        party: emergencyPartyNames[body.party]['zh-CN'],
        reached: body.reached,
      },
    });
  });
  return getEmergencyDetail(c, id);
}

/** POST /api/emergencies/:id/close: closed with its outcome (and what was done, when given). */
export async function closeEmergency(
  c: EmergenciesContext,
  { id, ...body }: { id: string } & z.infer<typeof CloseEmergencyBody>,
) {
  await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const row = await getEmergencyRow(t, id, { forUpdate: true });
    assertAllowed(t, 'close', row);
    assertVersion(row, body.version);
    await tx
      .update(emergencies)
      .set({
        ...emergencyOutcome('close', { who: callerOf(c.actor), emergency: row, now: c.now }),
        outcome: body.outcome,
        ...(body.actionsTaken ? { actionsTaken: body.actionsTaken } : {}),
        version: sql`${emergencies.version} + 1`,
        updatedAt: c.now,
      })
      .where(and(eq(emergencies.id, id), eq(emergencies.version, row.version)));
    await addTimelineEvent(tx, {
      householdId: row.householdId,
      subjectId: row.subjectId,
      occurredAt: c.now,
      kind: EmergencyTimelineKind['emergency.closed'],
      detail: { kind: row.kind, outcome: body.outcome.slice(0, 200) },
      refEntity: 'emergency',
      refId: row.id,
      actor: c.actor,
    });
    await audit(tx, c.actor, { action: 'emergency.close', entity: 'emergency', entityId: id });
    await announce(t, EmergencyEventType['emergency.closed'], row);
  });
  return getEmergencyDetail(c, id);
}

export { listEmergencies } from './queries.ts';
