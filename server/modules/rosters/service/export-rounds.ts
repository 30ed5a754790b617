import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can, scopeWhere, type Actor } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { shanghaiDate, shanghaiDateTime } from '../../../platform/calendar/dates.ts';
import { CommonError } from '../../../platform/contract/errors.ts';
import { exportWatermark, toBuffer, writeListExport } from '../../../platform/excel/export.ts';
import {
  checkUnmaskedExport,
  gateDetail,
  type UnmaskedExportGate,
} from '../../../platform/excel/unmasked.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames } from '../../divisions/service.ts';
import { careLevelNames, childCategoryNames, elderCategoryNames } from '../../subjects/contract.ts';
import {
  RosterError,
  type ExportRoundBody,
  type ExportRoundsBody,
  type RemovalReason,
} from '../contract.ts';
import { proposedView, type FieldChange } from '../changes.ts';
import { relationCodes, type RosterRow } from '../rows.ts';
import { rosterColumns } from '../excel.ts';
import { getRoundView, listMonth } from '../queries.ts';
import { rosterEntries } from '../tables.ts';
import type { RosterContext } from '../context.ts';
import { openEntry, type RevealableEntryField } from './reveal-entry.ts';
import { statusNames } from './rounds.ts';

/*
 * The roster rounds as Excel, in the conventions of every list export: a watermark naming who
 * exported it and when, masked values unless the actor may reveal and gives a reason (of more
 * people than the gate lets through, only for an approved export request), the export in the audit
 * log with its row count, the date in the file's name.
 */

const day = (at: Date) => shanghaiDate(at).replaceAll('-', '');
const when = (iso: string | null) => (iso ? shanghaiDateTime(new Date(iso)) : '');

const monthHeaders = [
  '街道',
  '街道代码',
  '月份',
  '状态',
  '是否逾期',
  '新增',
  '变更',
  '移出',
  '退回',
  '提交时间',
  '退回时间',
  '确认时间',
  '街道意见',
];

/** 月度名册: every street of the month as the list shows it, with its filter. */
export async function exportRounds(
  c: RosterContext,
  body: z.infer<typeof ExportRoundsBody>,
): Promise<{ content: Buffer; fileName: string }> {
  const { actor } = c;
  const streets = (await listMonth(c, body)).filter(
    (s) =>
      !body.status ||
      (body.status === 'late'
        ? s.late
        : body.status === 'missing'
          ? !s.round
          : s.round?.status === body.status),
  );
  const lines = streets.map(({ divisionCode, divisionName, round, late }) => [
    divisionName ?? divisionCode,
    divisionCode,
    body.month,
    round ? statusNames[round.status]['zh-CN'] : '未报送',
    late ? '是' : '否',
    ...(['add', 'change', 'remove', 'returned'] as const).map((k) =>
      round ? String(round.counts[k]) : '',
    ),
    when(round?.submittedAt ?? null),
    when(round?.reviewedAt ?? null),
    when(round?.approvedAt ?? null),
    round?.reviewComment ?? '',
  ]);
  const content = await toBuffer((out) =>
    writeListExport(
      out,
      `${body.month}月度名册`,
      monthHeaders,
      lines,
      exportWatermark(actor.username, c.now),
    ),
  );
  await audit(c.db, actor, {
    action: 'export',
    entity: 'roster_round',
    detail: { month: body.month, rows: lines.length, unmasked: false },
  });
  return { content, fileName: `月度名册-${body.month}-${day(c.now)}.xlsx` };
}

const entryHeaders = [
  '变更类型',
  '社区名称',
  '所属社区代码',
  '姓名',
  '身份证号',
  '人员类型',
  '变更字段',
  '原值',
  '新值',
  '移出原因',
  '移出说明',
  '文件行号',
  '审核状态',
  '退回意见',
  // every field of a joining or changed person, as proposed (the change columns say what differs)
  '性别',
  '年龄',
  '联系电话',
  '住址',
  '类别',
  '关爱等级',
  '接受探访意愿',
  '意愿确认日期',
  '不接受探访原因',
  '紧急联系人',
  '紧急联系人电话',
  '健康状况',
  '户编号',
  '与户主关系',
];

