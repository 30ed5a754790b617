import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { scopeWhere } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { shanghaiMidnight } from '../../../platform/calendar/deadlines.ts';
import { divisionPrefix } from '../../../platform/contract/divisions.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames } from '../../divisions/service.ts';
import {
  activeSubjectRow,
  addTimelineEvent,
  assignedTo,
  householdLocation,
  subjectSummaries,
  type SubjectSummary,
} from '../../subjects/service.ts';
import { reportRemoval } from '../../rosters/service.ts';
import { userNames } from '../../users/service.ts';
import type { AbilityScoreView } from '../../ability-assessments/contract.ts';
import { scoreAssessment } from '../../ability-assessments/service.ts';
import type { CareLevel } from '../../subjects/contract.ts';
import {
  assessmentItems,
  VisitError,
  type ListVisitsQuery,
  type RecordVisitBody,
  type VisitDetail,
  type VisitView,
} from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { noteMetVisit, recount } from '../dues.ts';
import { evidenceOf } from './evidence.ts';
import { photosOf } from './photos.ts';
import type { VisitPhotoView } from '../photos-contract.ts';
import { visits } from '../tables.ts';
import type { z } from 'zod';

type VisitRow = typeof visits.$inferSelect;

/** How long a phone's clock may run ahead of the server's before a time counts as the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * POST /api/visits: records a visit of a subject in the caller's scope (a visitor: assigned to
 * them), in one transaction with the due rows it meets, the household timeline and the audit log.
 * The phone's Idempotency-Key is stored with the visit: sent again, even after the platform's
 * replay window, the visit is found, never made twice.
 */
export async function recordVisit(
  c: VisitsContext,
  input: { body: RecordVisitBody; clientKey: string | null },
): Promise<VisitView> {
  const { body, clientKey } = input;
  const startedAt = new Date(body.startedAt);
  const endedAt = new Date(body.endedAt);
  const field = (name: string, code: string) => ({ fields: [{ field: name, code }] });
  if (endedAt < startedAt)
    throw new AppError(
      VisitError.ended_before_start,
      field('endedAt', VisitError.ended_before_start),
    );
  if (endedAt.getTime() > c.now.getTime() + CLOCK_SKEW_MS)
    throw new AppError(VisitError.in_future, field('endedAt', VisitError.in_future));
  if (endedAt.getTime() - startedAt.getTime() > DAY_MS)
    throw new AppError(VisitError.too_long, field('endedAt', VisitError.too_long));
  const made = await c.db.transaction(async (tx) => {
    if (clientKey) {
      const [known] = await tx
        .select({ id: visits.id })
        .from(visits)
        .where(and(eq(visits.visitorId, c.actor.userId), eq(visits.clientKey, clientKey)));
      if (known) return known.id;
    }
    const subject = await activeSubjectRow(
      { db: tx, actor: c.actor, today: c.today },
      { id: body.subjectId, field: 'subjectId' },
    );
    for (const item of Object.keys(body.assessment ?? {}) as (keyof typeof assessmentItems)[]) {
      const applies = assessmentItems[item];
      if (applies !== 'both' && applies !== subject.kind)
        throw new AppError(
          VisitError.item_not_for_subject,
          field(`assessment.${item}`, VisitError.item_not_for_subject),
        );
    }
    if (body.ability && subject.kind !== 'elder')
      throw new AppError(
        VisitError.item_not_for_subject,
        field('ability', VisitError.item_not_for_subject),
      );
    const ability = body.ability
      ? { ...body.ability, ...scoreAssessment(body.ability, c.ability) }
      : null;
    const evidence = await evidenceOf(tx, c, { subject, body, startedAt, endedAt });
    const [row] = await tx
      .insert(visits)
      .values({
        distanceMeters: evidence.distance,
        flags: evidence.flags,
        review: evidence.flags.length > 0 ? 'flagged' : 'none',
        subjectId: subject.id,
        householdId: subject.householdId,
        divisionCode: subject.divisionCode,
        visitorId: c.actor.userId,
        kind: body.kind,
        startedAt,
        endedAt,
        outcome: body.outcome,
        checkInLat: body.checkIn?.lat,
        checkInLng: body.checkIn?.lng,
        checkInAccuracy: body.checkIn?.accuracy,
        checkInAt: body.checkIn ? new Date(body.checkIn.at) : null,
        checkOutLat: body.checkOut?.lat,
        checkOutLng: body.checkOut?.lng,
        checkOutAccuracy: body.checkOut?.accuracy,
        checkOutAt: body.checkOut ? new Date(body.checkOut.at) : null,
        gpsIssue: body.gpsIssue ?? null,
        assessment: body.assessment ?? null,
        findings: body.findings ?? null,
        outreach: body.outreach ?? [],
        survey: body.survey ?? null,
        ability,
        note: body.note ?? null,
        clientKey,
        recordedAt: c.now,
      })
      .returning();
    if (!row) throw new Error('the visit was not recorded');
    // the person died or moved away: the street's approval of their removal excuses what is due
    if (body.outcome === 'deceased' || body.outcome === 'moved')
      await reportRemoval(
        { ...c, db: tx, month: c.today.slice(0, 7), config: c.roster },
        {
          subjectId: subject.id,
          reason: body.outcome === 'deceased' ? 'death' : 'moved',
          note: body.note ?? null,
        },
      );
    if (body.outcome === 'met')
      await noteMetVisit(tx, c.now, { id: row.id, subjectId: subject.id, startedAt });
    await addTimelineEvent(tx, {
      householdId: subject.householdId,
      subjectId: subject.id,
      occurredAt: startedAt,
      kind: 'visit.recorded',
      detail: { kind: body.kind, outcome: body.outcome },
      refEntity: 'visit',
      refId: row.id,
      actor: c.actor,
    });
    if (ability)
      await addTimelineEvent(tx, {
        householdId: subject.householdId,
        subjectId: subject.id,
        occurredAt: startedAt,
        kind: 'visit.ability_assessed',
        detail: { total: ability.total, finalLevel: ability.finalLevel },
        refEntity: 'visit',
        refId: row.id,
        actor: c.actor,
      });
    await audit(tx, c.actor, {
      action: 'visit.record',
      entity: 'visit',
      entityId: row.id,
      detail: { subjectId: subject.id, kind: body.kind, outcome: body.outcome },
    });
    // the answer from what the transaction holds: the subject is in scope, a new visit has no photos
    const [view] = await toViews({ db: tx }, [row], {
      subjects: new Map([[subject.id, subject]]),
      photos: new Map(),
    });
    return view as VisitView;
  });
  return typeof made === 'string' ? visitView(c, made) : made;
}

