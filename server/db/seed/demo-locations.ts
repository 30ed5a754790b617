import type { Config } from '../../config.ts';
import type { Db } from '../client.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { shanghaiMidnight } from '../../platform/calendar/deadlines.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import type { OutlineFeature } from '../../modules/maps/contract.ts';
import {
  demoOutlinesFile,
  isInside,
  loadOutlines,
  pointInside,
} from '../../modules/maps/service.ts';
import {
  confirmHouseholdLocation,
  setHouseholdLocation,
  subjectsInCare,
  subjectSummaries,
} from '../../modules/subjects/service.ts';
import { listVisits, recordVisit } from '../../modules/visits/service.ts';
import { demoActor, type DemoUser } from './demo-visits.ts';
import { seededRandom } from './seeded-random.ts';

/*
 * Where the demo households are, made through the services: half of those of 大北街道 and 万泉街道
 * and a quarter elsewhere placed on the map by the community (or the service organisation), inside
 * their street's synthetic outline, around their community; then, over the last two days, visitor1 checks in at 大北街道 homes: near a
 * placed household the visit's distance from home is measured (one check-in far off is flagged),
 * at an unplaced one the first home visit proposes the place, some of which the street has
 * confirmed since.
 */

const DAY = 24 * 3600_000;
const MINUTE = 60_000;
const DABEI = '210104002';

type Place = { lat: number; lng: number };

/** Metres to degrees around 41.8° N. */
const north = (m: number) => m / 111_320;
const east = (m: number) => m / (111_320 * Math.cos((41.8 * Math.PI) / 180));

/** A place `metres` away from `p` in a seeded direction. */
function near(p: Place, metres: number, random: () => number): Place {
  const angle = random() * 2 * Math.PI;
  return {
    lat: p.lat + north(Math.sin(angle) * metres),
    lng: p.lng + east(Math.cos(angle) * metres),
  };
}

