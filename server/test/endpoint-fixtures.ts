import { eq, lte, max } from 'drizzle-orm';
import { abilityItems } from '../modules/ability-assessments/contract.ts';
import { findDisagreements } from '../modules/source-records/disagreements.ts';
import { sourceDisagreements, sourceValues } from '../modules/source-records/tables.ts';
import { rosterSettings } from '../modules/rosters/tables.ts';
import { defaultVisitPolicy } from '../modules/visits/policy.ts';
import {
  visitCampaigns,
  visitDues,
  visitPhotos,
  visitPolicies,
  visits,
} from '../modules/visits/tables.ts';
import { shanghaiDate } from '../platform/calendar/dates.ts';
import {
  assign,
  proposeHouseholdLocation,
  rosterSubjectsById,
} from '../modules/subjects/service.ts';
import { refreshDues } from '../modules/visits/service.ts';
import { emergencies } from '../modules/emergencies/tables.ts';
import { createCalendarYear } from '../platform/calendar/service.ts';
import { calendarYears } from '../platform/calendar/tables.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { publishEvent } from '../platform/events/publish.ts';
import { trackedWork } from '../platform/imports/progress.ts';
import type { Session } from './actors.ts';
import {
  TEST_PASSWORD,
  freeChildCode,
  makeDivision,
  makeOrganisation,
  makeUser,
  type TestUser,
} from './factories.ts';
import type { TestApp } from './harness.ts';
import { fileForm, makeStoredPhoto, plainJpeg } from './file-support.ts';
import { makeExportRequest } from './export-request-support.ts';
import { parkJob } from './job-support.ts';
import { makeRound, multipart, rosterRow, rosterWorkbook } from './roster-support.ts';
import { communityIn, makeSubject } from './subject-factories.ts';

/**
 * How to call each endpoint in the generated guard tests (routes.permissions.test.ts and
 * routes.scope.test.ts), keyed by the endpoint's name in its module's map.
 *
 * A fixture makes the object the request is about, where the context says (`division`, and
 * `organisation` when the actor is bound to one), and returns the path params, query and body of a
 * request that should succeed for an actor who holds the permission and whose scope covers that place.
 * A new endpoint without an entry here fails the guard tests: add one.
 */
export type FixtureContext = {
  t: TestApp;
  /** The session the request is made with (the permission test's role, or the owner in the scope test). */
  actor: Session;
  /** Where the object should lie: the actor's division (a district for an unscoped admin). */
  division: string;
  /** The organisation the object should belong to: the actor's, or null when the actor has none. */
  organisation: string | null;
  /** Another logged-in user of the actor's role and scope, for requests that spend a session. */
  freshSession(): Promise<Session>;
};

export type FixtureRequest = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body that is not JSON (an upload), with its headers. */
  raw?: { payload: Buffer; headers: Record<string, string> };
  /** Make the request with this session instead of the actor's. */
  session?: Session;
  /** More request headers (Last-Event-ID of an event stream). */
  headers?: Record<string, string>;
};

export type EndpointFixture = (c: FixtureContext) => Promise<FixtureRequest>;

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** The organisation an object of the context belongs to: the actor's, or a new service organisation there. */
async function organisationOf(c: FixtureContext): Promise<string> {
  return (
    c.organisation ??
    (await makeOrganisation(c.t.db, { kind: 'service_org', divisionCode: c.division })).id
  );
}

/** A visitor account in the context's place: a user the actor should be able to see and manage. */
async function userThere(c: FixtureContext, extra: { phone?: string } = {}): Promise<TestUser> {
  return makeUser(c.t.db, {
    role: 'visitor',
    divisionCode: c.division,
    organisationId: await organisationOf(c),
    ...(extra.phone ? { phone: extra.phone, sensitive: c.t.ctx.sensitive } : {}),
  });
}

/** A subject in the context's place, assigned to the actor when the actor is a visitor. */
function subjectThere(c: FixtureContext) {
  const { user } = c.actor;
  return makeSubject(c.t.db, c.t.ctx.sensitive, {
    divisionCode: c.division,
    ...(user.role === 'visitor' ? { assignTo: user.id } : {}),
  });
}

