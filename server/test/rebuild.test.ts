import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterRounds } from '../modules/rosters/tables.ts';
import { ageOn } from '../platform/contract/id-number.ts';
import ExcelJS from '../platform/excel/exceljs.ts';
import { call, loggedIn, type Session } from './actors.ts';
import { endpointFixtures } from './endpoint-fixtures.ts';
import { allEndpoints, describeEndpoint, send, type NamedEndpoint } from './endpoints.ts';
import { makeCommunity, makeStreet } from './factories.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { multipart, rosterRow, rosterWorkbook } from './roster-support.ts';
import { makeSubject } from './subject-factories.ts';

/**
 * Issue 8 item 1: no masked answer may carry enough to rebuild a sealed value. A person with known
 * values is on the roster, in a department's records and in a round's changes; every read endpoint
 * that answers about people is called, and an attacker's work is done on the answers together:
 * nothing holds the full ID number, the birth date in any format, a full phone or the address's
 * house part, and what the masked pieces leave still has many candidates.
 */
const ID = '210104194507160029'; // synthetic: 1945-07-16, female (17th digit 2), check digit 9
const BIRTH = '1945-07-16';
const MOBILE = '13812345678';
const NEW_MOBILE = '13987654321';
const LANDLINE = '024-22334455';
const EMERGENCY = '13700001111';
const STREET_PART = '沈阳市大东区测试路';
const ADDRESS = `${STREET_PART}12号3-2-1`;
const NEW_ADDRESS = `${STREET_PART}36号5-1-2`;
const NAME = '郑秀兰';

