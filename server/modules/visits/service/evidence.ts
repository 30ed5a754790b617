import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { householdLocation, proposeHouseholdLocation } from '../../subjects/service.ts';
import type { RecordVisitBody, VisitFlag } from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { visits } from '../tables.ts';

/** Metres between two WGS-84 positions (haversine). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * What about a visit's evidence goes to review: a home visit checked in farther from the
 * household's confirmed place than allowed (beyond the position's accuracy), without a position,
 * shorter than the minimum, while the same visitor was in another home; any visit recorded long
 * after it ended. The first home visit's check-in proposes the household's place.
 */
export async function evidenceOf(
  tx: Db,
  c: VisitsContext,
  v: {
    subject: { householdId: string };
    body: RecordVisitBody;
    startedAt: Date;
    endedAt: Date;
  },
): Promise<{ flags: VisitFlag[]; distance: number | null }> {
  const flags: VisitFlag[] = [];
  let distance: number | null = null;
  if (v.body.kind === 'home') {
    const at = v.body.checkIn ?? v.body.checkOut;
    if (!at) flags.push('no_position');
    else {
      const home = await householdLocation(tx, v.subject.householdId);
      if (home?.confirmed) {
        distance = Math.round(metresBetween(at, home));
        if (distance - at.accuracy > c.config.maxDistanceM) flags.push('too_far');
      } else if (!home && v.body.outcome === 'met')
        await proposeHouseholdLocation(tx, v.subject.householdId, at);
    }
    const minutes = (v.endedAt.getTime() - v.startedAt.getTime()) / 60_000;
    if (v.body.outcome === 'met' && minutes < c.config.minHomeMinutes) flags.push('too_short');
    const [elsewhere] = await tx
      .select({ id: visits.id })
      .from(visits)
      .where(
        and(
          eq(visits.visitorId, c.actor.userId),
          eq(visits.kind, 'home'),
          ne(visits.householdId, v.subject.householdId),
          lt(visits.startedAt, v.endedAt),
          gt(visits.endedAt, v.startedAt),
        ),
      )
      .limit(1);
    if (elsewhere) flags.push('overlap');
  }
  if (c.now.getTime() - v.endedAt.getTime() > c.config.lateHours * 3600_000)
    flags.push('late_record');
  return { flags, distance };
}
