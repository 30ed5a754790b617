import { createHash } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { rows as queryRows, type Db } from '../../../db/client.ts';
import { inScope } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Locale } from '../../../platform/contract/errors.ts';
import {
  ImportError,
  rejectedRow,
  type RejectedRow,
} from '../../../platform/contract/import-errors.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { maskIdNumber } from '../../../platform/sensitive/sensitive.ts';
import { divisionNames, listDivisions } from '../../divisions/service.ts';
import { currentRules, suggestCareLevel } from '../../care-levels/service.ts';
import type { SubjectKind } from '../../subjects/contract.ts';
import { careLevelFloor, findRosterSubjects, type RosterSubject } from '../../subjects/service.ts';
import type { RosterContext } from '../context.ts';
import { RosterError } from '../contract.ts';
import { diffRow, mergeWithLive, sealChanges, type FieldChange } from '../changes.ts';
import { tooLargeError } from '../../../platform/excel/limits.ts';
import { SheetFileError, type SheetLimits } from '../../../platform/excel/read.ts';
import { untrackedWork, type ImportWork } from '../../../platform/imports/progress.ts';
import {
  readRosterSheet,
  rosterColumns,
  type RosterColumnKey,
  type RosterSheetRow,
} from '../excel.ts';
import { checkRow, headerOf, type RosterRow, type RowProblem } from '../rows.ts';
import { rosterEntries, rosterImports, rosterRounds } from '../tables.ts';
import { assertRoundsOpen, openRound, streetOf, type RoundTarget } from './rounds.ts';

/** A row that passed every check, with what it changes on the live roster. */
export type CheckedRow = {
  row: number;
  data: RosterRow;
  hash: string;
  live: RosterSubject | null;
  changes: FieldChange[];
};

export type Rejected = RejectedRow;

export type CheckedUpload = {
  rows: CheckedRow[];
  rejected: Rejected[];
  problems: Map<number, { field: RosterColumnKey | null; message: string }[]>;
  sheet: RosterSheetRow[];
  headers: string[];
};

/** Rows looked up on the roster per query (the ID numbers' hashes of a batch in one statement). */
const LOOKUP_BATCH = 2000;

export const rejection = (row: number, p: RowProblem, locale: Locale): Rejected =>
  rejectedRow(
    row,
    headerOf(p.field),
    p.code,
    Object.fromEntries(
      Object.entries(p.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]),
    ),
    locale,
  );

/**
 * Reads the whole upload (the file is refused as a whole when it is not a roster template), taking
 * turns with other requests and reporting the rows read to `work`.
 */
export async function readUpload(
  file: Buffer,
  limits: SheetLimits,
  work: ImportWork = untrackedWork(),
): Promise<{ sheet: RosterSheetRow[]; headers: string[] }> {
  const sheet: RosterSheetRow[] = [];
  try {
    for await (const row of readRosterSheet(file, limits, work)) sheet.push(row);
  } catch (err) {
    if (!(err instanceof SheetFileError)) throw err;
    if (err.reason === 'too_large') throw tooLargeError(err);
    if (err.reason === 'not_xlsx')
      throw new AppError(ImportError.file_not_xlsx, {
        fields: [{ field: 'file', code: ImportError.file_not_xlsx }],
      });
    throw new AppError(RosterError.file_headers, {
      params: {
        expected: rosterColumns
          .filter((c) => !('optional' in c))
          .map((c) => c.header)
          .join('、'),
        missing: (err.detail.missing ?? []).join('、'),
      },
      fields: [{ field: 'file', code: RosterError.file_headers }],
    });
  }
  if (sheet.length === 0)
    throw new AppError(ImportError.file_empty, {
      fields: [{ field: 'file', code: ImportError.file_empty }],
    });
  const headers = rosterColumns
    .filter((c) => sheet.some((r) => c.key in r.values) || !('optional' in c))
    .map((c) => c.header);
  return { sheet, headers };
}

/**
 * Every check of every row: the row itself, duplicates inside the file, people already on the
 * roster elsewhere (named only where the uploader may see the place) or proposed by another street.
 * The loops over the rows take turns with other requests and report the rows checked to `work`;
 * the database is asked in batches, never per row.
 */
