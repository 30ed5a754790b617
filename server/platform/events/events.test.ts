import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { makeDivisionTree } from '../../test/factories.ts';
import { createTestApp, MINUTE, type TestApp } from '../../test/harness.ts';
import { makeRound } from '../../test/roster-support.ts';
import { baseUrlOf, openReadyStream, openStream, type TestStream } from '../../test/sse.ts';
import type { Permission } from '../contract/permissions.ts';
import { liveEvents } from './tables.ts';
import { publishEvent } from './publish.ts';
import { pruneLiveEvents } from './prune.ts';

/**
 * Live push over a real listening server, read as a browser reads it (a streaming body): who gets
 * which event, replay after Last-Event-ID, rollback, session end, and (on PostgreSQL) the fan-out
 * from another app process through LISTEN/NOTIFY.
 */

let t: TestApp;
let base: string;
let tree: Awaited<ReturnType<typeof makeDivisionTree>>;
let officerA: Session;
let officerB: Session;
const open: TestStream[] = [];

beforeAll(async () => {
  // sessions of open streams are checked every 100 ms here (15 s by default), heartbeats every 200 ms
  t = await createTestApp({
    env: { EVENTS_SESSION_CHECK_SECONDS: '0.1', EVENTS_HEARTBEAT_SECONDS: '0.2' },
  });
  base = await baseUrlOf(t);
  tree = await makeDivisionTree(t.db);
  const as = actorsFor(t);
  officerA = await as.asStreetOfficer(tree.streets[0]);
  officerB = await as.asStreetOfficer(tree.streets[1]);
});
afterAll(async () => {
  for (const s of open) s.close();
  await t?.close();
});

async function stream(session: Session, opts: { lastEventId?: number } = {}) {
  const s = await openReadyStream(base, session, opts);
  open.push(s);
  return s;
}

/** Declared by the rosters contract (loaded with the app's routes). */
const submitted = 'roster_round.submitted';

function publish(
  db: Db,
  divisionCode: string,
  o: { permission?: Permission; entityId?: string; organisationId?: string } = {},
) {
  return db.transaction((tx) =>
    publishEvent(tx, {
      type: submitted,
      divisionCode,
      organisationId: o.organisationId,
      permission: o.permission ?? 'roster.review',
      entity: 'roster_round',
      entityId: o.entityId ?? crypto.randomUUID(),
    }),
  );
}

const hasEvent = (id: number) => (m: { id: string | undefined; event: string }) =>
  m.event === 'message' && m.id === String(id);

