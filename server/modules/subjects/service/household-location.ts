import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { RequestContext } from '../../../platform/http/context.ts';
import { HouseholdError, HouseholdLocationError, type HouseholdLocationView } from '../contract.ts';
import { locationView, subjectScope } from '../queries.ts';
import { householdEvents, households, subjects } from '../tables.ts';

/*
 * A household's place on the map (WGS-84): set by whoever keeps the household's records (the
 * community, the street, the service organisation), or proposed by the first home visit's check-in
 * and confirmed here. Only a confirmed place measures a visit's distance from home.
 */

type Ctx = Pick<RequestContext, 'db' | 'actor' | 'now' | 'today'>;

/** The change on the household's timeline (V3), in its transaction. */
async function onTimeline(
  tx: Db,
  c: Ctx,
  event: { householdId: string; kind: string; detail: Record<string, number | boolean> },
) {
  await tx.insert(householdEvents).values({
    ...event,
    occurredAt: c.now,
    actorId: c.actor.userId,
    actorName: c.actor.username,
  });
}

/** Degrees kept to six decimals (about 0.1 m): a place set again the same is the same. */
const rounded = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/**
 * The household locked for the change, when the actor sees one of its members (as the household
 * file does); else household.not_found, outside the scope as for a household that does not exist.
 */
async function householdForChange(tx: Db, c: Ctx, id: string) {
  const [member] = await tx
    .select({ id: subjects.id })
    .from(subjects)
    .where(and(eq(subjects.householdId, id), subjectScope(c.actor, c.today)))
    .limit(1);
  if (!member) throw new AppError(HouseholdError.not_found);
  const [row] = await tx
    .select({
      id: households.id,
      locationLat: households.locationLat,
      locationLng: households.locationLng,
      locationSource: households.locationSource,
      locationConfirmed: households.locationConfirmed,
    })
    .from(households)
    .where(eq(households.id, id))
    .for('update');
  if (!row) throw new AppError(HouseholdError.not_found);
  return row;
}

/**
 * PUT /api/households/:id/location: the place as set on the map, confirmed by setting it. The
 * same place set again changes nothing (no second audit row or timeline event): a PUT may be
 * retried.
 */
export async function setHouseholdLocation(
  c: Ctx,
  input: { id: string; lat: number; lng: number },
): Promise<HouseholdLocationView> {
  const lat = rounded(input.lat);
  const lng = rounded(input.lng);
  return c.db.transaction(async (tx) => {
    const row = await householdForChange(tx, c, input.id);
    const before = locationView(row);
    if (before?.source === 'map' && before.confirmed && before.lat === lat && before.lng === lng)
      return before;
    await tx
      .update(households)
      .set({
        locationLat: lat,
        locationLng: lng,
        locationSource: 'map',
        locationConfirmed: true,
        updatedAt: c.now,
      })
      .where(eq(households.id, input.id));
    await onTimeline(tx, c, {
      householdId: input.id,
      kind: 'household.location_set',
      detail: { lat, lng, replaced: before !== null },
    });
    await audit(tx, c.actor, {
      action: 'household.location_set',
      entity: 'household',
      entityId: input.id,
      detail: {
        to: { lat, lng },
        from: before ? { lat: before.lat, lng: before.lng, source: before.source } : null,
      },
    });
    return { lat, lng, source: 'map' as const, confirmed: true };
  });
}

/**
 * POST /api/households/:id/location/confirm: the place the first home visit's check-in proposed
 * becomes the household's; a place already confirmed is answered as it is; none at all is
 * household.no_location_proposal (409): it is set on the map instead.
 */
export async function confirmHouseholdLocation(
  c: Ctx,
  input: { id: string },
): Promise<HouseholdLocationView> {
  return c.db.transaction(async (tx) => {
    const row = await householdForChange(tx, c, input.id);
    const proposed = locationView(row);
    if (!proposed) throw new AppError(HouseholdLocationError.no_location_proposal);
    if (proposed.confirmed) return proposed;
    await tx
      .update(households)
      .set({ locationConfirmed: true, updatedAt: c.now })
      .where(eq(households.id, input.id));
    await onTimeline(tx, c, {
      householdId: input.id,
      kind: 'household.location_confirmed',
      detail: { lat: proposed.lat, lng: proposed.lng },
    });
    await audit(tx, c.actor, {
      action: 'household.location_confirm',
      entity: 'household',
      entityId: input.id,
      detail: { lat: proposed.lat, lng: proposed.lng, source: proposed.source },
    });
    return { ...proposed, confirmed: true };
  });
}