/** The visits an actor may see: their division subtree; a visitor their own and their subjects'. */
export async function visitScope(c: VisitsContext): Promise<SQL | undefined> {
  const division = scopeWhere(c.actor, { division: visits.divisionCode });
  if (c.actor.role !== 'visitor') return division;
  const mine = (await assignedTo(c.db, c.actor.userId, c.today)).map((a) => a.subjectId);
  return and(
    division,
    or(
      eq(visits.visitorId, c.actor.userId),
      mine.length > 0 ? inArray(visits.subjectId, mine) : undefined,
    ),
  );
}

/** Starts on a day of Asia/Shanghai, from its midnight to the next. */
const dayStart = (day: string) => new Date(shanghaiMidnight(day));
const dayAfter = (day: string) => new Date(shanghaiMidnight(day) + DAY_MS);

export type LedgerFilter = Omit<z.infer<typeof ListVisitsQuery>, 'page' | 'pageSize'>;

export async function ledgerWhere(c: VisitsContext, query: LedgerFilter) {
  return and(
    await visitScope(c),
    query.divisionCode
      ? sql`${visits.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
    query.subjectId ? eq(visits.subjectId, query.subjectId) : undefined,
    query.visitorId ? eq(visits.visitorId, query.visitorId) : undefined,
    query.kind ? eq(visits.kind, query.kind) : undefined,
    query.outcome ? eq(visits.outcome, query.outcome) : undefined,
    query.from ? gte(visits.startedAt, dayStart(query.from)) : undefined,
    query.to ? lt(visits.startedAt, dayAfter(query.to)) : undefined,
    query.review ? eq(visits.review, query.review) : undefined,
  );
}

/** GET /api/visits: the ledger (台账), newest first. */
export async function listVisits(c: VisitsContext, query: z.infer<typeof ListVisitsQuery>) {
  const where = await ledgerWhere(c, query);
  const [found, [total]] = await Promise.all([
    c.db
      .select()
      .from(visits)
      .where(where)
      .orderBy(desc(visits.startedAt), desc(visits.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    c.db.select({ n: count() }).from(visits).where(where),
  ]);
  return {
    items: await toViews(c, found),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function visitView(c: VisitsContext, id: string): Promise<VisitView> {
  const [row] = await c.db
    .select()
    .from(visits)
    .where(and(eq(visits.id, id), await visitScope(c)));
  if (!row) throw new AppError(VisitError.not_found);
  const [view] = await toViews(c, [row]);
  return view as VisitView;
}

/**
 * GET /api/visits/:id: one visit with the household's place now, its reading audited (it holds
 * health and family details, and where the household lives).
 */
export async function viewVisit(c: VisitsContext, id: string): Promise<VisitDetail> {
  const view = await visitView(c, id);
  const location = await householdLocation(c.db, view.householdId);
  await audit(c.db, c.actor, { action: 'visit.view', entity: 'visit', entityId: id });
  return { ...view, householdLocation: location };
}

const position = (
  lat: number | null,
  lng: number | null,
  accuracy: number | null,
  at: Date | null,
) =>
  lat !== null && lng !== null && accuracy !== null && at
    ? { lat, lng, accuracy, at: at.toISOString() }
    : null;

const levelRank: Record<CareLevel, number> = { special: 0, key: 1, regular: 2 };

/**
 * An assessment's score with the care level it suggests: complete loss 特殊关爱, moderate or severe
 * loss (失能) 重点探访; only when above the subject's level, for a person to confirm.
 */
function abilityView(score: z.infer<typeof AbilityScoreView>, current: CareLevel | null) {
  const { total, subtotals, preliminaryLevel, finalLevel, adjustments } = score;
  const suggested: CareLevel | null = finalLevel === 4 ? 'special' : finalLevel >= 2 ? 'key' : null;
  const above = suggested && current && levelRank[suggested] < levelRank[current];
  return {
    total,
    subtotals,
    preliminaryLevel,
    finalLevel,
    adjustments,
    suggestedCareLevel: above ? suggested : null,
  };
}

/** Visits as they are shown; what the caller already holds (`known`) is not read again. */
export async function toViews(
  c: Pick<VisitsContext, 'db'>,
  found: VisitRow[],
  known: {
    subjects?: ReadonlyMap<string, Pick<SubjectSummary, 'name' | 'kind' | 'careLevel'>>;
    photos?: ReadonlyMap<string, VisitPhotoView[]>;
  } = {},
): Promise<VisitView[]> {
  const [subjects, visitors, places, photos] = await Promise.all([
    known.subjects ??
      subjectSummaries(
        c.db,
        found.map((v) => v.subjectId),
      ),
    userNames(
      c.db,
      found.map((v) => v.visitorId),
    ),
    divisionNames(
      c.db,
      found.map((v) => v.divisionCode),
    ),
    known.photos ??
      photosOf(
        c.db,
        found.map((v) => v.id),
      ),
  ]);
  return found.map((v) => {
    const s = subjects.get(v.subjectId);
    return {
      id: v.id,
      subjectId: v.subjectId,
      subjectName: s?.name ?? '',
      subjectKind: s?.kind ?? 'elder',
      householdId: v.householdId,
      divisionCode: v.divisionCode,
      divisionName: places.get(v.divisionCode) ?? null,
      visitorId: v.visitorId,
      visitorName: visitors.get(v.visitorId) ?? null,
      kind: v.kind,
      startedAt: v.startedAt.toISOString(),
      endedAt: v.endedAt.toISOString(),
      durationMinutes: Math.round((v.endedAt.getTime() - v.startedAt.getTime()) / 60_000),
      outcome: v.outcome,
      counts: v.outcome === 'met' && v.review !== 'returned',
      recordedAt: v.recordedAt.toISOString(),
      checkIn: position(v.checkInLat, v.checkInLng, v.checkInAccuracy, v.checkInAt),
      checkOut: position(v.checkOutLat, v.checkOutLng, v.checkOutAccuracy, v.checkOutAt),
      gpsIssue: (v.gpsIssue as VisitView['gpsIssue']) ?? null,
      assessment: v.assessment ?? null,
      findings: (v.findings as VisitView['findings']) ?? null,
      outreach: v.outreach as VisitView['outreach'],
      survey: v.survey ?? null,
      ability: v.ability ? abilityView(v.ability, s?.careLevel ?? null) : null,
      note: v.note,
      distanceMeters: v.distanceMeters,
      photos: photos.get(v.id) ?? [],
      review: v.review,
      flags: v.flags as VisitView['flags'],
      reviewNote: v.reviewNote,
      reviewedAt: v.reviewedAt?.toISOString() ?? null,
    };
  });
}

/**
 * POST /api/visits/:id/review: a reviewer accepts a flagged visit's evidence, or returns it with
 * a reason; a returned visit no longer counts toward what is due.
 */
export async function reviewVisit(
  c: VisitsContext,
  input: { id: string; decision: 'accept' | 'return'; reason?: string },
): Promise<VisitView> {
  if (input.decision === 'return' && !input.reason)
    throw new AppError(VisitError.return_needs_reason, {
      fields: [{ field: 'reason', code: VisitError.return_needs_reason }],
    });
  await c.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(visits)
      .where(and(eq(visits.id, input.id), await visitScope({ ...c, db: tx })));
    if (!row) throw new AppError(VisitError.not_found);
    if (row.review !== 'flagged') throw new AppError(VisitError.not_flagged);
    await tx
      .update(visits)
      .set({
        review: input.decision === 'accept' ? 'accepted' : 'returned',
        reviewedBy: c.actor.userId,
        reviewedAt: c.now,
        reviewNote: input.reason ?? null,
      })
      .where(eq(visits.id, row.id));
    await recount(
      tx,
      c.now,
      sql`d.subject_id = ${row.subjectId} and d.window_start <= ${row.startedAt}::timestamptz
        and d.window_end > ${row.startedAt}::timestamptz`,
    );
    await audit(tx, c.actor, {
      action: 'visit.review',
      entity: 'visit',
      entityId: row.id,
      detail: { decision: input.decision, flags: row.flags.join(',') },
    });
  });
  return visitView(c, input.id);
}
