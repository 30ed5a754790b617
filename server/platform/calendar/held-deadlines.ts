import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { computeDeadline, type Deadline, type DeadlineInput } from './deadlines.ts';
import { loadCalendar } from './store.ts';
import { heldDeadlines } from './tables.ts';
import type { WorkingCalendar } from './working-days.ts';

/**
 * Held deadlines: a deadline that runs into a year without data is kept here (owner module, its
 * object, the clock's input) and shown as waiting for the calendar; when an administrator saves
 * that year, it is computed in the same transaction and its owner's handler is called.
 */

export type HeldDeadlineResolved = {
  id: string;
  owner: string;
  entityId: string;
  /** What the clock says now that the year is there: due, or paused (due unknown). */
  deadline: Exclude<Deadline, { status: 'waiting_calendar' }>;
};

type Handler = (tx: Db, resolved: HeldDeadlineResolved) => Promise<void>;
const handlers = new Map<string, Handler>();

/** A module registers what to do when one of its held deadlines becomes computable. */
export function onHeldDeadlineResolved(owner: string, handler: Handler): void {
  handlers.set(owner, handler);
}

type StoredInput = {
  start: string;
  clock: DeadlineInput['clock'];
  pauses: { from: string; to: string | null }[];
  workingHours: DeadlineInput['workingHours'];
};

const toStored = (i: DeadlineInput): StoredInput => ({
  start: i.start.toISOString(),
  clock: i.clock,
  pauses: (i.pauses ?? []).map((p) => ({
    from: p.from.toISOString(),
    to: p.to ? p.to.toISOString() : null,
  })),
  workingHours: i.workingHours ?? null,
});

const fromStored = (s: StoredInput): DeadlineInput => ({
  start: new Date(s.start),
  clock: s.clock,
  pauses: s.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
  workingHours: s.workingHours,
});

/**
 * Computes a module's deadline; when it waits for a year's data, holds it (replacing an earlier
 * hold of the same object) so that it is computed when the year is entered. Call it with the
 * transaction that starts the clock.
 */
export async function deadlineOrHold(
  db: Db,
  owner: string,
  entityId: string,
  input: DeadlineInput,
): Promise<Deadline> {
  const deadline = computeDeadline(await loadCalendar(db), input);
  await db
    .delete(heldDeadlines)
    .where(
      and(
        eq(heldDeadlines.owner, owner),
        eq(heldDeadlines.entityId, entityId),
        isNull(heldDeadlines.resolvedAt),
      ),
    );
  if (deadline.status === 'waiting_calendar')
    await db.insert(heldDeadlines).values({
      owner,
      entityId,
      input: toStored(input),
      waitingYear: deadline.year,
    });
  return deadline;
}

/** The held deadline of an object, if it is still waiting: the year it waits for. */
export async function heldDeadlineOf(db: Db, owner: string, entityId: string) {
  const [row] = await db
    .select({ waitingYear: heldDeadlines.waitingYear })
    .from(heldDeadlines)
    .where(
      and(
        eq(heldDeadlines.owner, owner),
        eq(heldDeadlines.entityId, entityId),
        isNull(heldDeadlines.resolvedAt),
      ),
    );
  return row ?? null;
}

/**
 * Computes the held deadlines waiting for a year the calendar now has: those still short of a
 * later year wait for it instead; the others are resolved and handed to their owner. Returns how
 * many were resolved.
 */
export async function releaseHeldDeadlines(
  tx: Db,
  cal: WorkingCalendar,
  now: Date,
): Promise<number> {
  const years = [...cal.years];
  if (years.length === 0) return 0;
  const waiting = await tx
    .select()
    .from(heldDeadlines)
    .where(and(isNull(heldDeadlines.resolvedAt), inArray(heldDeadlines.waitingYear, years)));
  let resolved = 0;
  for (const row of waiting) {
    const deadline = computeDeadline(cal, fromStored(row.input as StoredInput));
    if (deadline.status === 'waiting_calendar') {
      await tx
        .update(heldDeadlines)
        .set({ waitingYear: deadline.year })
        .where(eq(heldDeadlines.id, row.id));
      continue;
    }
    await tx
      .update(heldDeadlines)
      .set({
        waitingYear: null,
        resolvedAt: now,
        dueAt: deadline.status === 'due' ? deadline.dueAt : null,
      })
      .where(eq(heldDeadlines.id, row.id));
    await handlers.get(row.owner)?.(tx, {
      id: row.id,
      owner: row.owner,
      entityId: row.entityId,
      deadline,
    });
    resolved++;
  }
  return resolved;
}
