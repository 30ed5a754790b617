import { randomBytes } from 'node:crypto';
import ExcelJS from '../platform/excel/exceljs.ts';
import type { Db } from '../db/client.ts';
import { rosterEntries, rosterRounds } from '../modules/rosters/tables.ts';
import type { RosterRow } from '../modules/rosters/rows.ts';
import { rosterHeaders } from '../modules/subjects/contract.ts';
import { maskIdNumber, type SensitiveCipher } from '../platform/sensitive/sensitive.ts';
import { makeIdNumber } from '../platform/contract/id-number.ts';
import { toBuffer, writeListExport } from '../platform/excel/export.ts';
import { communityIn, uniqueIdNumber } from './subject-factories.ts';

/** The template's required header texts, in order. */
export const ROSTER_HEADERS: string[] = Object.values(rosterHeaders);

export type SheetRow = Record<string, string | number | Date | undefined>;

/** A valid row of an elder in a community (override any column by its header text). */
export function rosterRow(communityCode: string, overrides: SheetRow = {}): SheetRow {
  return {
    姓名: '刘桂芝',
    身份证号: uniqueIdNumber('1940-02-02'),
    人员类型: '老年人',
    联系电话: '13812345678',
    所属社区代码: communityCode,
    住址: '沈阳市大东区测试路1号1-1-1',
    类别: '独居、高龄',
    关爱等级: '重点探访',
    接受探访意愿: '是',
    紧急联系人: '刘建国',
    紧急联系人电话: '13900001234',
    ...overrides,
  };
}

/** An .xlsx with the given header texts (the template's by default) and rows. */
export async function rosterWorkbook(rows: SheetRow[], headers = ROSTER_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(headers.map((h) => row[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field, for `app.inject`. */
export function multipart(content: Buffer, field = 'file', fileName = '名册.xlsx') {
  const boundary = `----guanai${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(fileName)}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A round of the street of `divisionCode` with one proposed addition in a community there. */
export async function makeRound(
  db: Db,
  cipher: SensitiveCipher,
  o: {
    divisionCode: string;
    status?: 'open' | 'submitted';
    month?: string;
    /** Who submitted it (a submitted round): they may take the submission back. */
    submittedBy?: string;
  },
) {
  const community = await communityIn(db, o.divisionCode);
  const street = `${community.slice(0, 9)}000`;
  const month =
    o.month ??
    `20${String(10 + Math.floor(Math.random() * 80))}-0${1 + Math.floor(Math.random() * 9)}`;
  const [round] = await db
    .insert(rosterRounds)
    .values({
      divisionCode: street,
      month,
      status: o.status ?? 'open',
      ...(o.submittedBy ? { submittedBy: o.submittedBy, submittedAt: new Date() } : {}),
    })
    .onConflictDoNothing()
    .returning();
  if (!round) return makeRound(db, cipher, o);
  const idNumber = uniqueIdNumber('1941-04-04', 'male');
  const row: RosterRow = {
    name: '陈德明',
    idNumber,
    kind: 'elder',
    sex: 'male',
    birthDate: '1941-04-04',
    mobile: null,
    landline: '024-22334455',
    communityCode: community,
    address: '沈阳市大东区测试街8号',
    categories: ['empty_nest'],
    careLevel: 'regular',
    consent: 'given',
    consentDate: undefined,
    refusalReason: undefined,
    emergencyContact: null,
    emergencyPhone: null,
    healthNotes: undefined,
  };
  const [entry] = await db
    .insert(rosterEntries)
    .values({
      roundId: round.id,
      divisionCode: community,
      action: 'add',
      idNumberHash: cipher.lookupHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      name: row.name,
      kind: row.kind,
      payloadCipher: cipher.encrypt(JSON.stringify(row)),
      payloadHash: cipher.lookupHash(JSON.stringify(row)),
      changes: [],
    })
    .returning({ id: rosterEntries.id });
  return { round, entryId: entry?.id as string, community, idNumber };
}

/**
 * A large upload of `count` valid elders in a community, streamed (distinct ID numbers: the birth
 * date walks the days from 1930, the order code the rest), for the tests of big imports.
 */
export async function largeRosterWorkbook(count: number, communityCode: string): Promise<Buffer> {
  const start = Date.UTC(1930, 0, 1);
  function* rows() {
    for (let i = 0; i < count; i++) {
      const day = new Date(start + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
      const id = makeIdNumber('210104', day, Math.floor(i / 9000) + 1, i % 2 ? 'male' : 'female');
      yield ROSTER_HEADERS.map((h) => String(rosterRow(communityCode, { 身份证号: id })[h] ?? ''));
    }
  }
  return toBuffer((out) => writeListExport(out, '名册', ROSTER_HEADERS, rows()));
}