export async function checkUpload(
  c: RosterContext,
  upload: { sheet: RosterSheetRow[]; headers: string[] },
  work: ImportWork = untrackedWork(),
): Promise<CheckedUpload> {
  const { actor, locale } = c;
  const total = upload.sheet.length;
  const step = (done: number) => work.step('checking', done, total);
  const columns = new Set(
    rosterColumns.filter((col) => upload.headers.includes(col.header)).map((col) => col.key),
  );
  const communities = new Set(
    (await listDivisions(c.db, actor, { today: c.today }))
      .filter((d) => d.level === 'community' || d.level === 'grid')
      .map((d) => d.code),
  );
  // the rounds the rows go into: a month that no longer takes changes is refused as a whole
  const streets = new Set<string>();
  for (const r of upload.sheet) {
    const code = r.values.communityCode?.replace(/\s/g, '');
    if (code && communities.has(code)) streets.add(streetOf(code));
  }
  await assertRoundsOpen(c, [...streets]);
  const { rules } = await currentRules(c.db, c.today);
  const suggest = (kind: SubjectKind, age: number, categories: string[]) =>
    suggestCareLevel(rules, { kind, age, categories }, careLevelFloor(kind, categories)).level;
  const rowCheck = { columns, communities, today: c.today, suggest };
  const problems = new Map<number, RowProblem[]>();
  const note = (row: number, p: RowProblem) => problems.set(row, [...(problems.get(row) ?? []), p]);
  const firstRowOf = new Map<string, number>();
  const householdOf = new Map<string, { row: number; address: string }>();
  const valid: { row: number; data: RosterRow; hash: string }[] = [];
  let done = 0;
  for (const sheetRow of upload.sheet) {
    const turn = step(done++);
    if (turn) await turn;
    const checked = checkRow(rowCheck, sheetRow);
    for (const p of checked.problems) note(sheetRow.row, p);
    if (!checked.row) continue;
    const first = firstRowOf.get(checked.row.idNumber);
    if (first !== undefined) {
      note(sheetRow.row, {
        field: 'idNumber',
        code: RosterError.duplicate_in_file,
        params: { other: first },
      });
      continue;
    }
    firstRowOf.set(checked.row.idNumber, sheetRow.row);
    // one household, one address: members of a 户编号 live where its first row says
    const { householdKey, communityCode, address } = checked.row;
    const household = householdKey ? `${communityCode}/${householdKey}` : null;
    const head = household ? householdOf.get(household) : undefined;
    if (household && head && head.address !== address) {
      note(sheetRow.row, {
        field: 'address',
        code: RosterError.household_address,
        params: { other: head.row },
      });
      continue;
    }
    if (household && !head) householdOf.set(household, { row: sheetRow.row, address });
    valid.push({
      row: sheetRow.row,
      data: checked.row,
      hash: c.sensitive.lookupHash(checked.row.idNumber),
    });
  }

  // in batches with a turn between them: a query on PGlite runs on this thread
  const live = new Map<string, RosterSubject>();
  const elsewhere = new Map<string, string>();
  for (let i = 0; i < valid.length; i += LOOKUP_BATCH) {
    const batch = valid.slice(i, i + LOOKUP_BATCH);
    const [people, pending] = await Promise.all([
      findRosterSubjects(
        c,
        batch.map((v) => v.hash),
      ),
      pendingInOtherStreets(
        c.db,
        c.month,
        batch.map((v) => ({ hash: v.hash, street: streetOf(v.data.communityCode) })),
      ),
    ]);
    for (const [hash, person] of people) live.set(hash, person);
    for (const [hash, street] of pending) elsewhere.set(hash, street);
    const turn = step(total);
    if (turn) await turn;
  }
  const places = await divisionNames(c.db, [
    ...[...live.values()].map((l) => l.divisionCode),
    ...elsewhere.values(),
  ]);
  const placeOf = (code: string) =>
    inScope(actor, code)
      ? (places.get(code) ?? code)
      : locale === 'zh-CN'
        ? '其他地区'
        : 'another area';
  const rows: CheckedRow[] = [];
  for (const v of valid) {
    const turn = step(total);
    if (turn) await turn;
    const person = live.get(v.hash) ?? null;
    const street = elsewhere.get(v.hash);
    if (person && !inScope(actor, person.divisionCode)) {
      note(v.row, {
        field: 'idNumber',
        code: RosterError.duplicate_elsewhere,
        params: { place: placeOf(person.divisionCode) },
      });
    } else if (street) {
      note(v.row, {
        field: 'idNumber',
        code: RosterError.duplicate_elsewhere,
        params: { place: placeOf(street) },
      });
    } else {
      const data = person ? mergeWithLive(person, v.data) : v.data;
      rows.push({ ...v, data, live: person, changes: person ? diffRow(person, data) : [] });
    }
  }
  work.report({ phase: 'checking', done: total, total });
  const rejected: Rejected[] = [];
  const forFile: CheckedUpload['problems'] = new Map();
  for (const [row, list] of [...problems].sort(([a], [b]) => a - b)) {
    const turn = step(total);
    if (turn) await turn;
    const made = list.map((p) => rejection(row, p, locale));
    rejected.push(...made);
    forFile.set(
      row,
      list.map((p, i) => ({ field: p.field, message: made[i]?.message ?? '' })),
    );
  }
  return { rows, rejected, problems: forFile, sheet: upload.sheet, headers: upload.headers };
}

