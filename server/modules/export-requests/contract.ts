import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineEventTypes,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  PageQuery,
  pageOf,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';
import { ListSubjectsQuery } from '../subjects/contract.ts';

/**
 * Export requests (导出申请; security.md row 15): an unmasked export of more people than the
 * configured threshold is made only once a district officer of the district it covers approves
 * it; then its requester downloads the file once while it is valid. Every step is audited.
 * (No glossary term yet: "export request", 导出申请.)
 */

/** What can be exported unmasked: the roster list with its filters, one round's changes. */
export const exportKinds = ['subjects', 'roster_round'] as const;
export const ExportKind = z.enum(exportKinds);
export type ExportKind = z.infer<typeof ExportKind>;
export const exportKindNames: Record<ExportKind, { 'zh-CN': string; 'en-US': string }> = {
  subjects: { 'zh-CN': '服务对象名册', 'en-US': 'Roster of subjects' },
  roster_round: { 'zh-CN': '月度名册变更', 'en-US': 'Changes of a monthly roster' },
};

export const exportRequestStatuses = [
  'requested',
  'approved',
  'refused',
  'downloaded',
  'expired',
  /** Approved, but its file could not be made (the job used up its retries): request again. */
  'failed',
] as const;
export const ExportRequestStatus = z.enum(exportRequestStatuses);
export type ExportRequestStatus = z.infer<typeof ExportRequestStatus>;

/** The list's filters, as in its URL: no ID number or phone is ever kept in a request. */
export const SubjectExportFilters = ListSubjectsQuery.omit({ page: true, pageSize: true });
export type SubjectExportFilters = z.infer<typeof SubjectExportFilters>;

const Reason = z.string().trim().min(2).max(200);

export const CreateExportRequestBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('subjects'), filters: SubjectExportFilters, reason: Reason }),
  z.strictObject({ kind: z.literal('roster_round'), roundId: Uuid, reason: Reason }),
]);
export type CreateExportRequestBody = z.infer<typeof CreateExportRequestBody>;

export const DecideExportRequestBody = z.strictObject({
  note: z.string().trim().max(500).optional(),
});
export const RefuseExportRequestBody = z.strictObject({
  note: z.string().trim().min(2).max(500),
});

export const ListExportRequestsQuery = PageQuery.extend({
  /** mine: the actor's own requests; to_decide: others' requests the actor may decide. */
  view: z.enum(['mine', 'to_decide']).default('mine'),
  status: ExportRequestStatus.optional(),
});

export const ExportRequestParams = z.object({ id: Uuid });

export const ExportRequestView = z.object({
  id: Uuid,
  kind: ExportKind,
  /** The list's filters (kind subjects). */
  filters: SubjectExportFilters.nullable(),
  /** The round (kind roster_round), its street and month. */
  roundId: Uuid.nullable(),
  roundMonth: z.string().nullable(),
  reason: z.string(),
  /** How many people the file holds (counted when requested; the file is made as the data then is). */
  people: z.number().int(),
  /** The smallest division holding every person of the export. */
  divisionCode: DivisionCode,
  divisionName: z.string().nullable(),
  /** Whose officers decide it: the district (or wider) the export lies in. */
  approvalDivisionCode: DivisionCode,
  status: ExportRequestStatus,
  requestedBy: z.object({ id: Uuid, username: z.string(), name: z.string().nullable() }),
  requestedAt: Timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionNote: z.string().nullable(),
  /** The approved file has been made and waits for its one download. */
  fileReady: z.boolean(),
  expiresAt: Timestamp.nullable(),
  downloadedAt: Timestamp.nullable(),
  /** The actor's own request (only its requester downloads it). */
  mine: z.boolean(),
  /** The actor may approve or refuse it now. */
  canDecide: z.boolean(),
});
export type ExportRequestView = z.infer<typeof ExportRequestView>;

export const ExportRequestError = defineErrors('export_request', {
  not_found: {
    status: 404,
    'zh-CN': '未找到该导出申请',
    'en-US': 'The export request was not found',
  },
  empty: {
    status: 400,
    'zh-CN': '没有符合条件的人员可导出，无需申请',
    'en-US': 'No one matches these filters: there is nothing to request',
  },
  own_request: {
    status: 403,
    'zh-CN': '不能审批本人提交的导出申请',
    'en-US': 'You cannot decide your own export request',
  },
  already_decided: {
    status: 409,
    'zh-CN': '该导出申请已处理，不能再次审批',
    'en-US': 'This export request has already been decided',
  },
  not_approved: {
    status: 409,
    'zh-CN': '该导出申请未获批准，不能下载',
    'en-US': 'This export request was not approved: there is nothing to download',
  },
  not_ready: {
    status: 409,
    'zh-CN': '导出文件正在生成，请稍后再下载',
    'en-US': 'The file is still being made: download it in a moment',
  },
  downloaded: {
    status: 410,
    'zh-CN': '该导出文件已下载过一次，不能再次下载；如需再次导出请重新申请',
    'en-US': 'This file has already been downloaded once; request the export again if needed',
  },
  expired: {
    status: 410,
    'zh-CN': '该导出文件已过有效期，不能下载；如需导出请重新申请',
    'en-US': 'This file is no longer valid; request the export again if needed',
  },
  failed: {
    status: 410,
    'zh-CN': '该导出文件未能生成，不能下载；请重新申请',
    'en-US': 'The file of this export could not be made; request the export again',
  },
});

