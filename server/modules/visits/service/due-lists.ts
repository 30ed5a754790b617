import { and, asc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { rows } from '../../../db/client.ts';
import { scopeWhere, type Actor } from '../../../platform/access/actor.ts';
import { shanghaiMidnight } from '../../../platform/calendar/deadlines.ts';
import { divisionLevel, divisionPrefix } from '../../../platform/contract/divisions.ts';
import { compareChineseNames } from '../../../platform/i18n/locale.ts';
import { divisionNames } from '../../divisions/service.ts';
import { householdLocations, subjectSummaries } from '../../subjects/service.ts';
import { userNames, visitorsIn } from '../../users/service.ts';
import {
  escalationLevels,
  type DueView,
  type EscalationLevel,
  type OverdueQuery,
  type WorklistQuery,
} from '../contract.ts';
import type { VisitsContext } from '../context.ts';
import { periodWindow } from '../policy.ts';
import { metresBetween } from './evidence.ts';
import { visitDues } from '../tables.ts';

type DueRow = typeof visitDues.$inferSelect;

async function toDueViews(c: Pick<VisitsContext, 'db'>, found: DueRow[]): Promise<DueView[]> {
  const [subjects, visitors, places] = await Promise.all([
    subjectSummaries(
      c.db,
      found.map((d) => d.subjectId),
    ),
    userNames(
      c.db,
      found.flatMap((d) => (d.visitorId ? [d.visitorId] : [])),
    ),
    divisionNames(
      c.db,
      found.map((d) => d.divisionCode),
    ),
  ]);
  return found.map((d) => {
    const s = subjects.get(d.subjectId);
    return {
      id: d.id,
      subjectId: d.subjectId,
      subjectName: s?.name ?? '',
      subjectKind: s?.kind ?? 'elder',
      careLevel: d.careLevel,
      householdId: s?.householdId ?? d.subjectId,
      divisionCode: d.divisionCode,
      divisionName: places.get(d.divisionCode) ?? null,
      visitorId: d.visitorId,
      visitorName: d.visitorId ? (visitors.get(d.visitorId) ?? null) : null,
      source: d.source,
      period: d.period,
      windowStart: d.windowStart.toISOString(),
      dueBy: d.windowEnd.toISOString(),
      required: d.required,
      requiredHome: d.requiredHome,
      kinds: d.kinds,
      done: d.done,
      doneHome: d.doneHome,
      status: d.status,
      escalation: escalationLevels[d.escalation] ?? 'visitor',
    };
  });
}

const levelRank = { special: 0, key: 1, regular: 2 } as const;
const bucketRank = { overdue: 0, today: 1, week: 2, later: 3 } as const;

/**
 * GET /api/visits/worklist: a visitor's open due visits (the caller's own, or a visitor's of the
 * caller's scope), in buckets: overdue, due today (a trigger's visit within hours is today's),
 * this week, later; within each by risk (a trigger first, then the care level), then, when the
 * visitor says where they stand, the nearest household first, then how soon.
 */
export async function worklist(c: VisitsContext, query: z.infer<typeof WorklistQuery>) {
  // another visitor's list: one of the caller's scope (a visitor sees only their own), else empty
  const visitorId =
    !query.visitorId || query.visitorId === c.actor.userId
      ? c.actor.userId
      : c.actor.role === 'visitor'
        ? null
        : ((await visitorsIn(c.db, c.actor, { id: query.visitorId }))[0]?.id ?? null);
  const found = visitorId
    ? await c.db
        .select()
        .from(visitDues)
        .where(
          and(
            eq(visitDues.visitorId, visitorId),
            inArray(visitDues.status, ['due', 'overdue']),
            scopeWhere(c.actor, { division: visitDues.divisionCode }),
          ),
        )
        .orderBy(asc(visitDues.windowEnd))
        .limit(2000)
    : [];
  const endOfToday = shanghaiMidnight(c.today) + 24 * 3600_000;
  const endOfWeek = periodWindow('week', c.today).end.getTime();
  const views = await toDueViews(c, found);
  const here = query.lat !== undefined && query.lng !== undefined ? query : null;
  const places = here
    ? await householdLocations(
        c.db,
        views.map((d) => d.householdId),
      )
    : new Map<string, { lat: number; lng: number }>();
  const items = views.map((d) => {
    const by = Date.parse(d.dueBy);
    const bucket =
      d.status === 'overdue'
        ? ('overdue' as const)
        : by <= endOfToday || d.source === 'trigger'
          ? ('today' as const)
          : by <= endOfWeek
            ? ('week' as const)
            : ('later' as const);
    const place = places.get(d.householdId);
    const distanceMeters =
      here && place
        ? Math.round(metresBetween({ lat: here.lat as number, lng: here.lng as number }, place))
        : null;
    return { ...d, bucket, distanceMeters };
  });
  items.sort(
    (a, b) =>
      bucketRank[a.bucket] - bucketRank[b.bucket] ||
      Number(b.source === 'trigger') - Number(a.source === 'trigger') ||
      levelRank[a.careLevel] - levelRank[b.careLevel] ||
      (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) ||
      a.dueBy.localeCompare(b.dueBy) ||
      compareChineseNames(a.subjectName, b.subjectName),
  );
  const counts = { overdue: 0, today: 0, week: 0, later: 0 };
  for (const i of items) counts[i.bucket] += 1;
  return { items, counts };
}

/** The level whose overdue list an actor sees: the one of their scope (all, for the others). */
export function overdueLevelOf(actor: Pick<Actor, 'role' | 'scope'>): EscalationLevel {
  const code = actor.scope.divisionCode;
  if (actor.role === 'visitor' || !code) return 'visitor';
  if (actor.role === 'org_admin' || actor.role === 'admin') return 'visitor';
  const level = divisionLevel(code);
  if (level === 'community' || level === 'grid') return 'community';
  if (level === 'street') return 'street';
  if (level === 'district') return 'district';
  return 'visitor';
}

/**
 * GET /api/visit-dues/overdue: the overdue visits that reached the caller's level (a community
 * worker's list holds what climbed to the community, a street officer's what reached the street
 * …), with the counts by street, community and visitor.
 */
export async function overdueList(c: VisitsContext, query: z.infer<typeof OverdueQuery>) {
  const level = overdueLevelOf(c.actor);
  const where: SQL | undefined = and(
    eq(visitDues.status, 'overdue'),
    gte(visitDues.escalation, escalationLevels.indexOf(level)),
    scopeWhere(c.actor, { division: visitDues.divisionCode }),
    c.actor.role === 'visitor' ? eq(visitDues.visitorId, c.actor.userId) : undefined,
    query.divisionCode
      ? sql`${visitDues.divisionCode} like ${divisionPrefix(query.divisionCode) + '%'}`
      : undefined,
    query.visitorId ? eq(visitDues.visitorId, query.visitorId) : undefined,
  );
  // the total and the counts by street, community and visitor in one scan (grouping sets)
  const street = sql`substr(${visitDues.divisionCode}, 1, 9) || '000'`;
  const community = sql`substr(${visitDues.divisionCode}, 1, 12)`;
  const visitor = sql`coalesce(${visitDues.visitorId}::text, '')`;
  const [found, groups] = await Promise.all([
    c.db
      .select()
      .from(visitDues)
      .where(where)
      .orderBy(asc(visitDues.windowEnd), asc(visitDues.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    rows<{ street: string | null; community: string | null; visitor: string | null; n: number }>(
      c.db,
      sql`select ${street} as street, ${community} as community, ${visitor} as visitor,
          count(*)::int as n
        from ${visitDues} where ${where ?? sql`true`}
        group by grouping sets ((${street}), (${community}), (${visitor}), ())`,
    ),
  ]);
  /** One grouping's counts, the largest first (at most 200). */
  const countsBy = (key: 'street' | 'community' | 'visitor') =>
    groups
      .flatMap((g) => {
        const value = g[key];
        return value !== null ? [{ key: value, count: g.n }] : [];
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, 200);
  const total = groups.find((g) => g.street === null && g.community === null && g.visitor === null);
  const byStreet = countsBy('street');
  const byCommunity = countsBy('community');
  const byVisitor = countsBy('visitor');
  const [places, visitors] = await Promise.all([
    divisionNames(
      c.db,
      [...byStreet, ...byCommunity].map((g) => g.key),
    ),
    userNames(
      c.db,
      byVisitor.flatMap((g) => (g.key ? [g.key] : [])),
    ),
  ]);
  return {
    items: await toDueViews(c, found),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    level,
    byStreet: byStreet.map((g) => ({ ...g, name: places.get(g.key) ?? null })),
    byCommunity: byCommunity.map((g) => ({ ...g, name: places.get(g.key) ?? null })),
    byVisitor: byVisitor.map((g) => ({ ...g, name: g.key ? (visitors.get(g.key) ?? null) : null })),
  };
}