describe('a street officer’s stream', () => {
  it('gets the submission of a round of their street, and none of a sibling street’s', async () => {
    const [a, b] = [await stream(officerA), await stream(officerB)];
    const as = actorsFor(t);
    const submitIn = async (street: number) => {
      const { round, community } = await makeRound(t.db, t.ctx.sensitive, {
        divisionCode: tree.communities[street]?.[0]?.code as string,
      });
      const worker = await as.asCommunityWorker(community);
      const res = await call(t, worker, {
        method: 'POST',
        url: `/api/roster-rounds/${round.id}/submit`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return round.id;
    };
    const roundA = await submitIn(0);
    const roundB = await submitIn(1);

    const gotA = await a.next((m) => m.event === 'message');
    expect(gotA.data).toMatchObject({
      type: 'roster_round.submitted',
      entity: 'roster_round',
      entityId: roundA,
      divisionCode: tree.streets[0].code,
      data: { month: expect.any(String) },
    });
    expect(gotA.id).toBe(String((gotA.data as { id: number }).id));
    // B's own event comes after A's (ids in commit order): by then A's would have arrived too
    await b.next(
      (m) => m.event === 'message' && (m.data as { entityId: string }).entityId === roundB,
    );
    expect(b.events().map((e) => e.entityId)).toEqual([roundB]);
    await a.next((m) => m.event === 'message' && m.id !== gotA.id, 300).catch(() => undefined);
    expect(a.events().map((e) => e.entityId)).toEqual([roundA]);
  });

  it('keeps the connection open with heartbeat comments', async () => {
    const s = await stream(officerA);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(s.comments).toBeGreaterThanOrEqual(2);
  });

  it('gets nothing whose permission its user lacks, nor the user’s own action', async () => {
    const as = actorsFor(t);
    const districtOfficer = await as.asDistrictOfficer(tree.district); // no roster.review
    const s = await stream(districtOfficer);
    const own = await stream(officerA);
    const hidden = await publish(t.db, tree.streets[0].code);
    const ownAction = await t.db.transaction((tx) =>
      publishEvent(tx, {
        type: submitted,
        divisionCode: tree.streets[0].code,
        permission: 'roster.read',
        entity: 'roster_round',
        entityId: crypto.randomUUID(),
        actorId: officerA.user.id,
      }),
    );
    const seen = await publish(t.db, tree.streets[0].code, { permission: 'roster.read' });
    await s.next(hasEvent(seen));
    expect(s.events().map((e) => e.id)).toEqual([ownAction, seen]);
    await own.next(hasEvent(seen));
    expect(own.events().map((e) => e.id)).toEqual([hidden, seen]);
  });

  it('never gets an event published in a transaction that rolled back', async () => {
    const s = await stream(officerA);
    await expect(
      t.db.transaction(async (tx) => {
        await publishEvent(tx, {
          type: submitted,
          divisionCode: tree.streets[0].code,
          permission: 'roster.review',
          entity: 'roster_round',
          entityId: 'rolled-back',
        });
        throw new Error('the write fails after the event');
      }),
    ).rejects.toThrow('the write fails');
    const after = await publish(t.db, tree.streets[0].code);
    await s.next(hasEvent(after));
    expect(s.events().map((e) => e.entityId)).not.toContain('rolled-back');
    expect(s.events().map((e) => e.id)).toEqual([after]);
  });

  it('refuses an event type that no contract declares', async () => {
    await expect(
      t.db.transaction((tx) =>
        publishEvent(tx, {
          type: 'nobody.declared',
          divisionCode: tree.streets[0].code,
          permission: 'roster.review',
          entity: 'x',
          entityId: 'y',
        }),
      ),
    ).rejects.toThrow(/not declared/);
  });
});

describe('reconnecting with Last-Event-ID', () => {
  it('replays exactly the in-scope events missed, in order, then goes on live', async () => {
    const first = await stream(officerA);
    const ready = await first.next((m) => m.event === 'ready');
    first.close();
    const missed1 = await publish(t.db, tree.communities[0][1].code);
    await publish(t.db, tree.streets[1].code); // the sibling street's
    await publish(t.db, tree.streets[0].code, { permission: 'user.manage' }); // not held
    const missed2 = await publish(t.db, tree.streets[0].code);

    // everything committed before the reconnection arrives before its `ready`
    const again = await stream(officerA, { lastEventId: Number(ready.id) });
    expect(again.events().map((e) => e.id)).toEqual([missed1, missed2]);
    expect(again.messages.every((m) => m.id !== undefined)).toBe(true);
    const live = await publish(t.db, tree.streets[0].code);
    await again.next(hasEvent(live));
    expect(again.events().map((e) => e.id)).toEqual([missed1, missed2, live]);
  });

  it('replays an event committed before it connected whose notification has not arrived', async () => {
    const first = await stream(officerA);
    const ready = await first.next((m) => m.event === 'ready');
    first.close();
    // written without pg_notify: only the table knows of it (the hub polls every 10 s)
    const [row] = await t.db
      .insert(liveEvents)
      .values({
        type: submitted,
        divisionCode: tree.streets[0].code,
        permission: 'roster.review',
        entity: 'roster_round',
        entityId: crypto.randomUUID(),
      })
      .returning({ id: liveEvents.id });
    const again = await stream(officerA, { lastEventId: Number(ready.id) });
    expect(again.events().map((e) => e.id)).toEqual([row?.id]);
    expect(again.messages.at(-1)).toMatchObject({ event: 'ready', id: String(row?.id) });
  });

  it('replays nothing to a sibling street’s officer', async () => {
    const first = await stream(officerB);
    const ready = await first.next((m) => m.event === 'ready');
    first.close();
    await publish(t.db, tree.streets[0].code);
    const again = await stream(officerB, { lastEventId: Number(ready.id) });
    expect(again.events()).toEqual([]);
  });
});

describe('pruning', () => {
  it('deletes the events older than the retention and keeps the newer', async () => {
    const old = await publish(t.db, tree.streets[0].code);
    const now = new Date(Date.now() + 8 * 86_400_000);
    const fresh = await publish(t.db, tree.streets[0].code);
    await t.db
      .update(liveEvents)
      .set({ createdAt: new Date(Date.now() + 8 * 86_400_000 - MINUTE) })
      .where(eq(liveEvents.id, fresh));
    expect(await pruneLiveEvents(t.db, t.config.events.retentionMs, now)).toBeGreaterThan(0);
    const left = (await t.db.select({ id: liveEvents.id }).from(liveEvents)).map((r) => r.id);
    expect(left).toEqual([fresh]);
    expect(left).not.toContain(old);
  });
});

// PostgreSQL only, on purpose: an embedded PGlite belongs to one process, so there is no second app to
// fan out to; CI runs this file again on PostgreSQL (.ci/run).
describe.runIf(Boolean(process.env.DATABASE_URL))('several app processes', () => {
  it('an event written by a second app on the same database reaches a stream of the first', async () => {
    const url = t.database.pool?.options.connectionString as string;
    const database = await openDatabase({ url, poolSize: 2 });
    const second = await buildApp({
      database,
      config: t.config,
      serveWeb: false,
      logger: false,
    });
    try {
      const s = await stream(officerA);
      const id = await publish(second.ctx.db, tree.streets[0].code);
      await s.next(hasEvent(id));
      expect(second.ctx.events.size()).toBe(0);
    } finally {
      await second.app.close();
      await database.close();
    }
  });
});

// last: moving the clock ends every idle session, those of the streams above too
describe('the session of a stream', () => {
  it('answers 401 without a session', async () => {
    const s = await openStream(base, null);
    expect(s.status).toBe(401);
    expect(s.body).toMatchObject({ error: { code: 'common.unauthenticated' } });
  });

  it('is not kept alive by the stream: the stream closes when the session times out', async () => {
    const session = await actorsFor(t).asStreetOfficer(tree.streets[0]);
    const s = await stream(session);
    t.clock.advance(16 * MINUTE);
    await s.ended;
    const me = await call(t, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('common.session_expired');
    t.clock.advance(-16 * MINUTE);
  });

  it('closes when the user signs out', async () => {
    const session = await actorsFor(t).asStreetOfficer(tree.streets[0]);
    const s = await stream(session);
    const out = await call(t, session, { method: 'POST', url: '/api/auth/logout' });
    expect(out.status).toBe(200);
    await s.ended;
  });
});