const actionNames = { add: '新增', change: '变更', remove: '移出' } as const;
const removalNames: Record<z.infer<typeof RemovalReason>, string> = {
  death: '死亡',
  moved: '迁出',
  refused: '本人拒绝',
  ineligible: '不再符合条件',
  other: '其他',
};
const kindNames: Record<string, string> = { elder: '老年人', child: '儿童' };
const fieldNames = new Map<string, string>([
  ...rosterColumns.map((col) => [col.key, col.header] as const),
  ['status', '在册状态'],
]);
const masked = new Set(['phone', 'address', 'emergencyPhone']);
const relationNameOf = new Map<string, string>(
  Object.entries(relationCodes).map(([name, code]) => [code, name]),
);

/** A value of a change as the file says it: codes named, hidden values said so. */
function valueText(field: string, value: string | null, kind: string): string {
  if (value === null || value === '') return '';
  const categories = (kind === 'child' ? childCategoryNames : elderCategoryNames) as Record<
    string,
    { 'zh-CN': string }
  >;
  switch (field) {
    case 'status':
      return value === 'active' ? '在册' : value === 'removed' ? '已移出' : value;
    case 'kind':
      return kindNames[value] ?? value;
    case 'careLevel':
      return careLevelNames[value as keyof typeof careLevelNames]?.['zh-CN'] ?? value;
    case 'consent':
      return value === 'given' ? '是' : value === 'refused' ? '否' : value;
    case 'categories':
      return value
        .split('、')
        .map((code) => categories[code]?.['zh-CN'] ?? code)
        .join('、');
    case 'healthNotes':
      return '（已填写，不显示）';
    default:
      return value;
  }
}

type Entry = typeof rosterEntries.$inferSelect;
const PAGE = 2000;

/** The changes of a round the actor sees (a community worker: their community's). */
const entriesWhere = (actor: Actor, id: string) =>
  and(eq(rosterEntries.roundId, id), scopeWhere(actor, { division: rosterEntries.divisionCode }));

/** What an unmasked export of a round's changes would hold: how many people, of which street. */
export async function roundExportScope(
  c: RosterContext,
  { id }: { id: string },
): Promise<{ people: number; divisionCodes: string[]; month: string }> {
  const { actor } = c;
  const round = await getRoundView(c, id);
  const [{ n } = { n: 0 }] = await c.db
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(entriesWhere(actor, id));
  return { people: n, divisionCodes: [round.divisionCode], month: round.month };
}

/**
 * One round's changes, one line per joined or left person and per changed field, with the
 * street's comment on each; masked unless the actor may reveal and gives a reason. A community
 * worker gets the changes of their community only, as on the page.
 */
