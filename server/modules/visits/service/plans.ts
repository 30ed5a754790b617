import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inScope, scopeWhere } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames, findDivision } from '../../divisions/service.ts';
import { HouseholdError } from '../../subjects/contract.ts';
import { addTimelineEvent, householdMembers, subjectsInCare } from '../../subjects/service.ts';
import { userNames } from '../../users/service.ts';
import {
  CampaignError,
  CarePlanError,
  type CampaignView,
  type CarePlanView,
  type CreateCampaignBody,
  type SaveCarePlanBody,
} from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { refreshDues } from '../dues.ts';
import { carePlans, visitCampaigns } from '../tables.ts';

/*
 * What a household agreed beyond the policy (一户一策, V5) and visits raised for a time and an area:
 * both add requirements of their own to the due rows (sources `plan` and `campaign`), from the day
 * they are saved on; what was due before is not rewritten.
 */

type PlanRow = typeof carePlans.$inferSelect;
/** What the plans take of a request (the demo seed makes plans too). */
type PlanCtx = Pick<VisitsContext, 'db' | 'actor' | 'now' | 'today'>;

async function planView(c: PlanCtx, row: PlanRow): Promise<CarePlanView> {
  const names = row.updatedBy ? await userNames(c.db, [row.updatedBy]) : new Map();
  return {
    householdId: row.householdId,
    version: row.version,
    goals: row.goals,
    services: row.services as CarePlanView['services'],
    rhythm: row.rhythm ?? null,
    reviewOn: row.reviewOn,
    reviewDue: row.reviewOn <= c.today,
    note: row.note,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: (row.updatedBy && names.get(row.updatedBy)) ?? null,
  };
}

/** A household with a member in the caller's scope (not_found otherwise); its members. */
async function membersOf(c: PlanCtx, householdId: string) {
  const members = await householdMembers(c, householdId);
  if (members.length === 0) throw new AppError(HouseholdError.not_found);
  return members;
}

/** GET /api/households/:id/care-plan */
export async function getCarePlan(c: PlanCtx, householdId: string) {
  await membersOf(c, householdId);
  const [row] = await c.db.select().from(carePlans).where(eq(carePlans.householdId, householdId));
  return { plan: row ? await planView(c, row) : null };
}

/**
 * PUT /api/households/:id/care-plan: a new version of the household's plan (the version edited
 * must be the latest); its rhythm is owed from today, on the household timeline and in the audit log.
 */
export async function saveCarePlan(
  c: PlanCtx,
  householdId: string,
  body: z.infer<typeof SaveCarePlanBody>,
): Promise<CarePlanView> {
  const members = await membersOf(c, householdId);
  const saved = await c.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: carePlans.version })
      .from(carePlans)
      .where(eq(carePlans.householdId, householdId))
      .for('update');
    if ((current?.version ?? undefined) !== body.baseVersion)
      throw new AppError(CarePlanError.changed, {
        params: { version: current?.version ?? 0 },
        fields: [{ field: 'baseVersion', code: CarePlanError.changed }],
      });
    const values = {
      householdId,
      version: (current?.version ?? 0) + 1,
      goals: body.goals,
      services: body.services,
      rhythm: body.rhythm,
      reviewOn: body.reviewOn,
      note: body.note ?? null,
      updatedBy: c.actor.userId,
      updatedAt: c.now,
    };
    const [row] = await tx
      .insert(carePlans)
      .values(values)
      .onConflictDoUpdate({ target: carePlans.householdId, set: values })
      .returning();
    if (!row) throw new Error('the care plan was not saved');
    await refreshDues(
      tx,
      c.now,
      members.filter((m) => m.status === 'active').map((m) => m.id),
    );
    await addTimelineEvent(tx, {
      householdId,
      occurredAt: c.now,
      kind: 'care_plan.saved',
      detail: { version: row.version, reviewOn: row.reviewOn, rhythm: body.rhythm !== null },
      refEntity: 'care_plan',
      refId: householdId,
      actor: c.actor,
    });
    await audit(tx, c.actor, {
      action: 'visit.care_plan',
      entity: 'household',
      entityId: householdId,
      detail: { version: row.version },
    });
    return row;
  });
  return planView(c, saved);
}

