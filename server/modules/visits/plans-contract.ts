import { z } from 'zod';
import {
  CalendarDate,
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  defineValidationMessages,
  DivisionCode,
  Timestamp,
  Uuid,
  type EndpointMap,
} from '../../platform/contract/index.ts';
import { CareLevel, defineTimelineKinds } from '../subjects/contract.ts';
import { VisitRequirement } from './policy-contract.ts';
import { serviceNeeds } from './record-contract.ts';

/*
 * The visits contract's care plans and campaigns (re-exported by contract.ts): what a household
 * agreed beyond the policy (一户一策), and visits raised for a time and an area (holidays, weather).
 */

defineValidationMessages({
  campaign_dates: {
    'zh-CN': '结束日期不能早于开始日期',
    'en-US': 'cannot be before the start',
  },
});

/** A household's plan: its goals, the services agreed, a visit rhythm above the policy, a review. */
export const SaveCarePlanBody = z.object({
  goals: z.string().trim().min(1).max(1000),
  services: z.array(z.enum(serviceNeeds)).max(serviceNeeds.length).default([]),
  /** Visits the household agreed to beyond what its care level requires; null: the policy's. */
  rhythm: VisitRequirement.nullable().default(null),
  /** When the plan is to be looked at again. */
  reviewOn: CalendarDate,
  note: z.string().trim().max(1000).optional(),
  /** The version edited (absent: a first plan); someone else's save meanwhile answers 409. */
  baseVersion: z.number().int().min(1).optional(),
});

export const CarePlanView = z.object({
  householdId: Uuid,
  version: z.number().int(),
  goals: z.string(),
  services: z.array(z.enum(serviceNeeds)),
  rhythm: VisitRequirement.nullable(),
  reviewOn: CalendarDate,
  /** The review date has come. */
  reviewDue: z.boolean(),
  note: z.string().nullable(),
  updatedAt: Timestamp,
  updatedByName: z.string().nullable(),
});
export type CarePlanView = z.infer<typeof CarePlanView>;
export const CarePlanAnswer = z.object({ plan: CarePlanView.nullable() });

export const HouseholdParams = z.object({ id: Uuid });

/** Visits raised for a time and an area: each subject of the levels there owes them meanwhile. */
export const CreateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    divisionCode: DivisionCode,
    from: CalendarDate,
    to: CalendarDate,
    /** The care levels it raises (all when empty). */
    levels: z.array(CareLevel).max(3).default([]),
    /** What each subject owes in each period of the campaign (cut to its days). */
    requirement: VisitRequirement,
  })
  .refine((c) => c.to >= c.from, { path: ['to'], error: 'campaign_dates' });

export const CampaignView = z.object({
  id: Uuid,
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  from: CalendarDate,
  to: CalendarDate,
  levels: z.array(CareLevel),
  requirement: VisitRequirement,
  cancelled: z.boolean(),
  createdAt: Timestamp,
});
export type CampaignView = z.infer<typeof CampaignView>;
export const CampaignParams = z.object({ id: Uuid });

export const planFieldLabels = defineFieldLabels({
  goals: { 'zh-CN': '目标', 'en-US': 'Goals' },
  services: { 'zh-CN': '约定的服务', 'en-US': 'Agreed services' },
  rhythm: { 'zh-CN': '约定的探访频次', 'en-US': 'Agreed visit rhythm' },
  reviewOn: { 'zh-CN': '复核日期', 'en-US': 'Review date' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
  levels: { 'zh-CN': '关爱等级', 'en-US': 'Care levels' },
  requirement: { 'zh-CN': '探访要求', 'en-US': 'Visits required' },
});

export const CarePlanError = defineErrors('care_plan', {
  changed: {
    status: 409,
    'zh-CN': '该户的一户一策已被他人修改（现为第 {version} 版），请刷新后重试',
    'en-US':
      "Someone else changed the household's care plan (now version {version}); reload and retry",
  },
});

export const CampaignError = defineErrors('visit_campaign', {
  not_found: { status: 404, 'zh-CN': '未找到该专项巡访', 'en-US': 'The campaign was not found' },
  division_not_found: {
    status: 404,
    'zh-CN': '未找到该区划（divisionCode），或其不在您的范围内',
    'en-US': 'The division (divisionCode) was not found or is outside your scope',
  },
  ended: {
    status: 400,
    'zh-CN': '结束日期（to）已经过去：已经过去的应访不会改写',
    'en-US': 'The end (to) has passed: what was due before is not rewritten',
  },
});

export const PlanAuditAction = defineAuditActions({
  'visit.care_plan': { 'zh-CN': '保存一户一策', 'en-US': 'Care plan saved' },
  'visit.campaign': { 'zh-CN': '发起专项巡访', 'en-US': 'Campaign started' },
  'visit.campaign_cancel': { 'zh-CN': '取消专项巡访', 'en-US': 'Campaign cancelled' },
});

export const PlanTimelineKind = defineTimelineKinds({
  'care_plan.saved': { 'zh-CN': '一户一策', 'en-US': 'Care plan' },
});

/** The plans' endpoints, part of the visits module's map (contract.ts). */
export const planEndpoints = {
  getCarePlan: {
    method: 'GET',
    path: '/api/households/:id/care-plan',
    summary: '一户一策：该户的目标、约定的服务、高于政策的探访频次与复核日期',
    permission: 'visit.read',
    scope: 'division',
    params: HouseholdParams,
    response: CarePlanAnswer,
  },
  saveCarePlan: {
    method: 'PUT',
    path: '/api/households/:id/care-plan',
    summary: '保存一户一策（约定的探访频次自今日起计入应访）',
    permission: 'visit.plan',
    scope: 'division',
    params: HouseholdParams,
    body: SaveCarePlanBody,
    response: CarePlanView,
  },
  listCampaigns: {
    method: 'GET',
    path: '/api/visit-campaigns',
    summary: '专项巡访（节假日、极端天气）：一段时间、一个区域内提高的探访频次',
    permission: 'visit.policy',
    scope: 'division',
    response: z.object({ items: z.array(CampaignView) }),
  },
  createCampaign: {
    method: 'POST',
    path: '/api/visit-campaigns',
    summary: '发起专项巡访：其间该区域所选等级的对象按此要求探访',
    permission: 'visit.policy',
    scope: 'division',
    body: CreateCampaignBody,
    response: CampaignView,
    status: 201,
    idempotent: true,
  },
  cancelCampaign: {
    method: 'POST',
    path: '/api/visit-campaigns/:id/cancel',
    summary: '取消专项巡访（自今日起不再计入应访，已过去的不改写）',
    permission: 'visit.policy',
    scope: 'division',
    params: CampaignParams,
    response: CampaignView,
    idempotent: true,
  },
} as const satisfies EndpointMap;
