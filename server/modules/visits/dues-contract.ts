import { z } from 'zod';
import {
  defineValidationMessages,
  DivisionCode,
  PageQuery,
  pageOf,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';

defineValidationMessages({
  position_pair: {
    'zh-CN': '纬度和经度应同时提供',
    'en-US': 'give the latitude and the longitude together',
  },
});
import { Month } from '../rosters/contract.ts';
import { CareLevel, SubjectKind } from '../subjects/contract.ts';
import { DuePeriod } from './policy-contract.ts';
import { VisitKind } from './record-contract.ts';

/* The visits contract's due visits (re-exported by contract.ts): the rows, the lists, the rate. */

export const dueStatuses = ['due', 'done', 'overdue', 'excused'] as const;
export const DueStatus = z.enum(dueStatuses);
export type DueStatus = z.infer<typeof DueStatus>;

/**
 * Why a visit is due: the care level's requirement, the national floor for a disabled elder, a
 * trigger (a change to `special`, an emergency, a reported family change: a visit within hours),
 * the household's care plan (a rhythm above the policy), a campaign (a time and an area raised).
 */
export const dueSources = ['level', 'floor', 'trigger', 'plan', 'campaign'] as const;
export const DueSource = z.enum(dueSources);
export type DueSource = z.infer<typeof DueSource>;

/** How far an overdue visit has climbed: 0 the visitor only, then the community, street, district. */
export const escalationLevels = ['visitor', 'community', 'street', 'district'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

export const DueView = z.object({
  id: Uuid,
  subjectId: Uuid,
  subjectName: z.string(),
  subjectKind: SubjectKind,
  careLevel: CareLevel,
  householdId: Uuid,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  visitorId: Uuid.nullable(),
  visitorName: z.string().nullable(),
  source: DueSource,
  period: DuePeriod.nullable(),
  windowStart: Timestamp,
  /** The visit is due before this moment (the end of the period, or of a trigger's hours). */
  dueBy: Timestamp,
  required: z.number().int(),
  requiredHome: z.number().int(),
  kinds: z.array(VisitKind),
  done: z.number().int(),
  doneHome: z.number().int(),
  status: DueStatus,
  escalation: z.enum(escalationLevels),
});
export type DueView = z.infer<typeof DueView>;

export const worklistBuckets = ['overdue', 'today', 'week', 'later'] as const;
export const WorklistItem = DueView.extend({
  bucket: z.enum(worklistBuckets),
  /** Metres from where the visitor stands to the household, when both are known. */
  distanceMeters: z.number().nullable(),
});
export const Worklist = z.object({
  items: z.array(WorklistItem),
  counts: z.object({
    overdue: z.number().int(),
    today: z.number().int(),
    week: z.number().int(),
    later: z.number().int(),
  }),
});

export const WorklistQuery = z
  .object({
    /** Whose worklist (default: the caller's own). */
    visitorId: Uuid.optional(),
    /** Where the visitor stands (WGS-84), both or neither: within a risk, the nearest first. */
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), {
    path: ['lng'],
    error: 'position_pair',
  });

export const OverdueQuery = PageQuery.extend({
  divisionCode: DivisionCode.optional(),
  visitorId: Uuid.optional(),
});
const OverdueGroup = z.object({ key: z.string(), name: z.string().nullable(), count: z.number() });
export const OverdueList = pageOf(DueView).extend({
  /** The level whose list this is: the caller's (community, street, district; all for others). */
  level: z.enum(escalationLevels),
  byStreet: z.array(OverdueGroup),
  byCommunity: z.array(OverdueGroup),
  byVisitor: z.array(OverdueGroup),
});

// ---- the monthly visit rate ----

export const VisitRateQuery = z.object({
  /** `YYYY-MM` (default: this month). */
  month: Month.optional(),
  divisionCode: DivisionCode.optional(),
});
const RateTally = z.object({
  /** Subjects in care at some time of the month. */
  covered: z.number().int(),
  /** Of those, visited (a visit met) in the month. */
  visited: z.number().int(),
  /** Of those, visited at home. */
  homeVisited: z.number().int(),
  /** visited / covered; null when nobody was in care. */
  rate: z.number().nullable(),
});
const RateLevels = z.object({ special: RateTally, key: RateTally, regular: RateTally });
export const VisitRate = z.object({
  month: z.string(),
  divisionCode: z.string().nullable(),
  /** One row per division one level below the one asked for (a district's streets). */
  rows: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      levels: RateLevels,
      all: RateTally,
    }),
  ),
  totals: z.object({ levels: RateLevels, all: RateTally }),
});
