import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { audit, type AuditWho } from '../../../platform/audit/audit.ts';
import { addTimelineEvents, subjectSummaries } from '../../subjects/service.ts';
import type { RecordVisitBody } from '../contract.ts';
import { noteVisitMonths, recount } from '../dues.ts';
import { visits } from '../tables.ts';

/** A visit made before it reached the platform: a paper ledger's line, or the demo's history. */
export type PastVisit = Pick<
  RecordVisitBody,
  'kind' | 'outcome' | 'assessment' | 'findings' | 'survey' | 'outreach' | 'note'
> & { subjectId: string; visitorId: string; startedAt: Date; endedAt: Date };

/**
 * Records past visits in bulk, in the caller's transaction: the visits a thousand a statement,
 * their household timeline entries, one audit row per call, and the due rows of their subjects
 * counted again. Subjects no longer on the roster are skipped.
 */
export async function recordPastVisits(
  tx: Db,
  input: { who: AuditWho; now: Date; visits: readonly PastVisit[]; isDemo?: boolean },
): Promise<number> {
  const subjects = await subjectSummaries(
    tx,
    input.visits.map((v) => v.subjectId),
  );
  const known = input.visits.filter((v) => subjects.get(v.subjectId)?.status === 'active');
  let recorded = 0;
  for (let i = 0; i < known.length; i += 1000) {
    const batch = known.slice(i, i + 1000);
    const ids = await tx
      .insert(visits)
      .values(
        batch.map((v) => {
          const s = subjects.get(v.subjectId);
          return {
            subjectId: v.subjectId,
            householdId: s?.householdId as string,
            divisionCode: s?.divisionCode as string,
            visitorId: v.visitorId,
            kind: v.kind,
            startedAt: v.startedAt,
            endedAt: v.endedAt,
            outcome: v.outcome,
            assessment: v.assessment ?? null,
            findings: v.findings ?? null,
            survey: v.survey ?? null,
            outreach: v.outreach ?? [],
            note: v.note ?? null,
            recordedAt: v.endedAt,
            isDemo: input.isDemo ?? false,
          };
        }),
      )
      .returning({ id: visits.id });
    await noteVisitMonths(tx, sql`v.id = any(${sql.param(ids.map((r) => r.id))}::uuid[])`);
    await addTimelineEvents(
      tx,
      batch.map((v, j) => ({
        householdId: subjects.get(v.subjectId)?.householdId as string,
        subjectId: v.subjectId,
        occurredAt: v.startedAt,
        kind: 'visit.recorded',
        detail: { kind: v.kind, outcome: v.outcome },
        refEntity: 'visit',
        refId: ids[j]?.id,
      })),
    );
    recorded += batch.length;
  }
  const subjectIds = [...new Set(known.map((v) => v.subjectId))];
  if (subjectIds.length > 0)
    await recount(tx, input.now, sql`d.subject_id = any(${sql.param(subjectIds)}::uuid[])`);
  await audit(tx, input.who, {
    action: 'visit.record_past',
    entity: 'visit',
    detail: { visits: recorded, subjects: subjectIds.length },
  });
  return recorded;
}
