import { sql } from 'drizzle-orm';
import { inScope } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { parseIdNumber } from '../../platform/contract/id-number.ts';
import { normalisePhone } from '../../platform/contract/phone.ts';
import {
  parseDateText,
  readSheet,
  SheetFileError,
  type SheetRow,
} from '../../platform/excel/read.ts';
import { untrackedWork, type ImportWork } from '../../platform/imports/progress.ts';
import { tooLargeError } from '../../platform/excel/limits.ts';
import {
  ImportError,
  rejectedRow,
  type RejectedRow,
} from '../../platform/contract/import-errors.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { findRosterSubjects, rosterSubjectOf, type RosterSubject } from '../subjects/service.ts';
import { SourceRecordError, sourceFields, type Source, type SourceField } from './contract.ts';
import { compareFields, maskedComparison } from './compare.ts';
import type { SourceRecordsContext } from './context.ts';
import { findDisagreements, sourceValuesOf } from './disagreements.ts';
import { sourceValues } from './tables.ts';

export type { SourceRecordsContext } from './context.ts';

type Key = 'idNumber' | SourceField;
const spec = {
  columns: [
    { key: 'idNumber' as const, header: '身份证号' },
    ...sourceFields.map((f) => ({ ...f, optional: true })),
  ],
  dateKeys: new Set(['birthDate', 'deathDate']),
};
const known = sourceFields.map((f) => f.header).join('、');
const headerOf = (key: Key) => spec.columns.find((c) => c.key === key)?.header ?? key;

/** A value as compared: dates and phones normalised, text trimmed. */
function normalise(field: SourceField, value: string): string | null {
  if (field === 'birthDate' || field === 'deathDate') return parseDateText(value);
  if (field === 'phone') return normalisePhone(value)?.number ?? null;
  if (field === 'sex')
    return (
      ({ 男: 'male', 女: 'female', male: 'male', female: 'female' } as Record<string, string>)[
        value
      ] ?? null
    );
  return value.length <= 200 ? value : null;
}

/** A department's file checked (checkSourceRecords): the answer, and the values to keep. */
export type CheckedSourceRecords = {
  result: { accepted: number; unmatched: number; values: number; rejected: RejectedRow[] };
  rows: (typeof sourceValues.$inferInsert)[];
  /** The roster's people the file matched (their disagreements are looked for at the commit). */
  subjects: RosterSubject[];
};

/**
 * A department's file read and checked, writing nothing: rows are matched to the roster by ID
 * number inside the uploader's scope; every problem is reported. The loops take turns with other
 * requests and report to `work` (the routes run it before the import's transaction).
 */
export async function checkSourceRecords(
  c: SourceRecordsContext,
  input: { file: Buffer; source: Source; asOf: string; work?: ImportWork | undefined },
): Promise<CheckedSourceRecords> {
  const { actor, locale } = c;
  const { file, work = untrackedWork(), ...opts } = input;
  const sheet: SheetRow<Key>[] = [];
  try {
    for await (const row of readSheet(file, spec, c.importLimits, work)) sheet.push(row);
  } catch (err) {
    if (!(err instanceof SheetFileError)) throw err;
    if (err.reason === 'too_large') throw tooLargeError(err);
    throw new AppError(
      err.reason === 'not_xlsx' ? ImportError.file_not_xlsx : SourceRecordError.file_headers,
      {
        params: { known, idHeader: '身份证号' },
        fields: [{ field: 'file', code: SourceRecordError.file_headers }],
      },
    );
  }
  const rejected: RejectedRow[] = [];
  const reject = (row: number, key: Key, code: string) =>
    rejected.push(rejectedRow(row, headerOf(key), code, {}, locale));
  const parsed: { row: number; hash: string; values: [SourceField, string][] }[] = [];
  const step = (done: number) => work.step('checking', done, sheet.length);
  for (const [i, { row, values }] of sheet.entries()) {
    const turn = step(i);
    if (turn) await turn;
    const id = parseIdNumber(values.idNumber ?? '', c.today);
    if (!id.ok) {
      reject(
        row,
        'idNumber',
        values.idNumber ? `import.id_number_${id.problem}` : ImportError.required,
      );
      continue;
    }
    const kept: [SourceField, string][] = [];
    for (const { key } of sourceFields) {
      const raw = values[key];
      if (!raw) continue;
      const value = normalise(key, raw);
      if (value === null)
        reject(row, key, key === 'phone' ? ImportError.phone_invalid : ImportError.date_invalid);
      else kept.push([key, value]);
    }
    parsed.push({ row, hash: c.sensitive.lookupHash(id.value.idNumber), values: kept });
  }
  if (sheet.length > 0 && parsed.every((p) => p.values.length === 0) && rejected.length === 0)
    throw new AppError(SourceRecordError.no_values, { params: { known } });

  const people = await findRosterSubjects(
    c,
    parsed.map((p) => p.hash),
  );
  const matched = parsed.filter((p) => {
    const person = people.get(p.hash);
    return person && inScope(actor, person.divisionCode);
  });
  const rows: CheckedSourceRecords['rows'] = [];
  for (const p of matched) {
    const turn = step(sheet.length);
    if (turn) await turn;
    for (const [field, value] of p.values)
      rows.push({
        subjectId: (people.get(p.hash) as RosterSubject).id,
        source: opts.source,
        field,
        valueCipher: c.sensitive.encrypt(value),
        asOf: opts.asOf,
        importedBy: actor.userId,
        createdAt: c.now,
      });
  }
  const result = {
    accepted: matched.length,
    unmatched: parsed.length - matched.length,
    values: rows.length,
    rejected,
  };
  return { result, rows, subjects: matched.map((p) => people.get(p.hash) as RosterSubject) };
}

/**
 * A department's file, checked (checkSourceRecords): the values of matched rows are kept with the
 * source and the date, the rest is not kept at all; nothing is written unless no row is rejected.
 */
export async function importSourceRecords(
  c: SourceRecordsContext,
  input: { checked: CheckedSourceRecords; source: Source; asOf: string; dryRun: boolean },
) {
  const { actor } = c;
  const { checked, ...opts } = input;
  const { result, rows, subjects } = checked;
  if (opts.dryRun || result.rejected.length > 0) return { ...result, committed: false };
  await c.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000)
      await tx
        .insert(sourceValues)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [
            sourceValues.subjectId,
            sourceValues.source,
            sourceValues.field,
            sourceValues.asOf,
          ],
          set: {
            valueCipher: sql`excluded.value_cipher`,
            importedBy: sql`excluded.imported_by`,
            createdAt: sql`excluded.created_at`,
          },
        });
    await findDisagreements({ ...c, db: tx }, subjects);
    await audit(tx, actor, {
      action: 'source.import',
      entity: 'source_values',
      detail: {
        source: opts.source,
        asOf: opts.asOf,
        matched: result.accepted,
        values: rows.length,
      },
    });
  });
  return { ...result, committed: true };
}

/** Each field with the roster's value and every department's, and whether they disagree. */
export async function subjectSources(c: SourceRecordsContext, id: string) {
  const { actor } = c;
  const subject = await rosterSubjectOf(c, id);
  const found = await sourceValuesOf(c, [id]);
  const fields = compareFields(subject, found.get(id) ?? []).map((f) =>
    maskedComparison(f, c.today),
  );
  await audit(c.db, actor, {
    action: 'subject.view',
    entity: 'subject',
    entityId: id,
    detail: { part: 'sources' },
  });
  return {
    fields,
    deathReported:
      subject.status === 'active' &&
      fields.some((f) => f.field === 'deathDate' && f.values.length > 0),
  };
}
