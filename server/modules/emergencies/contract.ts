import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineEventTypes,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  type Locale,
  PageQuery,
  pageOf,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';
import { defineTimelineKinds, subjectFieldLabels } from '../subjects/contract.ts';

type Names = Record<Locale, string>;

/** What happened (a small coded list; `other` with the text saying what). */
export const emergencyKindNames = {
  fall: { 'zh-CN': '跌倒', 'en-US': 'Fall' },
  illness: { 'zh-CN': '突发疾病', 'en-US': 'Sudden illness' },
  fire: { 'zh-CN': '火情', 'en-US': 'Fire' },
  gas: { 'zh-CN': '燃气泄漏', 'en-US': 'Gas leak' },
  missing: { 'zh-CN': '走失', 'en-US': 'Missing' },
  abuse: { 'zh-CN': '疑似虐待或遗弃', 'en-US': 'Suspected abuse or neglect' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
} as const satisfies Record<string, Names>;
export type EmergencyKind = keyof typeof emergencyKindNames;
export const emergencyKinds = Object.keys(emergencyKindNames) as [
  EmergencyKind,
  ...EmergencyKind[],
];
export const EmergencyKind = z.enum(emergencyKinds);

/** Who was called: the emergency numbers, the family, and the levels of government told. */
export const emergencyPartyNames = {
  '120': { 'zh-CN': '120 急救', 'en-US': '120 ambulance' },
  '110': { 'zh-CN': '110 报警', 'en-US': '110 police' },
  '119': { 'zh-CN': '119 消防', 'en-US': '119 fire service' },
  relative: { 'zh-CN': '亲属', 'en-US': 'Relative' },
  guardian: { 'zh-CN': '监护人', 'en-US': 'Guardian' },
  community: { 'zh-CN': '社区', 'en-US': 'Community' },
  street: { 'zh-CN': '街道', 'en-US': 'Street office' },
  district: { 'zh-CN': '区民政局', 'en-US': 'District bureau' },
} as const satisfies Record<string, Names>;
export type EmergencyParty = keyof typeof emergencyPartyNames;
export const emergencyParties = Object.keys(emergencyPartyNames) as [
  EmergencyParty,
  ...EmergencyParty[],
];
export const EmergencyParty = z.enum(emergencyParties);

/** Where the record comes from: a visit, by hand; devices and the hotline come later. */
export const emergencySources = ['visit', 'manual', 'device', 'hotline'] as const;
export const EmergencySource = z.enum(emergencySources);

/** open: nobody of the street or district has taken it yet; taken: being handled; closed. */
export const emergencyStatuses = ['open', 'taken', 'closed'] as const;
export const EmergencyStatus = z.enum(emergencyStatuses);
export type EmergencyStatus = (typeof emergencyStatuses)[number];
export const emergencyStatusNames = {
  open: { 'zh-CN': '待接手', 'en-US': 'open' },
  taken: { 'zh-CN': '处置中', 'en-US': 'taken' },
  closed: { 'zh-CN': '已办结', 'en-US': 'closed' },
} as const satisfies Record<EmergencyStatus, Names>;

export const emergencyActions = ['take', 'call', 'close'] as const;
export type EmergencyAction = (typeof emergencyActions)[number];

export const EmergencyAuditAction = defineAuditActions({
  'emergency.record': { 'zh-CN': '记录应急事件', 'en-US': 'Emergency recorded' },
  'emergency.view': { 'zh-CN': '查看应急事件', 'en-US': 'Emergency viewed' },
  'emergency.take': { 'zh-CN': '接手应急事件', 'en-US': 'Emergency taken' },
  'emergency.call': { 'zh-CN': '登记应急通知记录', 'en-US': 'Emergency call logged' },
  'emergency.close': { 'zh-CN': '办结应急事件', 'en-US': 'Emergency closed' },
});

/** Live events: to whoever of the street and the district handles emergencies there. */
export const EmergencyEventType = defineEventTypes({
  'emergency.opened': { 'zh-CN': '新的应急事件待接手', 'en-US': 'New emergency to take' },
  'emergency.taken': { 'zh-CN': '应急事件已有人接手', 'en-US': 'Emergency taken' },
  'emergency.closed': { 'zh-CN': '应急事件已办结', 'en-US': 'Emergency closed' },
});

/** The household file keeps every emergency (V3, V10). */
export const EmergencyTimelineKind = defineTimelineKinds({
  'emergency.opened': { 'zh-CN': '发生应急事件', 'en-US': 'Emergency recorded' },
  'emergency.taken': { 'zh-CN': '应急事件已接手', 'en-US': 'Emergency taken' },
  'emergency.closed': { 'zh-CN': '应急事件已办结', 'en-US': 'Emergency closed' },
});

export const EmergencyError = defineErrors('emergency', {
  not_found: { status: 404, 'zh-CN': '未找到该应急事件', 'en-US': 'The emergency was not found' },
  occurred_in_future: {
    status: 400,
    'zh-CN': '发生时间不能晚于现在',
    'en-US': 'The time it happened cannot be in the future',
  },
  called_in_future: {
    status: 400,
    'zh-CN': '联系时间不能晚于现在',
    'en-US': 'The time of the call cannot be in the future',
  },
  already_taken: {
    status: 409,
    'zh-CN': '该应急事件已由{name}接手',
    'en-US': 'This emergency was already taken by {name}',
  },
  not_allowed: {
    status: 409,
    'zh-CN': '该应急事件当前状态（{status}）不能进行此操作',
    'en-US': 'The emergency is {status}: this cannot be done now',
  },
  version_conflict: {
    status: 409,
    'zh-CN': '该应急事件已被他人更新，请刷新后重试',
    'en-US': 'Someone else changed the emergency; reload and retry',
  },
});

export const emergencyFieldLabels = defineFieldLabels([subjectFieldLabels], {
  subjectId: { 'zh-CN': '服务对象', 'en-US': 'Subject' },
  kind: { 'zh-CN': '事件类型', 'en-US': 'Kind of emergency' },
  whatHappened: { 'zh-CN': '事件经过', 'en-US': 'What happened' },
  occurredAt: { 'zh-CN': '发生时间', 'en-US': 'When it happened' },
  calls: { 'zh-CN': '联系记录', 'en-US': 'Calls' },
  party: { 'zh-CN': '联系对象', 'en-US': 'Who was called' },
  calledAt: { 'zh-CN': '联系时间', 'en-US': 'When called' },
  reached: { 'zh-CN': '是否联系上', 'en-US': 'Reached' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  actionsTaken: { 'zh-CN': '现场处置', 'en-US': 'What was done' },
  outcome: { 'zh-CN': '处置结果', 'en-US': 'Outcome' },
  visitId: { 'zh-CN': '所属探访', 'en-US': 'Visit' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  from: { 'zh-CN': '起始日期', 'en-US': 'From' },
  to: { 'zh-CN': '截止日期', 'en-US': 'To' },
});

const Text = (max: number) => z.string().trim().min(2).max(max);

export const EmergencyCallInput = z.object({
  party: EmergencyParty,
  calledAt: z.iso.datetime({ offset: true }),
  reached: z.boolean(),
  note: z.string().trim().max(500).optional(),
});

export const RecordEmergencyBody = z.object({
  subjectId: Uuid,
  kind: EmergencyKind,
  whatHappened: Text(2000),
  occurredAt: z.iso.datetime({ offset: true }),
  calls: z.array(EmergencyCallInput).max(30).optional(),
  actionsTaken: z.string().trim().max(2000).optional(),
  /** Recorded on a visit (the visits module, later, links it); absent: recorded by hand. */
  visitId: Uuid.optional(),
});

export const AddEmergencyCallBody = EmergencyCallInput;

export const TakeEmergencyBody = z.object({ version: z.number().int().min(1).optional() });

export const CloseEmergencyBody = z.object({
  outcome: Text(2000),
  actionsTaken: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1).optional(),
});

const Day = z.iso.date();

export const ListEmergenciesQuery = PageQuery.extend({
  status: EmergencyStatus.optional(),
  divisionCode: DivisionCode.optional(),
  subjectId: Uuid.optional(),
  /** Happened on or after this day (Asia/Shanghai). */
  from: Day.optional(),
  /** Happened on or before this day (Asia/Shanghai). */
  to: Day.optional(),
});

const Person = z.object({ id: z.string(), name: z.string().nullable() }).nullable();

export const EmergencyCallView = z.object({
  id: Uuid,
  party: EmergencyParty,
  calledAt: Timestamp,
  reached: z.boolean(),
  note: z.string().nullable(),
  recordedBy: Person,
  recordedAt: Timestamp,
});

export const EmergencySummary = z.object({
  id: Uuid,
  subjectId: Uuid,
  subjectName: z.string().nullable(),
  householdId: Uuid,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  source: EmergencySource,
  visitId: Uuid.nullable(),
  kind: EmergencyKind,
  whatHappened: z.string(),
  occurredAt: Timestamp,
  status: EmergencyStatus,
  reportedBy: Person,
  reportedAt: Timestamp,
  takenBy: Person,
  takenAt: Timestamp.nullable(),
  closedBy: Person,
  closedAt: Timestamp.nullable(),
  version: z.number().int(),
  /** What this caller may do now (the lifecycle's answer). */
  allowedActions: z.array(z.enum(emergencyActions)),
});

export const EmergencyDetail = EmergencySummary.extend({
  actionsTaken: z.string().nullable(),
  outcome: z.string().nullable(),
  calls: z.array(EmergencyCallView),
});

const IdParams = z.object({ id: Uuid });

export const emergencyEndpoints = endpoints(emergencyFieldLabels, {
  recordEmergency: {
    method: 'POST',
    path: '/api/emergencies',
    summary:
      '记录应急事件（探访中发现或手工登记）：经过、联系了谁、现场处置；立即推送给街道和区民政局',
    permission: 'emergency.record',
    scope: 'division',
    body: RecordEmergencyBody,
    response: EmergencyDetail,
    status: 201,
    idempotent: true,
  },
  listEmergencies: {
    method: 'GET',
    path: '/api/emergencies',
    summary: '本人范围内的应急事件（按状态、区划、发生日期筛选），新的在前',
    permission: 'emergency.read',
    scope: 'division',
    query: ListEmergenciesQuery,
    response: pageOf(EmergencySummary),
  },
  getEmergency: {
    method: 'GET',
    path: '/api/emergencies/:id',
    summary: '应急事件详情及联系记录（查看记入审计日志）',
    permission: 'emergency.read',
    scope: 'division',
    params: IdParams,
    response: EmergencyDetail,
  },
  takeEmergency: {
    method: 'POST',
    path: '/api/emergencies/:id/take',
    summary: '街道或区里接手待处理的应急事件（已被他人接手时 409）',
    permission: 'emergency.handle',
    scope: 'division',
    params: IdParams,
    body: TakeEmergencyBody,
    response: EmergencyDetail,
    idempotent: true,
  },
  addEmergencyCall: {
    method: 'POST',
    path: '/api/emergencies/:id/calls',
    summary: '登记一次联系（120/110/119、亲属、监护人、社区、街道、区）',
    permission: 'emergency.record',
    scope: 'division',
    params: IdParams,
    body: AddEmergencyCallBody,
    response: EmergencyDetail,
    status: 201,
    idempotent: true,
  },
  closeEmergency: {
    method: 'POST',
    path: '/api/emergencies/:id/close',
    summary: '办结应急事件（须填写处置结果）',
    permission: 'emergency.handle',
    scope: 'division',
    params: IdParams,
    body: CloseEmergencyBody,
    response: EmergencyDetail,
    idempotent: true,
  },
});
