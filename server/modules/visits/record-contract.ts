import { z } from 'zod';
import {
  defineValidationMessages,
  PageQuery,
  CalendarDate,
  DivisionCode,
  Timestamp,
  Uuid,
  type Locale,
} from '../../platform/contract/index.ts';
import { AbilityScoreView, ScoreAbilityBody } from '../ability-assessments/contract.ts';
import { CareLevel, HouseholdLocationView, SubjectKind } from '../subjects/contract.ts';
import { VisitPhotoView } from './photos-contract.ts';

type Names = Record<Locale, string>;

/* The visits contract's visit record (re-exported by contract.ts): kinds, outcomes, the evidence. */

export const visitKinds = ['home', 'phone', 'video'] as const;
export const VisitKind = z.enum(visitKinds);
export type VisitKind = z.infer<typeof VisitKind>;
export const visitKindNames: Record<VisitKind, Names> = {
  home: { 'zh-CN': '入户巡访', 'en-US': 'Home visit' },
  phone: { 'zh-CN': '电话探访', 'en-US': 'Phone visit' },
  video: { 'zh-CN': '视频探访', 'en-US': 'Video visit' },
};

/** Only `met` counts as done; `moved` and `deceased` propose a roster change. */
export const visitOutcomes = ['met', 'not_home', 'refused', 'moved', 'deceased'] as const;
export const VisitOutcome = z.enum(visitOutcomes);
export type VisitOutcome = z.infer<typeof VisitOutcome>;
export const visitOutcomeNames: Record<VisitOutcome, Names> = {
  met: { 'zh-CN': '见到本人', 'en-US': 'Met' },
  not_home: { 'zh-CN': '不在家', 'en-US': 'Not at home' },
  refused: { 'zh-CN': '拒绝探访', 'en-US': 'Refused' },
  moved: { 'zh-CN': '已迁出', 'en-US': 'Moved away' },
  deceased: { 'zh-CN': '已去世', 'en-US': 'Deceased' },
};

defineValidationMessages({
  visit_timestamp: {
    'zh-CN': '应为带时区的 ISO 8601 时间，如 2026-12-01T09:30:00+08:00',
    'en-US': 'must be an ISO 8601 time with its offset, e.g. 2026-12-01T09:30:00+08:00',
  },
});

/** A moment a phone reports: ISO 8601 with its offset. */
const Moment = z.iso.datetime({ offset: true, error: 'visit_timestamp' });

export const Position = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Metres, as the phone reports it. */
  accuracy: z.number().min(0).max(100_000),
  at: Moment,
});

/** The V7 checklist: health, economy, family support, a child's schooling and guardianship, safety. */
export const assessmentItems = {
  'health.expression': 'both',
  'health.mobility': 'both',
  'health.reaction': 'both',
  'health.illness': 'both',
  'health.mental': 'both',
  'economy.hardship': 'both',
  'economy.benefits': 'both',
  'family.support': 'elder',
  'child.schooling': 'child',
  'child.guardianship': 'child',
  'safety.housing': 'both',
  'safety.water': 'both',
  'safety.power': 'both',
  'safety.gas': 'both',
  'safety.heating': 'both',
} as const satisfies Record<string, 'both' | 'elder' | 'child'>;
export type AssessmentItem = keyof typeof assessmentItems;
export const assessmentItemCodes = Object.keys(assessmentItems) as AssessmentItem[];

export const assessmentStatuses = ['normal', 'attention', 'risk'] as const;
export const AssessmentEntry = z.object({
  status: z.enum(assessmentStatuses),
  note: z.string().trim().max(500).optional(),
});
export const VisitAssessment = z.partialRecord(
  z.enum(assessmentItemCodes as [AssessmentItem]),
  AssessmentEntry,
);