/** People another street's round of the month already proposes to add or change: hash → street. */
async function pendingInOtherStreets(
  db: Db,
  month: string,
  wanted: { hash: string; street: string }[],
) {
  const found = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 5000) {
    const batch = wanted.slice(i, i + 5000);
    const streets = new Map(batch.map((w) => [w.hash, w.street]));
    const rows = await db
      .select({ hash: rosterEntries.idNumberHash, street: rosterRounds.divisionCode })
      .from(rosterEntries)
      .innerJoin(rosterRounds, eq(rosterRounds.id, rosterEntries.roundId))
      .where(
        and(
          eq(rosterRounds.month, month),
          ne(rosterRounds.status, 'approved'),
          inArray(rosterEntries.idNumberHash, [...streets.keys()]),
          ne(rosterEntries.action, 'remove'),
        ),
      );
    for (const r of rows) if (streets.get(r.hash) !== r.street) found.set(r.hash, r.street);
  }
  return found;
}

/**
 * Writes the checked rows into the rounds of their streets, all or none: a row that proposes what
 * the live roster or the round already holds changes nothing, and the same file again is recognised.
 */
export async function commitUpload(
  c: RosterContext,
  file: { sheet: RosterSheetRow[]; name: string; rows: CheckedRow[] },
): Promise<{ accepted: number; unchanged: number; duplicateFile: boolean; into: RoundTarget[] }> {
  const { actor } = c;
  const { rows } = file;
  const fileHash = sheetHash(file.sheet);
  const scope = actor.scope.divisionCode ?? '';
  return c.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727200, hashtext(${`${scope}/${c.month}`}))`);
    const [seen] = await tx
      .select({ accepted: rosterImports.accepted })
      .from(rosterImports)
      .where(
        and(
          eq(rosterImports.divisionCode, scope),
          eq(rosterImports.month, c.month),
          eq(rosterImports.fileHash, fileHash),
          eq(rosterImports.committed, true),
        ),
      );
    if (seen)
      return { accepted: seen.accepted, unchanged: rows.length, duplicateFile: true, into: [] };

    const [{ id: importId } = { id: '' }] = await tx
      .insert(rosterImports)
      .values({
        divisionCode: scope,
        month: c.month,
        fileHash,
        fileName: file.name.slice(0, 200),
        accepted: rows.length,
        uploadedBy: actor.userId,
        createdAt: c.now,
      })
      .returning({ id: rosterImports.id });
    // each street's round that takes changes (after approval: a correction round, or next month's)
    const roundOf = new Map<string, string>();
    const into: RoundTarget[] = [];
    for (const street of [...new Set(rows.map((r) => streetOf(r.data.communityCode)))].sort()) {
      const round = await openRound({ ...c, db: tx }, street, c.month);
      roundOf.set(street, round.id);
      into.push({
        divisionCode: street,
        month: round.month,
        sequence: round.sequence,
        correctsMonth: round.month === c.month ? null : c.month,
      });
    }
    const proposed = rows.filter((r) => !r.live || r.changes.length > 0);
    let written = 0;
    // One statement per 5,000 rows, its columns as arrays (unnest): the statement stays small
    // however many rows it carries, and an entry whose proposal did not change is left as it is.
    for (let i = 0; i < proposed.length; i += 5000) {
      const batch = proposed.slice(i, i + 5000);
      // one parameter each (drizzle would spread a plain array into a list)
      const column = <T>(f: (r: CheckedRow) => T) => sql.param(batch.map(f));
      const payloads = batch.map((r) => JSON.stringify(r.data));
      const result = await queryRows<{ id: string }>(
        tx,
        sql`insert into roster_entries (round_id, division_code, action, subject_id, id_number_hash,
            id_number_masked, name, kind, payload_cipher, payload_hash, changes, import_id, row_number,
            created_by, created_at, updated_at)
          select round_id, division_code, action, subject_id, id_number_hash, id_number_masked, name,
            kind, payload_cipher, payload_hash, changes, ${importId}::uuid, row_number, ${actor.userId}::uuid,
            ${c.now}::timestamptz, ${c.now}::timestamptz
          from unnest(${column((r) => roundOf.get(streetOf(r.data.communityCode)))}::uuid[],
            ${column((r) => r.data.communityCode)}::text[],
            ${column((r) => (r.live ? 'change' : 'add'))}::text[],
            ${column((r) => r.live?.id ?? null)}::uuid[],
            ${column((r) => r.hash)}::text[],
            ${column((r) => maskIdNumber(r.data.idNumber))}::text[],
            ${column((r) => r.data.name)}::text[],
            ${column((r) => r.data.kind)}::text[],
            ${sql.param(payloads.map((p) => c.sensitive.encrypt(p)))}::text[],
            ${sql.param(payloads.map((p) => c.sensitive.lookupHash(p)))}::text[],
            ${column((r) => JSON.stringify(sealChanges(c.sensitive, r.changes, r.live)))}::jsonb[],
            ${column((r) => r.row)}::int[])
            as t(round_id, division_code, action, subject_id, id_number_hash, id_number_masked, name,
              kind, payload_cipher, payload_hash, changes, row_number)
          on conflict (round_id, id_number_hash) do update set
            division_code = excluded.division_code, action = excluded.action, name = excluded.name,
            kind = excluded.kind, payload_cipher = excluded.payload_cipher,
            payload_hash = excluded.payload_hash, changes = excluded.changes, removal_reason = null,
            removal_note = null,
            -- a returned change uploaded again is fixed, and keeps the street's comment as its trace
            review_state = case when roster_entries.review_state in ('returned', 'fixed')
              then 'fixed' else 'pending' end,
            review_comment = case when roster_entries.review_state in ('returned', 'fixed')
              then roster_entries.review_comment end,
            import_id = excluded.import_id, row_number = excluded.row_number,
            updated_at = excluded.updated_at
          where roster_entries.payload_hash is distinct from excluded.payload_hash
            or roster_entries.action <> excluded.action
          returning id`,
      );
      written += result.length;
    }
    await audit(tx, actor, {
      action: 'roster.import',
      entity: 'roster_import',
      entityId: importId,
      detail: { month: c.month, file: file.name.slice(0, 200), rows: rows.length, written },
    });
    return { accepted: rows.length, unchanged: rows.length - written, duplicateFile: false, into };
  });
}

/** The file's content (its rows as read), so that the same sheet saved again is recognised too. */
export const sheetHash = (sheet: RosterSheetRow[]) =>
  createHash('sha256').update(JSON.stringify(sheet)).digest('hex');

/**
 * Keeps a refused upload (nothing committed) for the communities' progress in their round: who
 * tried, when, and how many rows were refused.
 */
export async function recordRefusedUpload(
  c: RosterContext,
  file: { sheet: RosterSheetRow[]; name: string; rejected: number },
) {
  await c.db.insert(rosterImports).values({
    divisionCode: c.actor.scope.divisionCode ?? '',
    month: c.month,
    fileHash: sheetHash(file.sheet),
    fileName: file.name.slice(0, 200),
    accepted: 0,
    rejected: file.rejected,
    committed: false,
    uploadedBy: c.actor.userId,
    createdAt: c.now,
  });
}
