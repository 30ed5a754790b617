/**
 * The long loops of an import (reading the rows of an upload, checking each) take turns with every
 * other request, and say how far they have come. `ImportWork.step` is awaited once per row: every
 * ~10 ms of work it gives the event loop a turn (setImmediate: I/O callbacks, other requests and
 * timers run before the loop goes on), and at most every 0.5 s it records the progress in
 * `import_progress` under the uploader and the request's Idempotency-Key, where the console polls
 * it (GET /api/imports/:key/progress) from whichever app process answers.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importProgress } from './tables.ts';

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done';
export type ImportProgressView = { phase: ImportPhase; done: number; total: number | null };

/** How long a loop may keep the event loop before it gives a turn. */
export const SLICE_MS = 10;
/** How often the progress is written at most. */
export const REPORT_MS = 500;
/** How long a progress row is kept (a poll comes while its upload runs). */
const KEEP_HOURS = 24;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ImportWork {
  #sliceStart = performance.now();
  #lastReport = 0;
  #writing: Promise<unknown> | null = null;
  #pending: ImportProgressView | null = null;
  #last: ImportProgressView | null = null;

  /** `record` writes a progress; without one (no key, no uploader) the work only takes turns. */
  constructor(private readonly record: ((p: ImportProgressView) => Promise<unknown>) | null) {}

  /** One row of work done: takes a turn when the slice is spent, records the progress when due. */
  step(phase: ImportPhase, done: number, total: number | null): Promise<void> | void {
    const now = performance.now();
    if (this.record && now - this.#lastReport >= REPORT_MS) {
      this.#lastReport = now;
      this.report({ phase, done, total });
    } else this.#last = { phase, done, total };
    if (now - this.#sliceStart < SLICE_MS) return;
    return turn().then(() => void (this.#sliceStart = performance.now()));
  }

  /**
   * Records a progress now (the last one waits for the write before it, so they land in order;
   * one that comes while a write is in flight replaces any other waiting). Never fails the import.
   */
  report(p: ImportProgressView): void {
    this.#last = p;
    if (!this.record) return;
    this.#pending = p;
    if (this.#writing) return;
    const write = async () => {
      while (this.#pending) {
        const next = this.#pending;
        this.#pending = null;
        await this.record?.(next).catch(() => undefined);
      }
      this.#writing = null;
    };
    this.#writing = write();
  }

  /** The work is over: its last counts, as done (an answer follows at once); none: nothing. */
  finish(): void {
    if (this.#last) this.report({ ...this.#last, phase: 'done' });
  }

  /** Waits for the writes in flight (tests, and before the answer goes, so a late poll sees it). */
  async settled(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}

/** Work that only takes turns (no progress is recorded). */
export const untrackedWork = () => new ImportWork(null);

/** The work of one upload, its progress recorded for the uploader under the request's key. */
export function trackedWork(db: Db, userId: string, key: string): ImportWork {
  return new ImportWork((p) =>
    db
      .insert(importProgress)
      .values({ userId, key, ...p, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [importProgress.userId, importProgress.key],
        set: { phase: p.phase, done: p.done, total: p.total, updatedAt: new Date() },
      }),
  );
}

/** The progress of the uploader's upload under that key, or null (another user's is null too). */
export async function readImportProgress(
  db: Db,
  userId: string,
  key: string,
): Promise<ImportProgressView | null> {
  const [row] = await db
    .select({ phase: importProgress.phase, done: importProgress.done, total: importProgress.total })
    .from(importProgress)
    .where(and(eq(importProgress.userId, userId), eq(importProgress.key, key)));
  return row ? { ...row, phase: row.phase as ImportPhase } : null;
}

/** Forgets progress older than a day; returns how many rows went. */
export async function pruneImportProgress(db: Db): Promise<number> {
  const pruned = await db
    .delete(importProgress)
    .where(
      lt(importProgress.updatedAt, sql`now() - interval '${sql.raw(String(KEEP_HOURS))} hours'`),
    )
    .returning({ key: importProgress.key });
  return pruned.length;
}