/** V8: the simple lists a visit's findings pick from. */
export const serviceNeeds = [
  'daily_care',
  'rehab_nursing',
  'emotional_comfort',
  'emergency_rescue',
  'home_adaptation',
  'meals',
  'cleaning',
  'medical_escort',
  'other',
] as const;
export const hazards = [
  'gas',
  'power',
  'water',
  'heating',
  'fire',
  'fall',
  'housing',
  'other',
] as const;
export const possibleBenefits = [
  'dibao',
  'tekun',
  'orphan',
  'de_facto_unsupported',
  'temporary_assistance',
  'serious_illness',
  'old_age_allowance',
] as const;
export const outreachMaterials = [
  'elderly_policy',
  'benefit_guide',
  'child_policy',
  'fraud_prevention',
  'safety_guide',
  'health_guide',
  'other',
] as const;
export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** The coded values' names, for the ledger's export (the console has the same in its locale). */
export const findingNames: Record<string, Names> = {
  daily_care: { 'zh-CN': '生活照料', 'en-US': 'Daily care' },
  rehab_nursing: { 'zh-CN': '康复护理', 'en-US': 'Rehabilitation nursing' },
  emotional_comfort: { 'zh-CN': '精神慰藉', 'en-US': 'Emotional comfort' },
  emergency_rescue: { 'zh-CN': '紧急救援', 'en-US': 'Emergency rescue' },
  home_adaptation: { 'zh-CN': '适老化改造', 'en-US': 'Age-friendly adaptation' },
  meals: { 'zh-CN': '助餐', 'en-US': 'Meals' },
  cleaning: { 'zh-CN': '保洁', 'en-US': 'Cleaning' },
  medical_escort: { 'zh-CN': '陪同就医', 'en-US': 'Escort to hospital' },
  gas: { 'zh-CN': '燃气', 'en-US': 'Gas' },
  power: { 'zh-CN': '用电', 'en-US': 'Power' },
  water: { 'zh-CN': '用水', 'en-US': 'Water' },
  heating: { 'zh-CN': '供暖', 'en-US': 'Heating' },
  fire: { 'zh-CN': '消防', 'en-US': 'Fire' },
  fall: { 'zh-CN': '跌倒风险', 'en-US': 'Fall risk' },
  housing: { 'zh-CN': '房屋', 'en-US': 'Housing' },
  dibao: { 'zh-CN': '城乡低保', 'en-US': 'Minimum living allowance' },
  tekun: { 'zh-CN': '特困供养', 'en-US': 'Extreme-poverty support' },
  orphan: { 'zh-CN': '孤儿基本生活费', 'en-US': 'Orphan allowance' },
  de_facto_unsupported: { 'zh-CN': '事实无人抚养儿童补贴', 'en-US': 'De facto unsupported child' },
  temporary_assistance: { 'zh-CN': '临时救助', 'en-US': 'Temporary assistance' },
  serious_illness: { 'zh-CN': '大病救助', 'en-US': 'Serious-illness assistance' },
  old_age_allowance: { 'zh-CN': '高龄津贴', 'en-US': 'Old-age allowance' },
  elderly_policy: { 'zh-CN': '老年人政策', 'en-US': 'Elderly policy' },
  benefit_guide: { 'zh-CN': '救助申请指南', 'en-US': 'Benefit guide' },
  child_policy: { 'zh-CN': '儿童保障政策', 'en-US': 'Child policy' },
  fraud_prevention: { 'zh-CN': '防诈骗', 'en-US': 'Fraud prevention' },
  safety_guide: { 'zh-CN': '居家安全', 'en-US': 'Home safety' },
  health_guide: { 'zh-CN': '健康知识', 'en-US': 'Health' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
  satisfied: { 'zh-CN': '满意', 'en-US': 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', 'en-US': 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'en-US': 'Dissatisfied' },
};

export const VisitFindings = z.object({
  needs: z.array(z.enum(serviceNeeds)).max(serviceNeeds.length).default([]),
  hazards: z.array(z.enum(hazards)).max(hazards.length).default([]),
  benefits: z.array(z.enum(possibleBenefits)).max(possibleBenefits.length).default([]),
  note: z.string().trim().max(1000).optional(),
});

export const SatisfactionSurvey = z.object({
  satisfaction: z.enum(satisfactionLevels),
  comment: z.string().trim().max(500).optional(),
});

/**
 * Evidence that goes to review, never silently accepted or refused: too far from home, too short,
 * the visitor in another home at the same time, recorded long after, a home visit without position,
 * a photo (near-)identical to one of another visit.
 */
export const visitFlags = [
  'too_far',
  'too_short',
  'overlap',
  'late_record',
  'no_position',
  'duplicate_photo',
] as const;
export const VisitFlag = z.enum(visitFlags);
export type VisitFlag = z.infer<typeof VisitFlag>;
export const reviewStates = ['none', 'flagged', 'accepted', 'returned'] as const;
export const ReviewState = z.enum(reviewStates);

/** Why a home visit has no usable position (the visit goes on, flagged). */
export const gpsIssues = ['no_signal', 'denied', 'too_coarse', 'device', 'other'] as const;

export const RecordVisitBody = z.object({
  subjectId: Uuid,
  kind: VisitKind,
  startedAt: Moment,
  endedAt: Moment,
  outcome: VisitOutcome,
  checkIn: Position.optional(),
  checkOut: Position.optional(),
  gpsIssue: z.enum(gpsIssues).optional(),
  assessment: VisitAssessment.optional(),
  findings: VisitFindings.optional(),
  outreach: z.array(z.enum(outreachMaterials)).max(outreachMaterials.length).optional(),
  survey: SatisfactionSurvey.optional(),
  /** An ability assessment (GB/T 42195-2022) made on the visit, of an elder. */
  ability: ScoreAbilityBody.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RecordVisitBody = z.infer<typeof RecordVisitBody>;

export const VisitView = z.object({
  id: Uuid,
  subjectId: Uuid,
  subjectName: z.string(),
  subjectKind: SubjectKind,
  householdId: Uuid,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  visitorId: Uuid,
  visitorName: z.string().nullable(),
  kind: VisitKind,
  startedAt: Timestamp,
  endedAt: Timestamp,
  durationMinutes: z.number().int(),
  outcome: VisitOutcome,
  /** Counts toward what is due: met, and not returned by a reviewer. */
  counts: z.boolean(),
  recordedAt: Timestamp,
  checkIn: Position.nullable(),
  checkOut: Position.nullable(),
  gpsIssue: z.enum(gpsIssues).nullable(),
  assessment: VisitAssessment.nullable(),
  findings: VisitFindings.nullable(),
  outreach: z.array(z.enum(outreachMaterials)),
  survey: SatisfactionSurvey.nullable(),
  note: z.string().nullable(),
  /**
   * The ability assessment made on the visit, scored, and the care level it suggests when above
   * the subject's (a person confirms it by setting the level).
   */
  ability: AbilityScoreView.extend({ suggestedCareLevel: CareLevel.nullable() }).nullable(),
  distanceMeters: z.number().nullable(),
  photos: z.array(VisitPhotoView),
  review: ReviewState,
  flags: z.array(VisitFlag),
  reviewNote: z.string().nullable(),
  reviewedAt: Timestamp.nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

/**
 * One visit as its page shows it: with where the household is now (its map place, confirmed or
 * only proposed), beside the visit's check-in and check-out, read in the same audited call.
 */
export const VisitDetail = VisitView.extend({
  householdLocation: HouseholdLocationView.nullable(),
});
export type VisitDetail = z.infer<typeof VisitDetail>;

const LedgerFilter = {
  review: ReviewState.optional(),
  divisionCode: DivisionCode.optional(),
  subjectId: Uuid.optional(),
  visitorId: Uuid.optional(),
  kind: VisitKind.optional(),
  outcome: VisitOutcome.optional(),
  /** Started on or after this day (Asia/Shanghai). */
  from: CalendarDate.optional(),
  /** Started on or before this day. */
  to: CalendarDate.optional(),
};
/** The ledger's export: the list's filters, masked (an unmasked ledger is an export request). */
export const ExportVisitsBody = z.object(LedgerFilter);

export const ListVisitsQuery = PageQuery.extend(LedgerFilter);

export const ReviewVisitBody = z.object({
  decision: z.enum(['accept', 'return']),
  /** Required when returned: what is wrong with the evidence. */
  reason: z.string().trim().max(500).optional(),
});

export const VisitParams = z.object({ id: Uuid });
