import {
  addDays,
  dayNumber,
  dateOfDay,
  workingDayStatus,
  type WaitingCalendar,
  type WorkingCalendar,
} from './working-days.ts';

/**
 * Deadline maths (sla.md): a clock of natural hours, working hours or working days from a start,
 * stopped while paused, with warnings at fractions of its time and a breach at its end. Pure: the
 * calendar is an argument, `now` too. Clock time is "countable" time: for natural hours all of it;
 * for working clocks only the working days (only their working hours when configured); a pause
 * removes what it covers, so a paused clock never ends earlier than it would have unpaused.
 *
 * Working days count from the day after the start (期间开始的当日不计算在内): N working days end at
 * the end of the N-th working day after the start's day (its working hours' end when configured).
 * All days are those of Asia/Shanghai (UTC+8, no daylight saving since 1991).
 */

export type ClockSpec =
  | { unit: 'natural_hours'; amount: number }
  | { unit: 'working_hours'; amount: number }
  | { unit: 'working_days'; amount: number };

/** Working hours of a working day, `HH:mm` in Asia/Shanghai, e.g. 08:30–17:30. */
export type WorkingHours = { start: string; end: string };

/** A stop of the clock; `to` null: paused now (the clock is stopped until it resumes). */
export type Pause = { from: Date; to: Date | null };

export type DeadlineInput = {
  start: Date;
  clock: ClockSpec;
  pauses?: readonly Pause[];
  /** Optional configuration: without it a working day counts whole (00:00–24:00). */
  workingHours?: WorkingHours | null;
};

export type Deadline =
  | { status: 'due'; dueAt: Date }
  /** Stopped by an open pause: this much clock time is left when it resumes. */
  | { status: 'paused'; remainingMs: number }
  | WaitingCalendar;

export type ClockState =
  | {
      status: 'running' | 'warning' | 'breached' | 'paused';
      /** Clock time used over the clock's whole time (may pass 1 once breached). */
      fraction: number;
      /** The warning fractions reached, ascending. */
      warningsReached: number[];
      /** null while paused (the end is unknown until the clock resumes). */
      dueAt: Date | null;
    }
  | WaitingCalendar;