export const ExportRequestAuditAction = defineAuditActions({
  'export_request.create': { 'zh-CN': '提交导出申请', 'en-US': 'Export requested' },
  'export_request.approve': { 'zh-CN': '批准导出申请', 'en-US': 'Export request approved' },
  'export_request.refuse': { 'zh-CN': '驳回导出申请', 'en-US': 'Export request refused' },
  'export_request.file': { 'zh-CN': '生成审批导出文件', 'en-US': 'Approved export file made' },
  'export_request.download': {
    'zh-CN': '下载审批导出文件',
    'en-US': 'Approved export downloaded',
  },
  'export_request.expire': { 'zh-CN': '导出文件过期', 'en-US': 'Export file expired' },
  'export_request.fail': { 'zh-CN': '导出文件生成失败', 'en-US': 'Export file could not be made' },
});

/** To the district's officers a new request; to its requester the decision and the file made. */
export const ExportRequestEventType = defineEventTypes({
  'export_request.requested': {
    'zh-CN': '新的导出申请待审批',
    'en-US': 'Export request to decide',
  },
  'export_request.approved': { 'zh-CN': '导出申请已批准', 'en-US': 'Export request approved' },
  'export_request.refused': { 'zh-CN': '导出申请被驳回', 'en-US': 'Export request refused' },
  'export_request.ready': { 'zh-CN': '导出文件已可下载', 'en-US': 'Export file ready' },
  'export_request.failed': {
    'zh-CN': '导出文件未能生成，请重新申请',
    'en-US': 'Export file could not be made: request again',
  },
});

export const exportRequestFieldLabels = defineFieldLabels({
  filters: { 'zh-CN': '筛选条件', 'en-US': 'Filters' },
  roundId: { 'zh-CN': '名册', 'en-US': 'Roster round' },
  note: { 'zh-CN': '审批意见', 'en-US': 'Note' },
  view: { 'zh-CN': '范围', 'en-US': 'View' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
});

export const exportRequestEndpoints = endpoints(exportRequestFieldLabels, {
  createExportRequest: {
    method: 'POST',
    path: '/api/export-requests',
    summary:
      '提交完整导出申请（超过阈值人数的完整导出须区级审批）：导出内容及筛选条件、事由，记入审计日志并通知区级审批人',
    permission: 'export.request',
    scope: 'division',
    body: CreateExportRequestBody,
    response: ExportRequestView,
    status: 201,
    idempotent: true,
  },
  listExportRequests: {
    method: 'GET',
    path: '/api/export-requests',
    summary: '导出申请列表：本人提交的（mine），或本人可审批的本区申请（to_decide）',
    permission: 'export.request',
    scope: 'division',
    query: ListExportRequestsQuery,
    response: pageOf(ExportRequestView),
  },
  getExportRequest: {
    method: 'GET',
    path: '/api/export-requests/:id',
    summary: '一份导出申请：申请人、事由、人数、范围、筛选条件、审批结果和下载有效期',
    permission: 'export.request',
    scope: 'division',
    params: ExportRequestParams,
    response: ExportRequestView,
  },
  approveExportRequest: {
    method: 'POST',
    path: '/api/export-requests/:id/approve',
    summary:
      '批准导出申请（覆盖该导出范围的区级审批人，不能是申请人本人）：随后生成文件，申请人在有效期内可下载一次',
    permission: 'export.approve',
    scope: 'division',
    params: ExportRequestParams,
    body: DecideExportRequestBody,
    response: ExportRequestView,
    idempotent: true,
  },
  refuseExportRequest: {
    method: 'POST',
    path: '/api/export-requests/:id/refuse',
    summary: '驳回导出申请（须填写意见）',
    permission: 'export.approve',
    scope: 'division',
    params: ExportRequestParams,
    body: RefuseExportRequestBody,
    response: ExportRequestView,
    idempotent: true,
  },
  downloadExportRequest: {
    method: 'POST',
    path: '/api/export-requests/:id/download',
    summary: '下载已批准的导出文件（仅申请人，有效期内仅一次；之后 410），记入审计日志',
    permission: 'export.request',
    scope: 'division',
    params: ExportRequestParams,
    download: 'xlsx',
    response: z.any(),
  },
});
