import type { Db } from '../client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { permissionsOf } from '../../platform/access/permissions.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { shanghaiMidnight } from '../../platform/calendar/deadlines.ts';
import type { Role } from '../../platform/contract/common.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import { assign, setCareLevel, subjectsInCare } from '../../modules/subjects/service.ts';
import type { VisitKind } from '../../modules/visits/contract.ts';
import { periodDays } from '../../modules/visits/policy.ts';
import {
  escalateOverdue,
  recordPastVisits,
  refreshDues,
  saveCarePlan,
  type PastVisit,
} from '../../modules/visits/service.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Six months of visits in the demo district, made through the visits module: 大北街道's subjects
 * are assigned to visitor1 (探访员 张伟), the other streets' visits are the service organisation's
 * (org1); most subjects are visited as their level requires, some periods were missed (overdue,
 * climbing to the community, the street and the district), this period is partly done, and two
 * subjects of 大北街道 became 特殊关爱 this morning, so that visitor1's worklist has today's visits.
 */

export type DemoUser = { id: string; username: string; role: Role; divisionCode: string | null };

const DAY = 24 * 3600_000;
const DABEI = '210104002';

export function demoActor(user: DemoUser, organisationId: string | null = null): Actor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    permissions: new Set(permissionsOf(user.role)),
    scope: { divisionCode: user.divisionCode, organisationId },
    sessionId: 'demo-seed',
    ip: '127.0.0.1',
    requestId: 'demo-seed',
  };
}

/** The periods of `period` from `from` up to the one holding `to` (YYYY-MM-DD each). */
function periodsBetween(period: 'week' | 'month' | 'quarter', from: string, to: string) {
  const out: { start: string; end: string }[] = [];
  for (let p = periodDays(period, from); p.start <= to; p = periodDays(period, p.end)) out.push(p);
  return out;
}

export async function seedDemoVisits(
  tx: Db,
  sensitive: SensitiveCipher,
  users: ReadonlyMap<string, DemoUser>,
  at: Date,
): Promise<{ visits: number; assigned: number; carePlans: number }> {
  const rnd = seededRandom(20261201);
  const visitor = users.get('visitor1') as DemoUser;
  const service = users.get('org1') as DemoUser;
  const today = shanghaiDate(at);
  const since = shanghaiDate(new Date(at.getTime() - 182 * DAY));
  const inCare = await subjectsInCare(tx, today);
  const dabei = inCare.filter((s) => s.divisionCode.startsWith(DABEI)).map((s) => s.id);
  await assign(tx, {
    subjectIds: dabei,
    visitorId: visitor.id,
    today: since,
    now: new Date(at.getTime() - 182 * DAY),
  });

  // what was due last week and last month, then this period's rows: the history the visits meet
  for (const back of [35, 7]) await refreshDues(tx, new Date(at.getTime() - back * DAY));
  await refreshDues(tx, at);

  const visits: PastVisit[] = [];
  const dabeiSet = new Set(dabei);
  /** A visit on a working hour of a random day of the period, never after `at`. */
  const visitIn = (subjectId: string, p: { start: string; end: string }, kind: VisitKind) => {
    const days = Math.round((shanghaiMidnight(p.end) - shanghaiMidnight(p.start)) / DAY);
    const day = Math.floor(rnd() * days);
    const start = new Date(shanghaiMidnight(p.start) + day * DAY + (9 + rnd() * 8) * 3600_000);
    const minutes = kind === 'home' ? 20 + Math.floor(rnd() * 30) : 5 + Math.floor(rnd() * 10);
    const end = new Date(start.getTime() + minutes * 60_000);
    if (end.getTime() > at.getTime() - 3600_000) return;
    const met = rnd() > 0.04;
    visits.push({
      subjectId,
      visitorId: dabeiSet.has(subjectId) ? visitor.id : service.id,
      kind,
      startedAt: start,
      endedAt: end,
      outcome: met ? 'met' : 'not_home',
      ...(met && kind === 'home'
        ? {
            assessment: {
              'health.mobility': { status: rnd() < 0.15 ? 'attention' : 'normal' },
              'health.mental': { status: 'normal' },
              'safety.gas': { status: rnd() < 0.05 ? 'risk' : 'normal' },
              'safety.power': { status: 'normal' },
            },
            survey: { satisfaction: rnd() < 0.85 ? 'satisfied' : 'basically_satisfied' },
            outreach: rnd() < 0.3 ? ['elderly_policy' as const] : [],
            findings:
              rnd() < 0.1
                ? { needs: ['daily_care' as const], hazards: [], benefits: [] }
                : undefined,
          }
        : {}),
    });
  };
  for (const s of inCare) {
    // most periods are met; a few are missed, and this period is half done
    const chance = (p: { end: string }) => (p.end > today ? 0.5 : 0.93);
    if (s.careLevel === 'special') {
      for (const p of periodsBetween('week', since, today))
        if (rnd() < chance(p)) visitIn(s.id, p, 'home');
    } else if (s.careLevel === 'key') {
      for (const p of periodsBetween('month', since, today))
        if (rnd() < chance(p)) visitIn(s.id, p, 'home');
    } else {
      for (const p of periodsBetween('quarter', since, today))
        if (rnd() < chance(p)) visitIn(s.id, p, 'home');
      for (const p of periodsBetween('month', since, today))
        if (rnd() < chance(p)) visitIn(s.id, p, 'phone');
    }
  }
  const recorded = await recordPastVisits(tx, {
    who: { userId: service.id, username: service.username, role: service.role },
    now: at,
    visits,
    isDemo: true,
  });
  await escalateOverdue(tx, at);

  // this morning the district raised two of 大北街道's key subjects to special: visits due today
  const dadong = demoActor(users.get('dadong') as DemoUser);
  const raised = inCare.filter((s) => dabeiSet.has(s.id) && s.careLevel === 'key').slice(0, 2);
  for (const s of raised)
    await setCareLevel(
      { db: tx, actor: dadong, now: at, today, locale: 'zh-CN', sensitive },
      { id: s.id, level: 'special', reason: '独居且近期跌倒，需每周入户' },
    );
  const plans = await seedCarePlans(
    tx,
    users,
    at,
    inCare.filter((s) => dabeiSet.has(s.id)),
  );
  return { visits: recorded, assigned: dabei.length, carePlans: plans };
}

