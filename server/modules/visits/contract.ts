import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineEventTypes,
  defineFieldLabels,
  endpoints,
  pageOf,
} from '../../platform/contract/index.ts';
import { defineTimelineKinds, subjectFieldLabels } from '../subjects/contract.ts';

/*
 * Visit care (V4–V8, V12, V13, V16): the visit policy (what each care level requires per period),
 * assignments of subjects to visitors, the due visits kept per subject and period, and the visit
 * record with its evidence. Names from the glossary: visit, due visit, visit kind, visit assessment,
 * ledger, policy outreach, satisfaction survey.
 */
export * from './assignments-contract.ts';
export * from './dues-contract.ts';
export * from './policy-contract.ts';
export * from './photos-contract.ts';
export * from './plans-contract.ts';
export * from './record-contract.ts';
export * from './sync-contract.ts';
import {
  AssignBody,
  AssignmentResult,
  CaseloadItem,
  CaseloadQuery,
  HandOverBody,
  UnassignBody,
  VisitorParams,
  VisitorsQuery,
  VisitorView,
} from './assignments-contract.ts';
import {
  OverdueList,
  OverdueQuery,
  VisitRate,
  VisitRateQuery,
  Worklist,
  WorklistQuery,
} from './dues-contract.ts';
import { BeginVisitPhotoBody, VisitPhotoParams, VisitPhotoUpload } from './photos-contract.ts';
import { planEndpoints, planFieldLabels } from './plans-contract.ts';
import { SaveVisitPolicyBody, VisitPolicyPage } from './policy-contract.ts';
import {
  ExportVisitsBody,
  ListVisitsQuery,
  RecordVisitBody,
  ReviewVisitBody,
  VisitDetail,
  VisitParams,
  VisitView,
} from './record-contract.ts';
import { SyncAnswer, SyncQuery } from './sync-contract.ts';

// ---- errors, labels, audit, events, the timeline ----

export const VisitError = defineErrors('visit', {
  not_found: { status: 404, 'zh-CN': '未找到该巡访记录', 'en-US': 'The visit was not found' },
  subject_not_in_care: {
    status: 409,
    'zh-CN': '该服务对象已移出名册，不能再记录巡访',
    'en-US': 'The subject has left the roster; no visit can be recorded',
  },
  division_not_found: {
    status: 404,
    'zh-CN': '未找到该区划，或其不在您的范围内',
    'en-US': 'The division was not found or is outside your scope',
  },
  ended_before_start: {
    status: 400,
    'zh-CN': '结束时间不能早于开始时间',
    'en-US': 'The end may not be before the start',
  },
  return_needs_reason: {
    status: 400,
    'zh-CN': '退回时请写明原因',
    'en-US': 'Give the reason for returning it',
  },
  not_flagged: {
    status: 409,
    'zh-CN': '该巡访记录不在待审核队列中（未被标记，或已审核）',
    'en-US': 'This visit is not waiting for review (not flagged, or reviewed already)',
  },
  export_too_large: {
    status: 400,
    'zh-CN': '一次最多导出 {max} 条巡访记录，请缩小筛选范围',
    'en-US': 'At most {max} visits can be exported at once; narrow the filter',
  },
  in_future: {
    status: 400,
    'zh-CN': '巡访时间不能晚于当前时间',
    'en-US': 'A visit cannot lie in the future',
  },
  too_long: {
    status: 400,
    'zh-CN': '一次巡访不能超过 24 小时',
    'en-US': 'A visit cannot last more than 24 hours',
  },
  item_not_for_subject: {
    status: 400,
    'zh-CN': '该评估项目不适用于此类服务对象',
    'en-US': 'This assessment item does not apply to this kind of subject',
  },
  visitor_out_of_area: {
    status: 400,
    'zh-CN': '该巡访员的服务范围不包括所选对象',
    'en-US': "The subjects lie outside the visitor's area",
  },
  same_visitor: {
    status: 400,
    'zh-CN': '交接的双方不能是同一名巡访员',
    'en-US': 'A hand-over needs two different visitors',
  },
  policy_changed: {
    status: 409,
    'zh-CN': '巡访频次已被他人修改（现为第 {version} 版），请刷新后重试',
    'en-US': 'Someone else changed the visit policy (now version {version}); reload and retry',
  },
  cursor_invalid: {
    status: 400,
    'zh-CN': '同步游标（cursor）无效：请不带 cursor 重新完整同步',
    'en-US': 'The sync cursor is not valid: sync again from the start, without a cursor',
  },
  policy_in_past: {
    status: 400,
    'zh-CN': '生效日期不能早于今天：已经过去的应访不会改写',
    'en-US': 'The effective date cannot be before today: what was due before is not rewritten',
  },
});

