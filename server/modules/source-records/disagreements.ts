import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeWhere, type Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { divisionPrefix } from '../../platform/contract/divisions.ts';
import { normalisePhone } from '../../platform/contract/phone.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { divisionNames } from '../divisions/service.ts';
import { correctSubject, rosterSubjectsById, type RosterSubject } from '../subjects/service.ts';
import { userNames } from '../users/service.ts';
import {
  compareFields,
  maskedComparison,
  type FieldComparison,
  type SourceValue,
} from './compare.ts';
import {
  correctableFields,
  SourceRecordError,
  sourceFields,
  type DisagreementView,
  type ExportDisagreementsQuery,
  type ListDisagreementsQuery,
  type ResolveDisagreementBody,
  type SourceField,
} from './contract.ts';
import type { SourceRecordsContext } from './context.ts';
import { sourceDisagreements as d, sourceValues } from './tables.ts';

type Row = typeof d.$inferSelect;

/** A keyed hash of what a field's comparison says (the roster and each source's latest value). */
const hashOf = (c: Pick<SourceRecordsContext, 'sensitive'>, f: FieldComparison) =>
  c.sensitive.lookupHash(JSON.stringify([f.roster, f.values.map((v) => [v.source, v.value])]));

/**
 * Finds again where these subjects' departments and roster disagree, in the caller's transaction
 * (`db`: an import's, a resolution's): a new disagreement opens; one worked through stays so while
 * its values are the same and reopens when they change; an open one that now agrees goes.
 */
export async function findDisagreements(
  c: Pick<SourceRecordsContext, 'db' | 'sensitive' | 'now'>,
  people: RosterSubject[],
): Promise<void> {
  const tx = c.db;
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    const values = await sourceValuesOf(
      c,
      batch.map((s) => s.id),
    );
    const found = batch.flatMap((s) =>
      compareFields(s, values.get(s.id) ?? [])
        // health notes are free text in each department's words: shown side by side, never listed
        .filter((f) => f.disagrees && f.field !== 'healthStatus')
        .map((f) => ({
          subjectId: s.id,
          divisionCode: s.divisionCode,
          subjectName: s.name,
          field: f.field,
          state: 'open' as const,
          valuesHash: hashOf(c, f),
          detectedAt: c.now,
        })),
    );
    const same = sql`${d.valuesHash} = excluded.values_hash`;
    const kept = (column: SQL | typeof d.state, reset: SQL) =>
      sql`case when ${same} then ${column} else ${reset} end`;
    if (found.length)
      await tx
        .insert(d)
        .values(found)
        .onConflictDoUpdate({
          target: [d.subjectId, d.field],
          set: {
            divisionCode: sql`excluded.division_code`,
            subjectName: sql`excluded.subject_name`,
            state: kept(sql`${d.state}`, sql`'open'`),
            resolution: kept(sql`${d.resolution}`, sql`null`),
            note: kept(sql`${d.note}`, sql`null`),
            resolvedAt: kept(sql`${d.resolvedAt}`, sql`null`),
            resolvedBy: kept(sql`${d.resolvedBy}`, sql`null`),
            detectedAt: kept(sql`${d.detectedAt}`, sql`excluded.detected_at`),
            valuesHash: sql`excluded.values_hash`,
          },
        });
    const still = found.map((f) => `${f.subjectId}/${f.field}`);
    await tx.delete(d).where(
      and(
        inArray(
          d.subjectId,
          batch.map((s) => s.id),
        ),
        eq(d.state, 'open'),
        still.length
          ? sql`(${d.subjectId}::text || '/' || ${d.field}) not in (${sql.join(
              still.map((k) => sql`${k}`),
              sql`, `,
            )})`
          : undefined,
      ),
    );
  }
}

function filters(actor: Actor, q: z.infer<typeof ExportDisagreementsQuery>): SQL | undefined {
  return and(
    scopeWhere(actor, { division: d.divisionCode }),
    q.divisionCode
      ? sql`${d.divisionCode} like ${divisionPrefix(q.divisionCode) + '%'}`
      : undefined,
    q.field ? eq(d.field, q.field) : undefined,
    q.source
      ? sql`exists (select 1 from ${sourceValues} where ${sourceValues.subjectId} = ${d.subjectId} and ${sourceValues.field} = ${d.field} and ${sourceValues.source} = ${q.source})`
      : undefined,
  );
}

/** The rows as the list shows them: each with the live comparison of its field, masked. */
async function views(c: SourceRecordsContext, found: Row[]): Promise<DisagreementView[]> {
  const ids = [...new Set(found.map((r) => r.subjectId))];
  const [people, values, divisions, names] = await Promise.all([
    rosterSubjectsById(c, ids),
    sourceValuesOf(c, ids),
    divisionNames(
      c.db,
      found.map((r) => r.divisionCode),
    ),
    userNames(
      c.db,
      found.flatMap((r) => (r.resolvedBy ? [r.resolvedBy] : [])),
    ),
  ]);
  return found.map((r) => {
    const person = people.get(r.subjectId);
    const comparison = person
      ? compareFields(person, values.get(r.subjectId) ?? []).find((f) => f.field === r.field)
      : undefined;
    const shownValues = comparison ? maskedComparison(comparison, c.today) : null;
    return {
      id: r.id,
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      divisionCode: r.divisionCode,
      divisionName: divisions.get(r.divisionCode) ?? null,
      field: r.field as SourceField,
      roster: shownValues?.roster ?? null,
      values: shownValues?.values ?? [],
      state: r.state,
      resolution: r.resolution,
      note: r.note,
      detectedAt: r.detectedAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolvedByName: r.resolvedBy ? (names.get(r.resolvedBy) ?? null) : null,
    };
  });
}