/** A visit of a subject of the context's place, recorded by a visitor assigned to the subject. */
async function visitThere(
  c: FixtureContext,
  o: { flagged?: boolean; clientKey?: string } = {},
): Promise<string> {
  const subject = await subjectThere(c);
  const [visit] = await c.t.db
    .insert(visits)
    .values({
      subjectId: subject.id,
      householdId: subject.householdId,
      divisionCode: subject.divisionCode,
      visitorId: c.actor.user.id,
      kind: o.flagged ? 'home' : 'phone',
      startedAt: new Date(Date.now() - 20 * 60_000),
      endedAt: new Date(Date.now() - 10 * 60_000),
      outcome: 'met',
      clientKey: o.clientKey ?? null,
      ...(o.flagged ? { review: 'flagged' as const, flags: ['no_position'] } : {}),
    })
    .returning({ id: visits.id });
  return visit?.id as string;
}

/**
 * A campaign over the context's place, from tomorrow (begun, it would bring what is due of every
 * subject of the place up to date: the guard tests make thousands).
 */
async function campaignThere(c: FixtureContext): Promise<string> {
  const [made] = await c.t.db
    .insert(visitCampaigns)
    .values({
      name: '春节专项巡访',
      divisionCode: c.division,
      fromDay: shanghaiDate(new Date(Date.now() + 86_400_000)),
      toDay: shanghaiDate(new Date(Date.now() + 7 * 86_400_000)),
      requirement: { period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 },
      createdAt: new Date(),
    })
    .returning({ id: visitCampaigns.id });
  return made?.id as string;
}

/** A photo upload of the actor's visit there, begun (`size` bytes) and not yet sent. */
async function photoUploadThere(c: FixtureContext, size: number): Promise<string> {
  const visitKey = `fixture-${randomUUID()}`;
  const visitId = await visitThere(c, { clientKey: visitKey });
  const key = `${visitKey}:photo:1`;
  await c.t.db
    .insert(visitPhotos)
    .values({ visitorId: c.actor.user.id, key, visitId, n: 1, size, name: 'photo-1.jpg' });
  return key;
}

/**
 * A subject of the context's place with what is due of it, assigned to the actor when a visitor,
 * else to a visitor there; `overdue`: unmet and escalated to the district, on every level's list.
 */
async function dueThere(c: FixtureContext, o: { overdue?: boolean } = {}) {
  const subject = await subjectThere(c);
  const visitorId = c.actor.user.role === 'visitor' ? c.actor.user.id : (await userThere(c)).id;
  const now = new Date();
  await assign(c.t.db, { subjectIds: [subject.id], visitorId, today: shanghaiDate(now), now });
  await refreshDues(c.t.db, now, [subject.id]);
  if (o.overdue)
    await c.t.db
      .update(visitDues)
      .set({ status: 'overdue', escalation: 3 })
      .where(eq(visitDues.subjectId, subject.id));
  return { subject, visitorId };
}

/** A disagreement on the name of a subject of the context's place (a department spells it otherwise). */
async function disagreementThere(c: FixtureContext): Promise<string> {
  const subject = await subjectThere(c);
  const ctx = { db: c.t.db, sensitive: c.t.ctx.sensitive, now: new Date(), today: '2026-11-01' };
  await c.t.db.insert(sourceValues).values({
    subjectId: subject.id,
    source: 'household_registration',
    field: 'name',
    valueCipher: c.t.ctx.sensitive.encrypt(`${subject.name}之`),
    asOf: '2026-10-01',
  });
  const people = await rosterSubjectsById(ctx, [subject.id]);
  await findDisagreements(ctx, [...people.values()]);
  const [row] = await c.t.db
    .select({ id: sourceDisagreements.id })
    .from(sourceDisagreements)
    .where(eq(sourceDisagreements.subjectId, subject.id));
  return row?.id as string;
}

/** A roster round of the context's street with one proposed addition in the context's place. */
function roundThere(c: FixtureContext, status: 'open' | 'submitted' = 'open') {
  return makeRound(c.t.db, c.t.ctx.sensitive, { divisionCode: c.division, status });
}

/** A year the calendar does not have yet (after the last one entered, up to 2100). */
async function freeCalendarYear(c: FixtureContext): Promise<number> {
  const [row] = await c.t.db
    .select({ last: max(calendarYears.year) })
    .from(calendarYears)
    .where(lte(calendarYears.year, 2099));
  return Math.max(row?.last ?? 2030, 2030) + 1;
}