export async function seedDemoLocations(
  tx: Db,
  config: Pick<Config, 'visits' | 'ability' | 'roster'>,
  sensitive: SensitiveCipher,
  users: ReadonlyMap<string, DemoUser>,
  at: Date,
): Promise<{ placed: number; proposed: number; measured: number }> {
  const rnd = seededRandom(20260301);
  const today = shanghaiDate(at);
  const outlines = new Map(
    loadOutlines(demoOutlinesFile, 'wgs84').features.map((f) => [f.properties.code, f]),
  );
  const streetOf = (divisionCode: string) =>
    outlines.get(`${divisionCode.slice(0, 9)}000`) as OutlineFeature;

  // each household once, with its community
  const inCare = await subjectsInCare(tx, today);
  const summaries = await subjectSummaries(
    tx,
    inCare.map((s) => s.id),
  );
  const households = new Map<string, { community: string; subjectId: string }>();
  for (const s of summaries.values())
    if (!households.has(s.householdId))
      households.set(s.householdId, { community: s.divisionCode.slice(0, 12), subjectId: s.id });

  // a community's homes lie within about 600 m of a centre inside its street
  const centres = new Map<string, Place>();
  const homeIn = (community: string): Place => {
    const street = streetOf(community);
    let centre = centres.get(community);
    if (!centre) centres.set(community, (centre = pointInside(street, rnd, 0.2)));
    for (;;) {
      const p = near(centre, Math.sqrt(rnd()) * 600, rnd);
      if (isInside(street, p)) return p;
    }
  };

  const placer = (community: string) =>
    demoActor(users.get(community === '210104002001' ? 'community1' : 'org1') as DemoUser);
  const dabei: { householdId: string; subjectId: string; home: Place; placed: boolean }[] = [];
  let placed = 0;
  for (const [householdId, h] of households) {
    const home = homeIn(h.community);
    // half of the demo accounts' streets (大北, 万泉), a quarter elsewhere
    const onMap = rnd() < (/^210104(002|003)/.test(h.community) ? 0.5 : 0.25);
    if (onMap) {
      const when = new Date(at.getTime() - (20 + Math.floor(rnd() * 150)) * DAY);
      await setHouseholdLocation(
        { db: tx, actor: placer(h.community), now: when, today: shanghaiDate(when) },
        { id: householdId, lat: home.lat, lng: home.lng },
      );
      placed++;
    }
    if (h.community.startsWith(DABEI))
      dabei.push({ householdId, subjectId: h.subjectId, home, placed: onMap });
  }

  // visitor1's home visits of the last two days, one after another from 08:30
  const visitor = demoActor(users.get('visitor1') as DemoUser);
  const visits = [
    ...dabei.filter((d) => d.placed).slice(0, 12),
    ...dabei.filter((d) => !d.placed).slice(0, 8),
  ];
  for (let i = visits.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [visits[i], visits[j]] = [
      visits[j] as (typeof visits)[number],
      visits[i] as (typeof visits)[number],
    ];
  }
  const c = {
    db: tx,
    actor: visitor,
    now: at,
    today,
    locale: 'zh-CN' as const,
    config: config.visits,
    ability: config.ability,
    roster: config.roster,
    sensitive,
  };
  // the slots of the two days between the home visits visitor1 already made then
  const days = [2, 1].map((back) => shanghaiDate(new Date(at.getTime() - back * DAY)));
  const made = await listVisits(c, {
    visitorId: visitor.userId,
    kind: 'home',
    from: days[0],
    to: days[1],
    page: 1,
    pageSize: 200,
  });
  const busy = made.items.map((v) => [Date.parse(v.startedAt), Date.parse(v.endedAt)] as const);
  const slots: [Date, Date][] = [];
  for (const day of days) {
    const evening = shanghaiMidnight(day) + 18 * 60 * MINUTE;
    let t = shanghaiMidnight(day) + 8.5 * 60 * MINUTE;
    while (slots.length < visits.length && t < evening) {
      const end = t + (25 + Math.floor(rnd() * 15)) * MINUTE;
      if (busy.some(([a, b]) => a < end + 10 * MINUTE && b + 10 * MINUTE > t)) t += 10 * MINUTE;
      else {
        slots.push([new Date(t), new Date(end)]);
        t = end + 25 * MINUTE;
      }
    }
  }
  let proposed = 0;
  let measured = 0;
  const confirmLater: string[] = [];
  for (const [i, [start, end]] of slots.entries()) {
    const d = visits[i] as (typeof visits)[number];
    // a check-in is within a street of home; once it is far off, which review will see
    const off = d.placed && measured === 5 ? 900 : 10 + rnd() * 90;
    const accuracy = Math.round(8 + rnd() * 30);
    const checkIn = near(d.home, off, rnd);
    const checkOut = near(d.home, 10 + rnd() * 60, rnd);
    const position = (p: Place, when: Date) => ({ ...p, accuracy, at: when.toISOString() });
    await recordVisit(c, {
      clientKey: null,
      body: {
        subjectId: d.subjectId,
        kind: 'home',
        startedAt: start.toISOString(),
        endedAt: end.toISOString(),
        outcome: 'met',
        checkIn: position(checkIn, new Date(start.getTime() + MINUTE)),
        checkOut: position(checkOut, new Date(end.getTime() - MINUTE)),
        assessment: { 'health.mobility': { status: 'normal' }, 'safety.gas': { status: 'normal' } },
        survey: { satisfaction: 'satisfied' },
      },
    });
    if (d.placed) measured++;
    else {
      proposed++;
      if (proposed % 3 === 0) confirmLater.push(d.householdId);
    }
  }
  // the street confirmed some of the proposed places on its map since
  const street = demoActor(users.get('dabei') as DemoUser);
  for (const id of confirmLater)
    await confirmHouseholdLocation({ db: tx, actor: street, now: at, today }, { id });
  return { placed, proposed: proposed - confirmLater.length, measured };
}
