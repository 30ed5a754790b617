import { z } from 'zod';
import { PageQuery, defineFieldLabels, endpoints, pageOf } from '../../platform/contract/index.ts';

export const AuditEntryView = z.object({
  id: z.number(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The entity's name where it has one (a user, a division, an organisation). */
  entityName: z.string().nullable(),
  success: z.boolean(),
  reason: z.string().nullable(),
  detail: z.unknown(),
  sealed: z.boolean(),
  /** Why the sealer left it out of the chain (its MAC missing or wrong: not written by the app). */
  sealRefused: z.enum(['no_mac', 'bad_mac', 'late_legacy']).nullable(),
});

/** One finding of the verifier (ADR 0010). */
export const AuditProblemView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chain_broken'), seq: z.number() }),
  z.object({ kind: z.literal('row_mac_invalid'), seq: z.number() }),
  z.object({ kind: z.literal('forged_rows'), count: z.number(), ids: z.array(z.number()) }),
  z.object({
    kind: z.literal('tail_cut'),
    fromSeq: z.number(),
    toSeq: z.number(),
    checkpointAt: z.string(),
    file: z.string(),
  }),
  z.object({
    kind: z.literal('checkpoint_mismatch'),
    seq: z.number(),
    sinceSeq: z.number(),
    checkpointAt: z.string(),
    file: z.string(),
  }),
  z.object({ kind: z.literal('checkpoint_invalid'), file: z.string(), line: z.number() }),
]);

export const AuditVerificationView = z.object({
  ok: z.boolean(),
  checked: z.number(),
  unsealed: z.number(),
  brokenAt: z.number().nullable(),
  problems: z.array(AuditProblemView),
  /** The newest signed checkpoint: its seq, hash, time, and where it is (day file and line). */
  checkpoint: z
    .object({
      seq: z.number(),
      hash: z.string(),
      at: z.string(),
      file: z.string(),
      line: z.number(),
    })
    .nullable(),
});

export const auditFieldLabels = defineFieldLabels({
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  action: { 'zh-CN': '操作', 'en-US': 'Action' },
  entity: { 'zh-CN': '对象类型', 'en-US': 'Object type' },
  entityId: { 'zh-CN': '对象编号', 'en-US': 'Object ID' },
  success: { 'zh-CN': '是否成功', 'en-US': 'Succeeded' },
  from: { 'zh-CN': '开始时间', 'en-US': 'From' },
  to: { 'zh-CN': '结束时间', 'en-US': 'To' },
});

export const ListAuditQuery = PageQuery.extend({
  username: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const auditEndpoints = endpoints(auditFieldLabels, {
  listAuditActions: {
    method: 'GET',
    path: '/api/audit-log/actions',
    summary: '审计事件类型目录（含名称）',
    permission: 'audit.read',
    scope: 'none',
    response: z.object({ items: z.array(z.object({ action: z.string(), label: z.string() })) }),
  },
  listAuditLog: {
    method: 'GET',
    path: '/api/audit-log',
    summary: '查询审计日志',
    permission: 'audit.read',
    scope: 'none',
    query: ListAuditQuery,
    response: pageOf(AuditEntryView),
  },
  verifyAuditLog: {
    method: 'POST',
    path: '/api/audit-log/verify',
    summary: '校验审计日志哈希链、逐条记录的签名与签名检查点',
    permission: 'audit.read',
    scope: 'none',
    response: AuditVerificationView,
  },
});