export const DEFAULT_WARNINGS: readonly number[] = [0.5, 0.75];

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** The instant 00:00 of a `YYYY-MM-DD` in Asia/Shanghai. */
export function shanghaiMidnight(date: string): number {
  return dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The Asia/Shanghai `YYYY-MM-DD` of an instant (ms). */
export function shanghaiDay(ms: number): string {
  return dateOfDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`working hours must be HH:mm, not ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The working period of a day, in ms after its midnight. */
function workingWindow(hours: WorkingHours | null | undefined): [number, number] {
  if (!hours) return [0, DAY_MS];
  const start = minutesOf(hours.start) * 60_000;
  const end = minutesOf(hours.end) * 60_000;
  if (end <= start) throw new RangeError('working hours must end after they start');
  return [start, end];
}

type Interval = { from: number; to: number };

/** The countable periods of a clock from `from` on, in order; a missing year ends them. */
function* periods(
  cal: WorkingCalendar,
  from: number,
  working: boolean,
  window: [number, number],
): Generator<Interval | WaitingCalendar> {
  if (!working) {
    yield { from, to: Infinity };
    return;
  }
  for (let date = shanghaiDay(from); ; date = addDays(date, 1)) {
    const status = workingDayStatus(cal, date);
    if (typeof status === 'object') {
      yield status;
      return;
    }
    if (!status) continue;
    const midnight = shanghaiMidnight(date);
    const to = midnight + window[1];
    if (to > from) yield { from: Math.max(from, midnight + window[0]), to };
  }
}

/** Pauses sorted and merged; an open pause runs to infinity. */
function mergedPauses(pauses: readonly Pause[]): Interval[] {
  const sorted = pauses
    .map((p) => ({ from: p.from.getTime(), to: p.to ? p.to.getTime() : Infinity }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

type Walk =
  | { status: 'due'; at: number }
  | { status: 'limit'; used: number }
  | { status: 'paused'; used: number }
  | WaitingCalendar;

type Plan = { from: number; totalMs: number; working: boolean; window: [number, number] };

function planOf(input: DeadlineInput): Plan {
  const { clock } = input;
  if (!(clock.amount > 0)) throw new RangeError('a clock needs a positive amount');
  const window = workingWindow(input.workingHours);
  const start = input.start.getTime();
  switch (clock.unit) {
    case 'natural_hours':
      return { from: start, totalMs: clock.amount * HOUR_MS, working: false, window };
    case 'working_hours':
      return { from: start, totalMs: clock.amount * HOUR_MS, working: true, window };
    case 'working_days': {
      if (!Number.isInteger(clock.amount)) throw new RangeError('working days are whole days');
      const nextDay = shanghaiMidnight(addDays(shanghaiDay(start), 1));
      const dayLength = window[1] - window[0];
      return { from: nextDay, totalMs: clock.amount * dayLength, working: true, window };
    }
  }
}

/** Uses the clock's countable, unpaused time until its total is used or `limit` is reached. */
function walk(cal: WorkingCalendar, plan: Plan, pauses: Interval[], limit: number): Walk {
  let used = 0;
  let p = 0;
  for (const period of periods(cal, plan.from, plan.working, plan.window)) {
    if ('status' in period) return period;
    let cursor = period.from;
    while (cursor < period.to) {
      if (cursor >= limit) return { status: 'limit', used };
      while (p < pauses.length && (pauses[p] as Interval).to <= cursor) p++;
      const pause = pauses[p];
      const freeEnd = pause && pause.from < period.to ? Math.max(pause.from, cursor) : period.to;
      if (freeEnd > cursor) {
        const end = Math.min(freeEnd, limit);
        const left = plan.totalMs - used;
        if (cursor + left <= end) return { status: 'due', at: cursor + left };
        used += end - cursor;
        if (end >= limit) return { status: 'limit', used };
        cursor = freeEnd;
      }
      if (pause && pause.from <= cursor) {
        if (pause.to === Infinity) return { status: 'paused', used };
        cursor = pause.to;
      }
    }
  }
  throw new Error('unreachable: the periods end with a missing year');
}

/** When the clock runs out: a due time, paused (with the time left), or waiting for a year's data. */
export function computeDeadline(cal: WorkingCalendar, input: DeadlineInput): Deadline {
  const plan = planOf(input);
  const result = walk(cal, plan, mergedPauses(input.pauses ?? []), Infinity);
  switch (result.status) {
    case 'due':
      return { status: 'due', dueAt: new Date(result.at) };
    case 'paused':
      return { status: 'paused', remainingMs: plan.totalMs - result.used };
    case 'limit':
      throw new Error('unreachable: no limit');
    case 'waiting_calendar':
      return result;
  }
}

/** The clock at `now`: how much of its time is used, which warnings it passed, breached or not. */
export function clockState(
  cal: WorkingCalendar,
  input: DeadlineInput,
  now: Date,
  warnAt: readonly number[] = DEFAULT_WARNINGS,
): ClockState {
  const deadline = computeDeadline(cal, input);
  if (deadline.status === 'waiting_calendar') return deadline;
  const plan = planOf(input);
  const pauses = mergedPauses(input.pauses ?? []);
  const at = now.getTime();
  let used: number;
  if (deadline.status === 'due' && at >= deadline.dueAt.getTime()) {
    used = plan.totalMs + Math.max(0, at - deadline.dueAt.getTime());
  } else {
    const r = at <= plan.from ? { status: 'limit' as const, used: 0 } : walk(cal, plan, pauses, at);
    if (r.status === 'waiting_calendar') return r;
    used = r.status === 'due' ? plan.totalMs : r.used;
  }
  const fraction = used / plan.totalMs;
  const warningsReached = [...warnAt].sort((a, b) => a - b).filter((w) => fraction >= w);
  const breached = deadline.status === 'due' && at >= deadline.dueAt.getTime();
  const pausedNow = pauses.some((p) => p.from <= at && at < p.to);
  return {
    status: breached
      ? 'breached'
      : pausedNow
        ? 'paused'
        : warningsReached.length > 0
          ? 'warning'
          : 'running',
    fraction,
    warningsReached,
    dueAt: deadline.status === 'due' ? deadline.dueAt : null,
  };
}
