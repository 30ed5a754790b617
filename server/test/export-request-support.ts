import { eq } from 'drizzle-orm';
import { actorScope } from '../modules/users/session.ts';
import { exportRequests } from '../modules/export-requests/tables.ts';
import { exportWatermark, toBuffer, writeListExport } from '../platform/excel/export.ts';
import { attachFile, fileCtx, storeFile } from '../platform/files/service.ts';
import { divisionLevel } from '../platform/contract/divisions.ts';
import type { Role } from '../platform/contract/common.ts';
import type { Session } from './actors.ts';
import type { TestApp } from './harness.ts';

/** The district (or wider) of a division, whose officers decide its exports. */
const approvalOf = (code: string) =>
  ['province', 'city'].includes(divisionLevel(code)) ? code : code.slice(0, 6).padEnd(12, '0');

/**
 * An export request of a session's user for the roster of `divisionCode`, written as the module
 * writes one (counted at 1); `approved` also gives it its file, ready for the one download.
 */
export async function makeExportRequest(
  t: TestApp,
  requester: Session,
  o: { divisionCode: string; status?: 'requested' | 'approved' },
): Promise<{ id: string }> {
  const { user } = requester;
  const scope = actorScope(user.role as Role, user.divisionCode, user.organisationId);
  const now = t.clock.now();
  const [row] = await t.db
    .insert(exportRequests)
    .values({
      kind: 'subjects',
      target: { kind: 'subjects', filters: { divisionCode: o.divisionCode, status: 'active' } },
      reason: '核对联系电话',
      people: 1,
      divisionCode: o.divisionCode,
      approvalDivisionCode: approvalOf(o.divisionCode),
      status: o.status ?? 'requested',
      requestedBy: user.id,
      requesterUsername: user.username,
      requesterRole: user.role,
      requesterDivisionCode: scope.divisionCode,
      requesterOrganisationId: scope.organisationId,
      requestedAt: now,
      ...(o.status === 'approved' ? { decidedAt: now } : {}),
    })
    .returning({ id: exportRequests.id });
  if (!row) throw new Error('no export request written');
  if (o.status !== 'approved') return row;
  const content = await toBuffer((out) =>
    writeListExport(out, '名册', ['姓名'], [['张秀英']], exportWatermark(user.username, now)),
  );
  const who = { userId: user.id, username: user.username, scope };
  const file = await storeFile(fileCtx(t.ctx), who, {
    content,
    name: '名册.xlsx',
    purpose: 'export',
    divisionCode: o.divisionCode,
  });
  await t.db.transaction(async (tx) => {
    await attachFile(tx, who, file.id, { entity: 'export_request', entityId: row.id });
    await tx
      .update(exportRequests)
      .set({ fileId: file.id, expiresAt: new Date(now.getTime() + t.config.exports.downloadMs) })
      .where(eq(exportRequests.id, row.id));
  });
  return row;
}