const planGoals = [
  {
    goals: '独居老人，每周电话问候，每月入户查看用电用气安全；协助申请助餐服务',
    services: ['meals', 'emotional_comfort'] as const,
    rhythm: { period: 'week', visits: 1, kinds: ['phone', 'video'], homeVisits: 0 } as const,
  },
  {
    goals: '行动不便，协助预约陪同就医，每季度复核居家适老化改造需求',
    services: ['medical_escort', 'home_adaptation'] as const,
    rhythm: null,
  },
  {
    goals: '近期跌倒，每周两次探访（其中一次入户），联系康复护理服务',
    services: ['rehab_nursing', 'daily_care'] as const,
    rhythm: { period: 'week', visits: 2, kinds: ['home', 'phone'], homeVisits: 1 } as const,
  },
];

/** Care plans (一户一策) of a few households of 大北街道, made by the street (王芳). */
async function seedCarePlans(
  tx: Db,
  users: ReadonlyMap<string, DemoUser>,
  at: Date,
  dabei: readonly { householdId: string; careLevel: string }[],
): Promise<number> {
  const street = demoActor(users.get('dabei') as DemoUser);
  const today = shanghaiDate(at);
  const review = shanghaiDate(new Date(at.getTime() + 90 * DAY));
  const households = [
    ...new Set(dabei.filter((s) => s.careLevel !== 'regular').map((s) => s.householdId)),
  ].slice(0, 6);
  for (const [i, householdId] of households.entries()) {
    const plan = planGoals[i % planGoals.length] as (typeof planGoals)[number];
    await saveCarePlan({ db: tx, actor: street, now: at, today }, householdId, {
      goals: plan.goals,
      services: [...plan.services],
      rhythm: plan.rhythm && { ...plan.rhythm, kinds: [...plan.rhythm.kinds] },
      reviewOn: review,
    });
  }
  return households.length;
}