let t: TestApp;
let admin: Session;
let street: string;
let community: string;
let subject: { id: string; householdId: string };
let roundId: string;
const answers: { endpoint: string; text: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
  street = (await makeStreet(t.db)).code;
  community = (await makeCommunity(t.db, { streetCode: street })).code;
  subject = await makeSubject(t.db, t.ctx.sensitive, {
    divisionCode: community,
    idNumber: ID,
    birthDate: BIRTH,
    sex: 'female',
    name: NAME,
    mobile: MOBILE,
    landline: LANDLINE,
    address: ADDRESS,
    contacts: [{ name: '郑建国', relation: 'child', isEmergency: true, phone: EMERGENCY }],
  });
  // a department's record of the same person, its birth date written another way
  const sources = multipart(
    await rosterWorkbook(
      [{ 身份证号: ID, 出生日期: '1945/7/16', 联系电话: MOBILE, 现住址: ADDRESS }],
      ['身份证号', '出生日期', '联系电话', '现住址'],
    ),
  );
  const imported = await call(t, admin, {
    method: 'POST',
    url: '/api/source-records/import?source=household_registration&asOf=2026-10-31',
    ...sources,
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  // the community's roster of the month changes the person's phone and address
  const worker = await loggedIn(t, { role: 'community_worker', divisionCode: community });
  const upload = multipart(
    await rosterWorkbook([
      rosterRow(community, {
        姓名: NAME,
        身份证号: ID,
        联系电话: NEW_MOBILE,
        住址: NEW_ADDRESS,
        紧急联系人: '郑建国',
        紧急联系人电话: EMERGENCY,
      }),
    ]),
  );
  const uploaded = await call(t, worker, {
    method: 'POST',
    url: '/api/subjects/import',
    ...upload,
  });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
  expect(uploaded.body.committed, JSON.stringify(uploaded.body)).toBe(true);
  const [round] = await t.db
    .select({ id: rosterRounds.id })
    .from(rosterRounds)
    .where(eq(rosterRounds.divisionCode, street));
  roundId = round?.id ?? '';
  expect(roundId).not.toBe('');

  for (const e of reads) answers.push({ endpoint: describeEndpoint(e), text: await answerOf(e) });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/**
 * Every endpoint that reads people: lists, files, searches, exports (uploads and reveals aside; the
 * progress of a photo upload, a count of bytes; and the field app's sync, a visitor's own, which
 * holds the phones and address a visit needs in full by design, each sync audited, and the ID
 * number as the same stored mask the subject views give).
 */
const reads = allEndpoints.filter(
  (e) =>
    !e.upload &&
    e.name !== 'getVisitPhotoUpload' &&
    e.name !== 'syncVisits' &&
    !/reveal/i.test(e.name) &&
    !e.path.startsWith('/api/auth') &&
    (e.method === 'GET' || (e.method === 'POST' && /\/(search|export)$/.test(e.path))),
);

/** The request of an endpoint about the person: the fixture's, aimed at the person's objects. */
async function requestOf(e: NamedEndpoint) {
  const fixture = endpointFixtures[e.name];
  if (!fixture) throw new Error(`no fixture for ${e.name}`);
  const base = await fixture({
    t,
    actor: admin,
    division: street,
    organisation: null,
    freshSession: () => loggedIn(t, { role: 'admin' }),
  });
  const params = { ...base.params };
  if (e.path.startsWith('/api/subjects/:id')) params.id = subject.id;
  if (e.path.startsWith('/api/households/:id')) params.id = subject.householdId;
  if (e.path.startsWith('/api/roster-rounds/:id')) params.id = roundId;
  const query: Record<string, string> = { ...base.query };
  if (e.name === 'listSubjects') query.q = NAME;
  if ('divisionCode' in query) query.divisionCode = street;
  if (e.name === 'listRosterRounds' || e.name === 'getClassification') delete query.divisionCode;
  let body = base.body;
  if (e.name === 'searchSubjects' || e.name === 'exportSubjects') body = { idNumber: ID };
  if (e.name === 'exportRosterRounds')
    body = { month: t.ctx.clock.now().toISOString().slice(0, 7) };
  return { ...base, params, query, body };
}

async function answerOf(e: NamedEndpoint): Promise<string> {
  const { status, body, res } = await send(t, e, await requestOf(e), admin);
  expect(status, `${describeEndpoint(e)}: ${JSON.stringify(body)}`).toBeLessThan(300);
  if (!e.download) return JSON.stringify(body);
  // a stored file (a photo) is bytes, not a view of a person's fields; its EXIF is stripped
  if (e.download !== 'xlsx') return '';
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res?.rawPayload as never);
  const cells: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
  );
  return cells.join('\n');
}

const digits = (s: string) => s.replace(/\D/g, '');

describe('what the masked answers hold, each and together', () => {
  it('calls the reads that answer about people, and finds the person in them', () => {
    const names = reads.map((e) => e.name);
    for (const name of [
      'listSubjects',
      'searchSubjects',
      'getSubject',
      'getHousehold',
      'exportSubjects',
      'getRosterRound',
      'exportRosterRound',
      'getClassification',
      'exportClassification',
      'getSubjectSources',
    ])
      expect(names).toContain(name);
    const about = answers.filter((a) => a.text.includes(NAME)).map((a) => a.endpoint);
    expect(about.length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ['the full ID number', ID],
    ['the birth date as YYYYMMDD', '19450716'],
    ['the birth date as YYYY-MM-DD', '1945-07-16'],
    ['the birth date as YYYY/M/D', '1945/7/16'],
    ['the birth date as YYYY/MM/DD', '1945/07/16'],
    ['the birth date as YYYY年M月D日', '1945年7月16日'],
    ['the birth date as YYYY.M.D', '1945.7.16'],
    ['the mobile', MOBILE],
    ['the new mobile', NEW_MOBILE],
    ['the landline', digits(LANDLINE).slice(3)],
    ['the emergency contact’s phone', EMERGENCY],
    ['the house part of the address', '12号'],
    ['the house part of the new address', '36号'],
    ['the flat of the address', '3-2-1'],
  ])('no answer holds %s', (_what, value) => {
    const holding = answers
      // numbers also with their separators taken out (a phone 138-1234-5678, a date 1945 07 16)
      .filter(
        (a) =>
          a.text.includes(value) ||
          (/^[\d\-/.]+$/.test(value) && value.length > 6 && digits(a.text).includes(digits(value))),
      )
      .map((a) => a.endpoint);
    expect(holding).toEqual([]);
  });

  it('the masked ID numbers, the age and the sex shown leave at least 20 candidates', () => {
    const text = answers.map((a) => a.text).join('\n');
    // every form of the number shown: the digits shown, and where they stand
    const shown = [...text.matchAll(/\b(\d{6})\*{8}(\d{3}[\dX])\b/g)].map((m) => m[0]);
    expect(shown.length).toBeGreaterThan(0);
    const known = Array.from({ length: 18 }, (_, i) => shown.find((s) => s[i] !== '*')?.[i]);
    expect(known.slice(6, 14).every((d) => d === undefined)).toBe(true); // no birth digit shown
    // the ages shown (all on today, in Asia/Shanghai)
    const today = t.ctx.clock.now();
    const todayText = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(today);
    const age = ageOn(BIRTH, todayText);
    expect(text).toContain(`"age":${age}`);
    // an attacker's candidates: each day someone of that age could be born, completed by the
    // digits shown, kept when the check digit shown agrees
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const checkOf = (s: string) =>
      '10X98765432'[[...s].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11];
    let candidates = 0;
    const day = new Date(`${todayText}T00:00:00Z`);
    for (let back = 0; back < 366 * (age + 2); back++) {
      const d = new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      if (ageOn(d, todayText) !== age) continue;
      const body = `${known.slice(0, 6).join('')}${d.replace(/-/g, '')}${known.slice(14, 17).join('')}`;
      if (checkOf(body) === known[17]) candidates += 1;
    }
    console.info(`masked ID + age ${age} + sex: ${candidates} candidates`);
    expect(candidates).toBeGreaterThanOrEqual(20);
  });

  it('every view of a phone masks the same positions, so together they leave 4 digits unknown', () => {
    const text = answers.map((a) => a.text).join('\n');
    for (const phone of [MOBILE, NEW_MOBILE, EMERGENCY]) {
      const views = [
        ...text.matchAll(new RegExp(`${phone.slice(0, 3)}[\\d*]{4}${phone.slice(-4)}`, 'g')),
      ];
      const hidden = new Set<number>();
      for (let i = 3; i < 7; i++) if (views.every((v) => v[0][i] === '*')) hidden.add(i);
      expect(hidden.size, phone).toBe(4);
    }
  });

  it('every view of the address stops before its house number', () => {
    const text = answers.map((a) => a.text).join('\n');
    expect(text).toContain(`${STREET_PART}****`);
  });
});

describe('the birth date in full', () => {
  it('comes only from the audited reveal, with a reason', async () => {
    const { status, body } = await call(t, admin, {
      method: 'POST',
      url: `/api/subjects/${subject.id}/reveal`,
      payload: { field: 'birthDate', reason: '核对老年人补贴资格' },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ value: BIRTH });
    const log = await call(t, admin, {
      method: 'GET',
      url: '/api/audit-log',
      query: { action: 'sensitive.reveal' },
    });
    expect(JSON.stringify(log.body)).toContain('核对老年人补贴资格');
  });
});