/** A visitor named by a request that is not one of the caller's scope. */
export const VisitorError = defineErrors('visitor', {
  not_found: {
    status: 404,
    'zh-CN': '未找到该巡访员，或其不在您的范围内',
    'en-US': 'The visitor was not found or is outside your scope',
  },
});

export const visitFieldLabels = defineFieldLabels([subjectFieldLabels, planFieldLabels], {
  subjectId: { 'zh-CN': '服务对象', 'en-US': 'Subject' },
  subjectIds: { 'zh-CN': '服务对象', 'en-US': 'Subjects' },
  visitorId: { 'zh-CN': '巡访员', 'en-US': 'Visitor' },
  fromVisitorId: { 'zh-CN': '移交的巡访员', 'en-US': 'Visitor handing over' },
  toVisitorId: { 'zh-CN': '接手的巡访员', 'en-US': 'Visitor taking over' },
  kind: { 'zh-CN': '巡访方式', 'en-US': 'Visit kind' },
  kinds: { 'zh-CN': '计入的巡访方式', 'en-US': 'Kinds that count' },
  startedAt: { 'zh-CN': '开始时间', 'en-US': 'Start' },
  endedAt: { 'zh-CN': '结束时间', 'en-US': 'End' },
  outcome: { 'zh-CN': '巡访结果', 'en-US': 'Outcome' },
  checkIn: { 'zh-CN': '签到位置', 'en-US': 'Check-in position' },
  checkOut: { 'zh-CN': '签退位置', 'en-US': 'Check-out position' },
  lat: { 'zh-CN': '纬度', 'en-US': 'Latitude' },
  lng: { 'zh-CN': '经度', 'en-US': 'Longitude' },
  accuracy: { 'zh-CN': '定位精度', 'en-US': 'Accuracy' },
  at: { 'zh-CN': '定位时间', 'en-US': 'Time of the position' },
  gpsIssue: { 'zh-CN': '无法定位的原因', 'en-US': 'Why there is no position' },
  assessment: { 'zh-CN': '探访评估', 'en-US': 'Visit assessment' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  findings: { 'zh-CN': '发现的问题与需求', 'en-US': 'Findings' },
  needs: { 'zh-CN': '服务需求', 'en-US': 'Service needs' },
  hazards: { 'zh-CN': '安全隐患', 'en-US': 'Hazards' },
  benefits: { 'zh-CN': '可能符合的救助政策', 'en-US': 'Possible benefits' },
  outreach: { 'zh-CN': '发放的政策宣传材料', 'en-US': 'Policy material handed out' },
  survey: { 'zh-CN': '满意度调查', 'en-US': 'Satisfaction survey' },
  satisfaction: { 'zh-CN': '满意度', 'en-US': 'Satisfaction' },
  comment: { 'zh-CN': '意见', 'en-US': 'Comment' },
  from: { 'zh-CN': '开始日期', 'en-US': 'From' },
  to: { 'zh-CN': '结束日期', 'en-US': 'To' },
  rules: { 'zh-CN': '巡访频次', 'en-US': 'Visit policy' },
  special: { 'zh-CN': '特殊关爱', 'en-US': 'Special care' },
  key: { 'zh-CN': '重点探访', 'en-US': 'Key visits' },
  regular: { 'zh-CN': '普通巡访', 'en-US': 'Regular' },
  disabledElder: { 'zh-CN': '失能老年人', 'en-US': 'Disabled elders' },
  period: { 'zh-CN': '周期', 'en-US': 'Period' },
  visits: { 'zh-CN': '次数', 'en-US': 'Visits' },
  homeVisits: { 'zh-CN': '其中入户次数', 'en-US': 'Of which at home' },
  triggerHours: { 'zh-CN': '触发后须探访的小时数', 'en-US': 'Hours to visit after a trigger' },
  escalation: { 'zh-CN': '逾期上报', 'en-US': 'Escalation' },
  community: { 'zh-CN': '上报社区（工作日）', 'en-US': 'To the community (working days)' },
  street: { 'zh-CN': '上报街道（工作日）', 'en-US': 'To the street (working days)' },
  district: { 'zh-CN': '上报区县（工作日）', 'en-US': 'To the district (working days)' },
  effectiveFrom: { 'zh-CN': '生效日期', 'en-US': 'Effective from' },
  month: { 'zh-CN': '月份', 'en-US': 'Month' },
  baseVersion: { 'zh-CN': '所依据的版本', 'en-US': 'Version edited' },
  review: { 'zh-CN': '审核状态', 'en-US': 'Review' },
  ability: { 'zh-CN': '老年人能力评估', 'en-US': 'Ability assessment' },
  decision: { 'zh-CN': '审核结论', 'en-US': 'Decision' },
  size: { 'zh-CN': '照片大小', 'en-US': 'Photo size' },
  name: { 'zh-CN': '文件名', 'en-US': 'File name' },
  exif: { 'zh-CN': '照片信息', 'en-US': 'Photo data' },
  cursor: { 'zh-CN': '同步游标（cursor）', 'en-US': 'Sync cursor' },
  limit: { 'zh-CN': '每次条数', 'en-US': 'Page size' },
});

export const VisitAuditAction = defineAuditActions({
  'visit.record': { 'zh-CN': '记录巡访', 'en-US': 'Visit recorded' },
  'visit.view': { 'zh-CN': '查看巡访记录', 'en-US': 'Visit viewed' },
  'visit.review': { 'zh-CN': '审核巡访记录', 'en-US': 'Visit reviewed' },
  'visit.photo': { 'zh-CN': '上传巡访照片', 'en-US': 'Visit photo added' },
  'visit.export': { 'zh-CN': '导出巡访台账', 'en-US': 'Visit ledger exported' },
  'visit.record_past': { 'zh-CN': '补录历史巡访', 'en-US': 'Past visits recorded' },
  'visit.policy': { 'zh-CN': '修改巡访频次', 'en-US': 'Visit policy changed' },
  'visit.assign': { 'zh-CN': '分配巡访对象', 'en-US': 'Subjects assigned' },
  'visit.hand_over': { 'zh-CN': '巡访员交接', 'en-US': 'Caseload handed over' },
  'visit.unassign': { 'zh-CN': '取消巡访分配', 'en-US': 'Subjects unassigned' },
  'visit.sync': {
    'zh-CN': '巡访员手机同步服务对象（含电话、地址）',
    'en-US': "Subjects synced to a visitor's phone (phones and addresses included)",
  },
});

export const VisitEventType = defineEventTypes({
  'visit_due.escalated': {
    'zh-CN': '有逾期未探访的对象上报',
    'en-US': 'Overdue visits escalated',
  },
  'visit_due.triggered': {
    'zh-CN': '有对象须在规定时间内探访',
    'en-US': 'A visit is due within hours',
  },
});

export const VisitTimelineKind = defineTimelineKinds({
  'visit.recorded': { 'zh-CN': '巡访', 'en-US': 'Visit' },
  'visit.ability_assessed': { 'zh-CN': '老年人能力评估', 'en-US': 'Ability assessment' },
});

// ---- endpoints ----

export const visitEndpoints = endpoints(visitFieldLabels, {
  ...planEndpoints,
  recordVisit: {
    method: 'POST',
    path: '/api/visits',
    summary:
      '记录一次巡访（Idempotency-Key：同一键同一内容只记一次；入户、电话或视频；仅“见到本人”计入应访）',
    permission: 'visit.record',
    scope: 'division',
    body: RecordVisitBody,
    response: VisitView,
    status: 201,
    idempotent: true,
  },
  listVisits: {
    method: 'GET',
    path: '/api/visits',
    summary: '巡访台账（按区划、对象、巡访员、方式、结果、日期筛选，新的在前）',
    permission: 'visit.read',
    scope: 'division',
    query: ListVisitsQuery,
    response: pageOf(VisitView),
  },
  exportVisits: {
    method: 'POST',
    path: '/api/visits/export',
    summary: '导出巡访台账 Excel（按台账的筛选条件；脱敏、带水印，记入审计日志）',
    permission: 'visit.read',
    scope: 'division',
    body: ExportVisitsBody,
    download: 'xlsx',
    response: z.any(),
  },
  reviewVisit: {
    method: 'POST',
    path: '/api/visits/:id/review',
    summary: '审核被标记的巡访记录：通过，或写明原因退回（退回的不计入应访）',
    permission: 'visit.review',
    scope: 'division',
    params: VisitParams,
    body: ReviewVisitBody,
    response: VisitView,
    idempotent: true,
  },
  beginVisitPhoto: {
    method: 'POST',
    path: '/api/visits/photos',
    summary:
      '开始上传巡访照片（键为“探访的幂等键:photo:序号”，同一键再次开始只返回进度）；之后分段 PUT',
    permission: 'visit.record',
    scope: 'division',
    body: BeginVisitPhotoBody,
    response: VisitPhotoUpload,
    status: 201,
    idempotent: true,
  },
  putVisitPhotoPart: {
    method: 'PUT',
    path: '/api/visits/photos/:key',
    summary:
      '上传照片的一段（application/octet-stream，Content-Range 说明位置）；断点续传，重发的段只记一次；收齐后存为照片',
    permission: 'visit.record',
    scope: 'division',
    params: VisitPhotoParams,
    response: VisitPhotoUpload,
    upload: 'part',
  },
  getVisitPhotoUpload: {
    method: 'GET',
    path: '/api/visits/photos/:key',
    summary: '照片上传的进度：已收到的字节数（从那里继续），收齐后的照片',
    permission: 'visit.record',
    scope: 'division',
    params: VisitPhotoParams,
    response: VisitPhotoUpload,
  },
  getVisit: {
    method: 'GET',
    path: '/api/visits/:id',
    summary: '一次巡访的记录（记入审计日志）',
    permission: 'visit.read',
    scope: 'division',
    params: VisitParams,
    response: VisitDetail,
  },
  getWorklist: {
    method: 'GET',
    path: '/api/visits/worklist',
    summary: '巡访员的待办：逾期、今天、本周、以后，按风险排序',
    permission: 'visit.read',
    scope: 'division',
    query: WorklistQuery,
    response: Worklist,
  },
  syncVisits: {
    method: 'GET',
    path: '/api/visits/sync',
    summary:
      '巡访员手机离线同步：自游标以来有变化的负责对象（首次同步为全部，分页）与移出负责范围的对象（记入审计日志）',
    permission: 'visit.sync',
    scope: 'division',
    query: SyncQuery,
    response: SyncAnswer,
  },
  getVisitRate: {
    method: 'GET',
    path: '/api/visits/rate',
    summary: '月探访率（按下一级区划和关爱等级：在册对象、已探访、入户探访、探访率，目标 100%）',
    permission: 'visit.read',
    scope: 'division',
    query: VisitRateQuery,
    response: VisitRate,
  },
  listOverdue: {
    method: 'GET',
    path: '/api/visit-dues/overdue',
    summary: '逾期未探访名单（社区、街道、区县各看上报到本级的；按街道、社区、巡访员汇总）',
    permission: 'visit.read',
    scope: 'division',
    query: OverdueQuery,
    response: OverdueList,
  },
  getVisitPolicy: {
    method: 'GET',
    path: '/api/visit-policy',
    summary: '现行巡访频次（各关爱等级每周期的次数和方式、失能老人底线、触发探访、逾期上报）',
    permission: 'visit.read',
    scope: 'none',
    response: VisitPolicyPage,
  },
  saveVisitPolicy: {
    method: 'PUT',
    path: '/api/visit-policy',
    summary: '修改巡访频次（自生效日期起重新计算应访，之前的不改写）',
    permission: 'visit.policy',
    scope: 'none',
    body: SaveVisitPolicyBody,
    response: VisitPolicyPage,
    idempotent: true,
  },
  listVisitors: {
    method: 'GET',
    path: '/api/visitors',
    summary: '巡访员及其负责人数、应访和逾期数',
    permission: 'visit.assign',
    scope: 'division',
    query: VisitorsQuery,
    response: z.object({ items: z.array(VisitorView) }),
  },
  getCaseload: {
    method: 'GET',
    path: '/api/visitors/:id/caseload',
    summary: '巡访员负责的服务对象',
    permission: 'visit.assign',
    scope: 'division',
    params: VisitorParams,
    query: CaseloadQuery,
    response: pageOf(CaseloadItem),
  },
  assignSubjects: {
    method: 'POST',
    path: '/api/assignments',
    summary: '把服务对象分配给巡访员（逐个，或整个社区）；原来的巡访员不再负责',
    permission: 'visit.assign',
    scope: 'division',
    body: AssignBody,
    response: AssignmentResult,
    idempotent: true,
  },
  handOver: {
    method: 'POST',
    path: '/api/assignments/hand-over',
    summary: '巡访员交接：其负责的对象全部移交另一名巡访员，应访不丢失',
    permission: 'visit.assign',
    scope: 'division',
    body: HandOverBody,
    response: AssignmentResult,
    idempotent: true,
  },
  unassignSubjects: {
    method: 'POST',
    path: '/api/assignments/unassign',
    summary: '取消服务对象的巡访分配',
    permission: 'visit.assign',
    scope: 'division',
    body: UnassignBody,
    response: AssignmentResult,
    idempotent: true,
  },
});