type CampaignRow = typeof visitCampaigns.$inferSelect;

async function campaignViews(c: VisitsContext, found: CampaignRow[]): Promise<CampaignView[]> {
  const places = await divisionNames(
    c.db,
    found.map((r) => r.divisionCode),
  );
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    divisionCode: r.divisionCode,
    divisionName: places.get(r.divisionCode) ?? null,
    from: r.fromDay,
    to: r.toDay,
    levels: r.levels,
    requirement: r.requirement,
    cancelled: r.cancelledAt !== null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** GET /api/visit-campaigns: the campaigns over the caller's area, the latest first. */
export async function listCampaigns(c: VisitsContext) {
  const found = await c.db
    .select()
    .from(visitCampaigns)
    .where(scopeWhere(c.actor, { division: visitCampaigns.divisionCode }))
    .orderBy(desc(visitCampaigns.fromDay), desc(visitCampaigns.createdAt))
    .limit(200);
  return { items: await campaignViews(c, found) };
}

/** The subjects in care under a campaign's area, whose due rows follow it. */
const subjectsUnder = async (c: VisitsContext, divisionCode: string) =>
  (await subjectsInCare(c.db, c.today, { divisionCode })).map((s) => s.id);

/** POST /api/visit-campaigns: raised visits in an area of the caller's, owed from today on. */
export async function createCampaign(
  c: VisitsContext,
  body: z.infer<typeof CreateCampaignBody>,
): Promise<CampaignView> {
  if (!inScope(c.actor, body.divisionCode) || !(await findDivision(c.db, body.divisionCode)))
    throw new AppError(CampaignError.division_not_found, {
      fields: [{ field: 'divisionCode', code: CampaignError.division_not_found }],
    });
  if (body.to < c.today)
    throw new AppError(CampaignError.ended, {
      fields: [{ field: 'to', code: CampaignError.ended }],
    });
  const ids = body.from <= c.today ? await subjectsUnder(c, body.divisionCode) : [];
  const row = await c.db.transaction(async (tx) => {
    const [made] = await tx
      .insert(visitCampaigns)
      .values({
        name: body.name,
        divisionCode: body.divisionCode,
        fromDay: body.from,
        toDay: body.to,
        levels: body.levels,
        requirement: body.requirement,
        createdBy: c.actor.userId,
        createdAt: c.now,
      })
      .returning();
    if (!made) throw new Error('the campaign was not made');
    if (ids.length > 0) await refreshDues(tx, c.now, ids);
    await audit(tx, c.actor, {
      action: 'visit.campaign',
      entity: 'visit_campaign',
      entityId: made.id,
      detail: { divisionCode: body.divisionCode, from: body.from, to: body.to },
    });
    return made;
  });
  const [view] = await campaignViews(c, [row]);
  return view as CampaignView;
}

/** POST /api/visit-campaigns/:id/cancel: owed no more from today; what was due before stays. */
export async function cancelCampaign(c: VisitsContext, id: string): Promise<CampaignView> {
  const [found] = await c.db
    .select()
    .from(visitCampaigns)
    .where(
      and(
        eq(visitCampaigns.id, id),
        scopeWhere(c.actor, { division: visitCampaigns.divisionCode }),
      ),
    );
  if (!found) throw new AppError(CampaignError.not_found);
  if (found.cancelledAt) return (await campaignViews(c, [found]))[0] as CampaignView;
  // a campaign not yet begun owes nothing yet: nothing to bring up to date
  const started = found.fromDay <= c.today;
  const ids = started ? await subjectsUnder(c, found.divisionCode) : [];
  const row = await c.db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(visitCampaigns)
      .set({ cancelledAt: c.now })
      .where(and(eq(visitCampaigns.id, id), sql`${visitCampaigns.cancelledAt} is null`))
      .returning();
    if (cancelled && ids.length > 0) await refreshDues(tx, c.now, ids);
    await audit(tx, c.actor, {
      action: 'visit.campaign_cancel',
      entity: 'visit_campaign',
      entityId: id,
    });
    return cancelled ?? found;
  });
  return (await campaignViews(c, [row]))[0] as CampaignView;
}