export async function exportRound(
  c: RosterContext,
  body: { id: string } & z.infer<typeof ExportRoundBody>,
  gate: UnmaskedExportGate,
): Promise<{ content: Buffer; fileName: string }> {
  const { actor } = c;
  const { id, unmasked, reason } = body;
  if (unmasked && !can(actor, 'subject.reveal')) throw new AppError(CommonError.forbidden);
  if (unmasked && !reason)
    throw new AppError(RosterError.unmasked_needs_reason, {
      fields: [{ field: 'reason', code: RosterError.unmasked_needs_reason }],
    });
  const round = await getRoundView(c, id);
  const where = entriesWhere(actor, id);
  if (unmasked) {
    const [{ n } = { n: 0 }] = await c.db
      .select({ n: sql<number>`count(*)::int` })
      .from(rosterEntries)
      .where(where);
    checkUnmaskedExport(gate, n);
  }
  const reviewText = (e: Entry) =>
    e.reviewState === 'returned'
      ? '已退回'
      : e.reviewState === 'fixed'
        ? '退回后已修改'
        : round.status === 'approved'
          ? '已确认'
          : round.status === 'open'
            ? '编制中'
            : '待审核';
  let entries = 0;
  let written = 0;

  /** The person's proposed fields, masked unless the export is unmasked. */
  function personOf(e: Entry): string[] {
    const p = proposedView(c.sensitive, e, c.today);
    if (!p) return [];
    const row =
      unmasked && e.payloadCipher
        ? (JSON.parse(c.sensitive.decrypt(e.payloadCipher)) as RosterRow)
        : null;
    return [
      p.sex === 'male' ? '男' : '女',
      String(p.age),
      row ? (row.mobile ?? row.landline ?? '') : (p.phoneMasked ?? ''),
      row ? row.address : p.addressMasked,
      valueText('categories', p.categories.join('、'), e.kind),
      valueText('careLevel', p.careLevel, e.kind),
      valueText('consent', p.consent, e.kind),
      p.consentDate ?? '',
      p.refusalReason ?? '',
      p.emergencyContact ?? '',
      row ? (row.emergencyPhone ?? '') : (p.emergencyPhoneMasked ?? ''),
      p.hasHealthNotes ? valueText('healthNotes', '***', e.kind) : '',
      p.householdKey ?? '',
      relationNameOf.get(p.relationToHead ?? '') ?? '',
    ];
  }

  function linesOf(e: Entry, community: string): string[][] {
    const full = unmasked ? openEntry(c.sensitive, e) : null;
    const person = personOf(e);
    const line = (change: [string, string, string], removal: [string, string]) => [
      actionNames[e.action],
      community,
      e.divisionCode,
      e.name,
      full?.idNumber ?? e.idNumberMasked,
      kindNames[e.kind] ?? e.kind,
      ...change,
      ...removal,
      e.rowNumber === null ? '' : String(e.rowNumber),
      reviewText(e),
      e.reviewComment ?? '',
      ...person,
    ];
    if (e.action === 'remove')
      return [
        line(
          ['', '', ''],
          [e.removalReason ? removalNames[e.removalReason] : '', e.removalNote ?? ''],
        ),
      ];
    const changes: FieldChange[] = e.action === 'change' ? (e.changes ?? []) : [];
    if (changes.length === 0) return [line(['', '', ''], ['', ''])];
    return changes.map((ch) => {
      let before = valueText(ch.field, ch.before, e.kind);
      let after = valueText(ch.field, ch.after, e.kind);
      if (full && masked.has(ch.field)) {
        const value = full.value(ch.field as RevealableEntryField);
        before = value.before === undefined ? before : (value.before ?? '');
        after = value.after === undefined ? after : (value.after ?? '');
      }
      // only fields that differ are listed: the masks of two values may read the same
      if (before !== '' && before === after) after = `${after}（已更改）`;
      return line([fieldNames.get(ch.field) ?? ch.field, before, after], ['', '']);
    });
  }

  async function* lines() {
    let after: { action: string; division: string; row: number; name: string; id: string } | null =
      null;
    const row = sql<number>`coalesce(${rosterEntries.rowNumber}, 0)`;
    for (;;) {
      const found = await c.db
        .select()
        .from(rosterEntries)
        .where(
          and(
            where,
            after
              ? sql`(${rosterEntries.action}, ${rosterEntries.divisionCode}, ${row}, ${rosterEntries.name}, ${rosterEntries.id}) > (${after.action}, ${after.division}, ${after.row}, ${after.name}, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(
          asc(rosterEntries.action),
          asc(rosterEntries.divisionCode),
          asc(row),
          asc(rosterEntries.name),
          asc(rosterEntries.id),
        )
        .limit(PAGE);
      if (found.length === 0) return;
      const names = await divisionNames(
        c.db,
        found.map((e) => e.divisionCode),
      );
      for (const e of found) {
        entries += 1;
        for (const l of linesOf(e, names.get(e.divisionCode) ?? '')) {
          written += 1;
          yield l;
        }
      }
      const last = found.at(-1);
      if (!last || found.length < PAGE) return;
      after = {
        action: last.action,
        division: last.divisionCode,
        row: last.rowNumber ?? 0,
        name: last.name,
        id: last.id,
      };
    }
  }

  const street = round.divisionName ?? round.divisionCode;
  const content = await toBuffer((out) =>
    writeListExport(
      out,
      `${round.month}名册变更`,
      entryHeaders,
      lines(),
      exportWatermark(actor.username, c.now),
    ),
  );
  await audit(c.db, actor, {
    action: 'export',
    entity: 'roster_round',
    entityId: id,
    ...(reason && unmasked ? { reason } : {}),
    detail: { rows: written, entries, unmasked, ...(unmasked ? gateDetail(gate) : {}) },
  });
  return { content, fileName: `${street}-${round.month}名册变更-${day(c.now)}.xlsx` };
}
