import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { ageOn } from '../../../platform/contract/id-number.ts';
import { exportWatermark, toBuffer, writeListExport } from '../../../platform/excel/export.ts';
import {
  checkUnmaskedExport,
  gateDetail,
  type UnmaskedExportGate,
} from '../../../platform/excel/unmasked.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { divisionNames } from '../../divisions/service.ts';
import type { SubjectsContext } from '../context.ts';
import {
  careLevelNames,
  childCategoryNames,
  elderCategoryNames,
  rosterHeaders,
  SubjectError,
  type ExportSubjectsBody,
} from '../contract.ts';
import { subjectWhere, type QueryCtx } from '../queries.ts';
import { householdContacts, households, subjectCategories, subjects } from '../tables.ts';

type ExportRow = { s: typeof subjects.$inferSelect; address: string; addressMasked: string };

/** The most rows one export may hold. */
export const EXPORT_MAX = 100_000;
const PAGE = 2000;

/** The import template's columns first, so that an export (unmasked) can be uploaded again. */
const headers = [...Object.values(rosterHeaders), '社区名称', '性别', '年龄', '状态'];

const categoryName = (kind: 'elder' | 'child', code: string) =>
  (
    (kind === 'elder' ? elderCategoryNames : childCategoryNames) as Record<
      string,
      { 'zh-CN': string }
    >
  )[code]?.['zh-CN'] ?? code;

/** What an unmasked export of the list would hold: how many people, in which divisions. */
export async function subjectExportScope(
  c: QueryCtx,
  filter: Omit<z.infer<typeof ExportSubjectsBody>, 'unmasked' | 'reason'>,
): Promise<{ people: number; divisionCodes: string[] }> {
  if (!can(c.actor, 'subject.reveal')) throw new AppError(SubjectError.not_found);
  const found = await c.db
    .selectDistinct({ code: subjects.divisionCode })
    .from(subjects)
    .where(subjectWhere(c, filter));
  const [{ n } = { n: 0 }] = await c.db
    .select({ n: sql<number>`count(*)::int` })
    .from(subjects)
    .where(subjectWhere(c, filter));
  return { people: n, divisionCodes: found.map((f) => f.code) };
}

/**
 * The list as an Excel file, masked unless the actor may reveal and gives a reason; unmasked, of
 * more people than the gate lets through at once, only for an approved export request. Every export
 * is recorded with its row count (and whether it was unmasked) in the audit log.
 */
export async function exportSubjects(
  c: QueryCtx & Pick<SubjectsContext, 'now'>,
  input: z.infer<typeof ExportSubjectsBody> & { gate: UnmaskedExportGate },
): Promise<Buffer> {
  const { actor } = c;
  const { unmasked, reason, gate, ...filter } = input;
  if (unmasked && !can(actor, 'subject.reveal')) throw new AppError(SubjectError.not_found);
  if (unmasked && !reason)
    throw new AppError(SubjectError.unmasked_needs_reason, {
      fields: [{ field: 'reason', code: SubjectError.unmasked_needs_reason }],
    });
  const where = subjectWhere(c, filter);
  const [{ n } = { n: 0 }] = await c.db
    .select({ n: sql<number>`count(*)::int` })
    .from(subjects)
    .where(where);
  if (n > EXPORT_MAX)
    throw new AppError(SubjectError.export_too_large, { params: { max: EXPORT_MAX } });
  if (unmasked) checkUnmaskedExport(gate, n);

  const open = (sealed: string | null, masked: string | null) =>
    unmasked && sealed ? c.sensitive.decrypt(sealed) : (masked ?? '');
  async function* lines() {
    let after: { pinyin: string; name: string; id: string } | null = null;
    for (;;) {
      const found: ExportRow[] = await c.db
        .select({
          s: subjects,
          address: households.addressCipher,
          addressMasked: households.addressMasked,
        })
        .from(subjects)
        .innerJoin(households, eq(households.id, subjects.householdId))
        .where(
          and(
            where,
            after
              ? sql`(${subjects.namePinyin}, ${subjects.name}, ${subjects.id}) > (${after.pinyin}, ${after.name}, ${after.id})`
              : undefined,
          ),
        )
        .orderBy(asc(subjects.namePinyin), asc(subjects.name), asc(subjects.id))
        .limit(PAGE);
      if (found.length === 0) return;
      const ids = found.map((f) => f.s.id);
      const [categories, contacts, names] = await Promise.all([
        c.db
          .select({ subjectId: subjectCategories.subjectId, category: subjectCategories.category })
          .from(subjectCategories)
          .where(
            and(
              inArray(subjectCategories.subjectId, ids),
              sql`(${subjectCategories.validTo} is null or ${subjectCategories.validTo} > ${c.today})`,
            ),
          ),
        c.db
          .select()
          .from(householdContacts)
          .where(
            and(inArray(householdContacts.subjectId, ids), eq(householdContacts.isEmergency, true)),
          ),
        divisionNames(
          c.db,
          found.map((f) => f.s.divisionCode),
        ),
      ]);
      for (const { s, address, addressMasked } of found) {
        const contact = contacts.find((x) => x.subjectId === s.id);
        yield [
          s.name,
          open(s.idNumberCipher, s.idNumberMasked),
          s.kind === 'elder' ? '老年人' : '儿童',
          open(s.mobileCipher, s.mobileMasked) || open(s.landlineCipher, s.landlineMasked),
          s.divisionCode,
          open(address, addressMasked),
          categories
            .filter((x) => x.subjectId === s.id)
            .map((x) => categoryName(s.kind, x.category))
            .join('、'),
          careLevelNames[s.careLevel]['zh-CN'],
          s.consent === 'given' ? '是' : '否',
          contact?.name ?? '',
          contact ? open(contact.phoneCipher, contact.phoneMasked) : '',
          names.get(s.divisionCode) ?? '',
          s.sex === 'male' ? '男' : '女',
          String(ageOn(s.birthDate, c.today)),
          s.status === 'active' ? '在册' : `已移出（${s.removedReason ?? ''}）`,
        ];
      }
      const last = found.at(-1)?.s;
      if (!last || found.length < PAGE) return;
      after = { pinyin: last.namePinyin, name: last.name, id: last.id };
    }
  }
  const file = await toBuffer((out) =>
    writeListExport(out, '服务对象名册', headers, lines(), exportWatermark(actor.username, c.now)),
  );
  await audit(c.db, actor, {
    action: 'export',
    entity: 'subject',
    ...(reason ? { reason } : {}),
    detail: { rows: n, unmasked, ...(unmasked ? gateDetail(gate) : {}) },
  });
  return file;
}