const newYearsDay = (year: number) => [
  { date: `${year}-01-01`, kind: 'holiday' as const, name: '元旦' },
];

/**
 * An emergency of a subject of the context's place, recorded by the actor (a visitor sees only
 * their own), open or taken by the actor.
 */
async function emergencyThere(c: FixtureContext, status: 'open' | 'taken' = 'open') {
  const subject = await subjectThere(c);
  const other = status === 'taken' ? c.actor.user.id : null;
  const [row] = await c.t.db
    .insert(emergencies)
    .values({
      subjectId: subject.id,
      householdId: subject.householdId,
      divisionCode: subject.divisionCode,
      source: 'manual',
      kind: 'fall',
      whatHappened: '在家中跌倒，意识清醒',
      occurredAt: new Date(c.t.clock.now().getTime() - 3_600_000),
      status,
      reportedBy: c.actor.user.id,
      ...(other ? { takenBy: other, takenAt: new Date() } : {}),
    })
    .returning({ id: emergencies.id });
  return row?.id as string;
}

export const endpointFixtures: Record<string, EndpointFixture> = {
  // system
  health: async () => ({}),
  // the progress of an upload the actor made under a key
  importProgress: async (c) => {
    const key = randomUUID();
    const work = trackedWork(c.t.db, c.actor.user.id, key);
    work.report({ phase: 'checking', done: 5, total: 10 });
    await work.settled();
    return { params: { key } };
  },

  // live events: one event in the context's place, replayed after the Last-Event-ID before it
  streamEvents: async (c) => {
    const id = await c.t.db.transaction((tx) =>
      publishEvent(tx, {
        type: 'roster_round.submitted',
        divisionCode: c.division,
        organisationId: c.organisation,
        permission: 'event.stream',
        entity: 'roster_round',
        entityId: randomUUID(),
      }),
    );
    return { headers: { 'last-event-id': String(id - 1) } };
  },

  // auth
  login: async (c) => ({
    body: { username: c.actor.user.username, password: c.actor.user.password },
  }),
  logout: async (c) => ({ session: await c.freshSession() }),
  me: async () => ({}),
  changePassword: async (c) => {
    const session = await c.freshSession();
    return {
      session,
      body: { currentPassword: session.user.password, newPassword: 'Another#Pass2026' },
    };
  },

  // users
  listUsers: async () => ({ query: { pageSize: '200' } }),
  getUser: async (c) => ({ params: { id: (await userThere(c)).id } }),
  createUser: async (c) => ({
    body: {
      username: unique('new-user'),
      displayName: '新增用户',
      role: 'visitor',
      divisionCode: c.division,
      organisationId: await organisationOf(c),
      phone: '13800138000',
      password: TEST_PASSWORD,
    },
  }),
  updateUser: async (c) => ({
    params: { id: (await userThere(c)).id },
    body: { displayName: '改过名字的用户' },
  }),
  resetPassword: async (c) => ({
    params: { id: (await userThere(c)).id },
    body: { newPassword: 'Reset#Pass2026' },
  }),
  revealUserPhone: async (c) => ({
    params: { id: (await userThere(c, { phone: '13800138000' })).id },
    body: { reason: '电话回访前核实联系方式' },
  }),

  // divisions
  listDivisions: async () => ({}),
  getDivision: async (c) => ({ params: { code: c.division } }),
  createDivision: async (c) => ({
    body: { code: await freeChildCode(c.t.db, c.division), name: '新设区划' },
  }),
  updateDivision: async (c) => ({
    params: { code: (await makeDivision(c.t.db, { parentCode: c.division })).code },
    body: { name: '更名后的区划' },
  }),

  // organisations
  listOrganisations: async () => ({ query: { pageSize: '200' } }),
  getOrganisation: async (c) => ({ params: { id: await organisationOf(c) } }),
  createOrganisation: async (c) => ({
    body: { kind: 'provider', name: unique('新机构'), divisionCode: c.division },
  }),
  updateOrganisation: async (c) => ({
    params: { id: await organisationOf(c) },
    body: { name: unique('更名机构') },
  }),

  // subjects
  listSubjects: async () => ({ query: { pageSize: '200' } }),
  searchSubjects: async (c) => ({ body: { idNumber: (await subjectThere(c)).idNumber } }),
  getSubject: async (c) => ({ params: { id: (await subjectThere(c)).id } }),
  revealSubject: async (c) => ({
    params: { id: (await subjectThere(c)).id },
    body: { field: 'idNumber', reason: '核对户籍信息' },
  }),
  setCareLevel: async (c) => ({
    params: { id: (await subjectThere(c)).id },
    body: { level: 'key', reason: '健康状况变差' },
  }),
  exportSubjects: async (c) => ({ body: { q: (await subjectThere(c)).name } }),
  getHousehold: async (c) => ({ params: { id: (await subjectThere(c)).householdId } }),
  setHouseholdLocation: async (c) => ({
    params: { id: (await subjectThere(c)).householdId },
    body: { lat: 41.8123, lng: 123.4712 },
  }),
  confirmHouseholdLocation: async (c) => {
    const { householdId } = await subjectThere(c);
    await proposeHouseholdLocation(c.t.db, householdId, { lat: 41.8123, lng: 123.4712 });
    return { params: { id: householdId } };
  },

  // the map
  getMapSettings: async () => ({}),
  getMapOutlines: async () => ({}),

  // ability assessments (a calculator: any user, nothing stored)
  listAbilityItems: async () => ({}),
  scoreAbilityAssessment: async () => ({
    body: { answers: Object.fromEntries(abilityItems.map((i) => [i.code, i.max])) },
  }),

  // care levels
  listCareLevelRules: async () => ({}),
  replaceCareLevelRules: async () => ({
    body: {
      rules: [
        {
          level: 'special',
          kind: 'elder',
          minAge: 90,
          categoriesAll: ['living_alone'],
          categoriesAny: [],
          reason: '九十岁以上独居',
        },
      ],
    },
  }),
  restoreDefaultCareLevelRules: async () => ({}),
  listCareLevelRuleVersions: async () => ({ query: { pageSize: '5' } }),
  recordVisit: async (c) => {
    const ended = new Date(Date.now() - 60_000);
    return {
      body: {
        subjectId: (await subjectThere(c)).id,
        kind: 'phone',
        startedAt: new Date(ended.getTime() - 10 * 60_000).toISOString(),
        endedAt: ended.toISOString(),
        outcome: 'met',
      },
    };
  },
  listVisits: async () => ({}),
  getVisit: async (c) => ({ params: { id: await visitThere(c) } }),
  beginVisitPhoto: async (c) => {
    const visitKey = `fixture-${randomUUID()}`;
    await visitThere(c, { clientKey: visitKey });
    return { body: { key: `${visitKey}:photo:1`, size: 1000 } };
  },
  putVisitPhotoPart: async (c) => {
    const photo = await plainJpeg(3, 64, 48);
    return {
      params: { key: await photoUploadThere(c, photo.length) },
      raw: { payload: photo, headers: { 'content-type': 'application/octet-stream' } },
    };
  },
  getVisitPhotoUpload: async (c) => ({ params: { key: await photoUploadThere(c, 1000) } }),
  getCarePlan: async (c) => ({ params: { id: (await subjectThere(c)).householdId } }),
  saveCarePlan: async (c) => ({
    params: { id: (await subjectThere(c)).householdId },
    body: { goals: '每月入户一次，协助申请助餐', services: ['meals'], reviewOn: '2030-01-01' },
  }),
  listCampaigns: async (c) => {
    await campaignThere(c);
    return {};
  },
  createCampaign: async (c) => ({
    body: {
      name: '寒潮专项巡访',
      divisionCode: c.division,
      // from tomorrow, as campaignThere
      from: shanghaiDate(new Date(Date.now() + 86_400_000)),
      to: shanghaiDate(new Date(Date.now() + 5 * 86_400_000)),
      requirement: { period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 },
    },
  }),
  cancelCampaign: async (c) => ({ params: { id: await campaignThere(c) } }),
  reviewVisit: async (c) => ({
    params: { id: await visitThere(c, { flagged: true }) },
    body: { decision: 'accept' },
  }),
  exportVisits: async (c) => {
    await visitThere(c);
    return { body: {} };
  },
  getWorklist: async (c) => {
    const { visitorId } = await dueThere(c);
    return visitorId === c.actor.user.id ? {} : { query: { visitorId } };
  },
  syncVisits: async (c) => {
    await dueThere(c);
    return {};
  },
  getVisitRate: async (c) => {
    await visitThere(c);
    return {};
  },
  listOverdue: async (c) => {
    await dueThere(c, { overdue: true });
    return {};
  },
  getVisitPolicy: async () => ({}),
  saveVisitPolicy: async (c) => {
    const [latest] = await c.t.db
      .select({ version: max(visitPolicies.version) })
      .from(visitPolicies);
    return {
      body: {
        rules: defaultVisitPolicy,
        effectiveFrom: shanghaiDate(new Date()),
        baseVersion: latest?.version ?? null,
      },
    };
  },
  listVisitors: async () => ({}),
  getCaseload: async (c) => ({ params: { id: (await dueThere(c)).visitorId } }),
  assignSubjects: async (c) => ({
    body: { visitorId: (await userThere(c)).id, subjectIds: [(await subjectThere(c)).id] },
  }),
  handOver: async (c) => ({
    body: { fromVisitorId: (await userThere(c)).id, toVisitorId: (await userThere(c)).id },
  }),
  unassignSubjects: async (c) => ({ body: { subjectIds: [(await subjectThere(c)).id] } }),
  suggestCareLevel: async (c) => ({ params: { id: (await subjectThere(c)).id } }),
  getClassification: async (c) => {
    await subjectThere(c);
    return {};
  },
  exportClassification: async (c) => {
    await subjectThere(c);
    return {};
  },

  // source records
  importSourceRecords: async (c) => {
    const subject = await subjectThere(c);
    return {
      query: { source: 'social_security', asOf: '2026-10-31', dryRun: 'true' },
      raw: multipart(
        await rosterWorkbook(
          [{ 身份证号: subject.idNumber, 参保状态: '正常参保' }],
          ['身份证号', '参保状态'],
        ),
      ),
    };
  },
  sourceRecordTemplate: async () => ({}),
  getSubjectSources: async (c) => ({ params: { id: (await subjectThere(c)).id } }),
  listDisagreements: async (c) => {
    await disagreementThere(c);
    return { query: { field: 'name' } };
  },
  resolveDisagreement: async (c) => ({
    params: { id: await disagreementThere(c) },
    body: { pick: 'checked' },
  }),
  exportDisagreements: async (c) => {
    await disagreementThere(c);
    return {};
  },

  // rosters
  importRoster: async (c) => ({
    query: { dryRun: 'true' },
    raw: multipart(await rosterWorkbook([rosterRow(await communityIn(c.t.db, c.division))])),
  }),
  rosterErrorFile: async (c) => ({
    raw: multipart(
      await rosterWorkbook([rosterRow(await communityIn(c.t.db, c.division), { 身份证号: '1' })]),
    ),
  }),
  rosterTemplate: async () => ({}),
  listRosterRounds: async () => ({ query: { pageSize: '200' } }),
  listRosterSettings: async () => ({}),
  updateRosterSetting: async (c) => {
    const districtCode = `${c.division.slice(0, 6)}000000`;
    const [saved] = await c.t.db
      .select({ version: rosterSettings.version })
      .from(rosterSettings)
      .where(eq(rosterSettings.districtCode, districtCode));
    return {
      params: { districtCode },
      body: { corrections: 'next', version: saved?.version ?? 0 },
    };
  },
  getRosterRound: async (c) => ({ params: { id: (await roundThere(c)).round.id } }),
  removeFromRoster: async (c) => ({
    body: { subjectId: (await subjectThere(c)).id, removalReason: 'moved', month: '2099-01' },
  }),
  withdrawRosterEntry: async (c) => {
    const { round, entryId } = await roundThere(c);
    return { params: { id: round.id, entryId } };
  },
  submitRosterRound: async (c) => ({ params: { id: (await roundThere(c)).round.id } }),
  // submitted by the caller: whoever submitted may take it back
  reopenRosterRound: async (c) => ({
    params: {
      id: (
        await makeRound(c.t.db, c.t.ctx.sensitive, {
          divisionCode: c.division,
          status: 'submitted',
          submittedBy: c.actor.user.id,
        })
      ).round.id,
    },
  }),
  returnRosterRound: async (c) => {
    const { round, entryId } = await roundThere(c, 'submitted');
    return { params: { id: round.id }, body: { comments: [{ entryId, comment: '请核对住址' }] } };
  },
  approveRosterRound: async (c) => ({
    params: { id: (await roundThere(c, 'submitted')).round.id },
  }),
  exportRosterRounds: async (c) => ({ body: { month: (await roundThere(c)).round.month } }),
  exportRosterRound: async (c) => ({ params: { id: (await roundThere(c)).round.id }, body: {} }),
  revealRosterEntry: async (c) => {
    const { round, entryId } = await roundThere(c, 'submitted');
    return {
      params: { id: round.id, entryId },
      body: { field: 'phone', reason: '核对变更后的联系电话' },
    };
  },

  // export requests: the create counts the actor's own subject (none for another division: 400)
  createExportRequest: async (c) => ({
    body: {
      kind: 'subjects',
      filters: { q: (await subjectThere(c)).name },
      reason: '年度核对联系电话',
    },
  }),
  listExportRequests: async () => ({ query: { view: 'mine' } }),
  getExportRequest: async (c) => ({
    params: { id: (await makeExportRequest(c.t, c.actor, { divisionCode: c.division })).id },
  }),
  // decided by the actor, asked by another user of the same role and place
  approveExportRequest: async (c) => ({
    params: {
      id: (await makeExportRequest(c.t, await c.freshSession(), { divisionCode: c.division })).id,
    },
    body: { note: '同意' },
  }),
  refuseExportRequest: async (c) => ({
    params: {
      id: (await makeExportRequest(c.t, await c.freshSession(), { divisionCode: c.division })).id,
    },
    body: { note: '范围过大' },
  }),
  downloadExportRequest: async (c) => ({
    params: {
      id: (await makeExportRequest(c.t, c.actor, { divisionCode: c.division, status: 'approved' }))
        .id,
    },
  }),

  // files
  uploadFile: async (c) => ({
    query: { purpose: 'visit_photo', divisionCode: c.division },
    raw: fileForm(await plainJpeg(1, 64, 48), '探访照片.jpg'),
  }),
  downloadFile: async (c) => ({ params: { id: (await makeStoredPhoto(c.t, c.division)).id } }),
  downloadFileThumbnail: async (c) => ({
    params: { id: (await makeStoredPhoto(c.t, c.division)).id },
  }),

  // audit
  listAuditLog: async () => ({ query: { pageSize: '5' } }),
  verifyAuditLog: async () => ({}),
  addWorkingDays: async () => ({ query: { date: '2026-09-30', days: '3' } }),
  listCalendarYears: async () => ({}),
  getCalendarYear: async () => ({ params: { year: '2026' } }),
  createCalendarYear: async (c) => {
    const year = await freeCalendarYear(c);
    return { body: { year, entries: newYearsDay(year) } };
  },
  replaceCalendarYear: async (c) => {
    const year = await freeCalendarYear(c);
    const { id: userId, username } = c.actor.user;
    await createCalendarYear(
      { db: c.t.db, actor: { userId, username }, clock: c.t.clock },
      { year, entries: newYearsDay(year) },
    );
    return { params: { year: String(year) }, body: { entries: newYearsDay(year) } };
  },
  listAuditActions: async () => ({}),

  // jobs
  listJobQueues: async () => ({}),
  listFailedJobs: async () => ({}),
  listJobSchedules: async () => ({}),
  retryFailedJob: async (c) => ({ params: { id: await parkJob(c.t) } }),

  // emergencies
  recordEmergency: async (c) => ({
    body: {
      subjectId: (await subjectThere(c)).id,
      kind: 'illness',
      whatHappened: '探访时发现胸闷气短',
      occurredAt: new Date(c.t.clock.now().getTime() - 600_000).toISOString(),
      calls: [{ party: '120', calledAt: c.t.clock.now().toISOString(), reached: true }],
    },
  }),
  listEmergencies: async () => ({ query: { status: 'open' } }),
  getEmergency: async (c) => ({ params: { id: await emergencyThere(c) } }),
  takeEmergency: async (c) => ({ params: { id: await emergencyThere(c) }, body: {} }),
  addEmergencyCall: async (c) => ({
    params: { id: await emergencyThere(c) },
    body: { party: 'relative', calledAt: c.t.clock.now().toISOString(), reached: false },
  }),
  closeEmergency: async (c) => ({
    params: { id: await emergencyThere(c, 'taken') },
    body: { outcome: '已送医，家属陪同' },
  }),
};
