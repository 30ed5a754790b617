import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { listDivisions } from '../divisions/service.ts';
import { userNames } from '../users/service.ts';
import type { RosterContext } from './context.ts';

/*
 * Each community's progress inside its street's round (V2: the communities compile, the street
 * confirms, and one submission hands over the whole street): whether it has put anything in, its
 * rows, the rows its last failed upload had refused, what the street returned, and its last
 * upload, by whom and when.
 */

type Stats = { code: string; rows: number; returned: number; returned_open: number };
type Upload = { code: string; at: Date | string; by: string | null; rejected: number; ok: boolean };

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

export async function communityProgress(
  c: Pick<RosterContext, 'db' | 'today'>,
  round: { id: string; divisionCode: string; month: string },
) {
  const db: Db = c.db;
  const street = round.divisionCode;
  const prefix = `${street.slice(0, 9)}%`;
  const [communities, stats, uploads] = await Promise.all([
    listDivisions(
      db,
      { scope: { divisionCode: street, organisationId: null } },
      { today: c.today },
    ),
    rows<Stats>(
      db,
      sql`select left(division_code, 12) as code, count(*)::int as rows,
            count(*) filter (where review_state in ('returned', 'fixed'))::int as returned,
            count(*) filter (where review_state = 'returned')::int as returned_open
          from roster_entries where round_id = ${round.id} group by 1`,
    ),
    // a community's uploads into the round: those that wrote its changes, and its own attempts of
    // the month since the round was made (a correction round counts from its own start)
    rows<Upload>(
      db,
      sql`select distinct on (code, ok) code, at, by, rejected, ok from (
            select left(e.division_code, 12) as code, i.created_at as at, i.uploaded_by as by,
              i.rejected, i.committed as ok
            from roster_entries e join roster_imports i on i.id = e.import_id
            where e.round_id = ${round.id}
            union all
            select left(i.division_code, 12), i.created_at, i.uploaded_by, i.rejected, i.committed
            from roster_imports i join roster_rounds r on r.id = ${round.id}
            where i.month = ${round.month} and i.division_code like ${prefix}
              and length(i.division_code) >= 12 and i.created_at >= r.created_at
          ) u order by code, ok, at desc`,
    ),
  ]);
  const statsOf = new Map(stats.map((s) => [s.code, s]));
  const lastOk = new Map(uploads.filter((u) => u.ok).map((u) => [u.code, u]));
  const lastFailed = new Map(uploads.filter((u) => !u.ok).map((u) => [u.code, u]));
  const names = await userNames(
    db,
    uploads.flatMap((u) => (u.by ? [u.by] : [])),
  );
  return communities
    .filter((d) => d.level === 'community')
    .map((d) => {
      const s = statsOf.get(d.code);
      const last = lastOk.get(d.code);
      const failed = lastFailed.get(d.code);
      const stillFailing =
        failed && (!last || new Date(failed.at).getTime() > new Date(last.at).getTime());
      return {
        divisionCode: d.code,
        divisionName: d.name,
        uploaded: (s?.rows ?? 0) > 0,
        rows: s?.rows ?? 0,
        rejected: stillFailing ? failed.rejected : 0,
        returned: s?.returned ?? 0,
        returnedOpen: s?.returned_open ?? 0,
        lastUploadAt: last ? iso(last.at) : null,
        lastUploadBy: last?.by ? (names.get(last.by) ?? null) : null,
      };
    });
}