/** The list of disagreements to work through, newest first, with the counts per field. */
export async function listDisagreements(
  c: SourceRecordsContext,
  q: z.infer<typeof ListDisagreementsQuery>,
) {
  const { actor } = c;
  const where = and(filters(actor, q), eq(d.state, q.state));
  const [found, [total], counted] = await Promise.all([
    c.db
      .select()
      .from(d)
      .where(where)
      .orderBy(desc(d.detectedAt), asc(d.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    c.db.select({ n: count() }).from(d).where(where),
    c.db
      .select({ field: d.field, state: d.state, n: count() })
      .from(d)
      .where(filters(actor, { ...q, field: undefined }))
      .groupBy(d.field, d.state),
  ]);
  const counts = sourceFields
    .map(({ key }) => {
      const n = (state: string) =>
        counted.find((x) => x.field === key && x.state === state)?.n ?? 0;
      return { field: key, open: n('open'), resolved: n('resolved'), checked: n('checked') };
    })
    .filter((x) => x.open + x.resolved + x.checked > 0);
  return {
    items: await views(c, found),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
}

/**
 * Works one disagreement through: the roster is right, a source is right (a name or a phone then
 * goes onto the roster), or the values were checked. Audited with what was chosen (not the values).
 */
export async function resolveDisagreement(
  c: SourceRecordsContext,
  { id, ...body }: { id: string } & z.infer<typeof ResolveDisagreementBody>,
): Promise<DisagreementView> {
  const { actor } = c;
  const row = await c.db.transaction(async (tx) => {
    const t = { ...c, db: tx };
    const [found] = await tx
      .select()
      .from(d)
      .where(and(eq(d.id, id), scopeWhere(actor, { division: d.divisionCode })))
      .for('update');
    if (!found) throw new AppError(SourceRecordError.not_found);
    const person = (await rosterSubjectsById(t, [found.subjectId])).get(found.subjectId);
    if (!person) throw new AppError(SourceRecordError.not_found);
    const field = found.field as SourceField;
    const comparisonOf = async (who: RosterSubject) =>
      compareFields(who, (await sourceValuesOf(t, [who.id])).get(who.id) ?? []).find(
        (f) => f.field === field,
      );
    const before = await comparisonOf(person);
    const picked =
      body.pick === 'roster' || body.pick === 'checked'
        ? null
        : before?.values.find((v) => v.source === body.pick);
    if (body.pick !== 'roster' && body.pick !== 'checked' && !picked)
      throw new AppError(SourceRecordError.pick_unknown, {
        fields: [{ field: 'pick', code: SourceRecordError.pick_unknown }],
      });
    let after = person;
    if (picked && (correctableFields as readonly string[]).includes(field)) {
      const value =
        field === 'phone' ? (normalisePhone(picked.value)?.number ?? picked.value) : picked.value;
      if (rosterValueDiffers(person, field, value)) {
        await correctSubject(t, {
          subject: person,
          change: field === 'name' ? { name: value } : { mobile: value },
          source: picked.source,
        });
        after = field === 'name' ? { ...person, name: value } : { ...person, mobile: value };
      }
    }
    const now = await comparisonOf(after);
    const [updated] = await tx
      .update(d)
      .set({
        state: body.pick === 'checked' ? 'checked' : 'resolved',
        resolution: body.pick === 'checked' ? null : body.pick,
        note: body.note || null,
        resolvedAt: c.now,
        resolvedBy: actor.userId,
        subjectName: after.name,
        ...(now ? { valuesHash: hashOf(c, now) } : {}),
      })
      .where(eq(d.id, id))
      .returning();
    await audit(tx, actor, {
      action: 'source.disagreement_resolve',
      entity: 'subject',
      entityId: found.subjectId,
      detail: {
        field,
        pick: body.pick,
        rosterUpdated: after !== person,
      },
    });
    return updated as Row;
  });
  const [view] = await views(c, [row]);
  return view as DisagreementView;
}

function rosterValueDiffers(s: RosterSubject, field: SourceField, value: string): boolean {
  return field === 'name' ? s.name !== value : s.mobile !== value;
}

/** Every disagreement of the filters, for the export (in pages of 500, the list's order). */
export async function* disagreementRows(
  c: SourceRecordsContext,
  q: z.infer<typeof ExportDisagreementsQuery>,
): AsyncGenerator<DisagreementView> {
  const where = and(filters(c.actor, q), eq(d.state, q.state));
  for (let offset = 0; ; offset += 500) {
    const found = await c.db
      .select()
      .from(d)
      .where(where)
      .orderBy(desc(d.detectedAt), asc(d.id))
      .limit(500)
      .offset(offset);
    yield* await views(c, found);
    if (found.length < 500) return;
  }
}

/** The departments' values of these subjects, decrypted, oldest first (by subject). */
export async function sourceValuesOf(
  c: Pick<SourceRecordsContext, 'db' | 'sensitive'>,
  subjectIds: string[],
): Promise<Map<string, SourceValue[]>> {
  const bySubject = new Map<string, SourceValue[]>();
  if (!subjectIds.length) return bySubject;
  const found = await c.db
    .select()
    .from(sourceValues)
    .where(inArray(sourceValues.subjectId, subjectIds))
    .orderBy(asc(sourceValues.field), asc(sourceValues.asOf));
  for (const v of found) {
    const list = bySubject.get(v.subjectId) ?? [];
    list.push({
      source: v.source,
      field: v.field,
      value: c.sensitive.decrypt(v.valueCipher),
      asOf: v.asOf,
    });
    bySubject.set(v.subjectId, list);
  }
  return bySubject;
}
