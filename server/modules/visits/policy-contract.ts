import { z } from 'zod';
import {
  CalendarDate,
  defineValidationMessages,
  Timestamp,
} from '../../platform/contract/index.ts';
import { VisitKind } from './record-contract.ts';

/* The visits contract's policy (re-exported by contract.ts): what each care level requires. */

/** Calendar weeks (Monday to Sunday), months and quarters in Asia/Shanghai. */
export const duePeriods = ['week', 'month', 'quarter'] as const;
export const DuePeriod = z.enum(duePeriods);
export type DuePeriod = z.infer<typeof DuePeriod>;

defineValidationMessages({
  home_visits_above_visits: {
    'zh-CN': '入户次数不能多于总次数',
    'en-US': 'cannot exceed the number of visits',
  },
  escalation_order: {
    'zh-CN': '应依次为：上报社区 ≤ 上报街道 ≤ 上报区县',
    'en-US': 'must grow: community ≤ street ≤ district',
  },
});

/** One requirement of a care level: `visits` in each `period`, of `kinds`, `homeVisits` of them at home. */
export const VisitRequirement = z
  .object({
    period: DuePeriod,
    visits: z.number().int().min(1).max(31),
    /** The kinds that count; a home visit always counts too (it meets a phone requirement). */
    kinds: z.array(VisitKind).min(1).max(3),
    homeVisits: z.number().int().min(0).max(31),
  })
  .refine((r) => r.homeVisits <= r.visits, {
    path: ['homeVisits'],
    error: 'home_visits_above_visits',
  });
export type VisitRequirement = z.infer<typeof VisitRequirement>;

const Requirements = z.array(VisitRequirement).max(4);

/** The visit policy: requirements per care level, the floor, the trigger window, the escalation. */
export const VisitPolicyRules = z.object({
  special: Requirements.min(1),
  key: Requirements.min(1),
  regular: Requirements.min(1),
  /** A disabled (失能) elder, whatever the level (national floor: a home visit a month). */
  disabledElder: Requirements,
  /** A trigger (a change to `special`, an emergency, a family change): a visit within these hours. */
  triggerHours: z.number().int().min(1).max(168),
  /**
   * Working days after a visit became overdue when it climbs to the community, the street and the
   * district (each at least the one before).
   */
  escalation: z
    .object({
      community: z.number().int().min(0).max(60),
      street: z.number().int().min(0).max(60),
      district: z.number().int().min(0).max(60),
    })
    .refine((e) => e.community <= e.street && e.street <= e.district, {
      path: ['street'],
      error: 'escalation_order',
    }),
});
export type VisitPolicyRules = z.infer<typeof VisitPolicyRules>;

export const VisitPolicyView = z.object({
  /** null: the defaults, never changed. */
  version: z.number().int().nullable(),
  effectiveFrom: z.string().nullable(),
  isDefault: z.boolean(),
  savedAt: Timestamp.nullable(),
  savedBy: z.string().nullable(),
  rules: VisitPolicyRules,
});

export const VisitPolicyPage = z.object({
  /** The version in force today. */
  current: VisitPolicyView,
  /** Versions saved to take effect on a later day. */
  scheduled: z.array(VisitPolicyView),
});

export const SaveVisitPolicyBody = z.object({
  rules: VisitPolicyRules,
  /** From this day on (today or later); what was due before stays as it was. */
  effectiveFrom: CalendarDate,
  /** The version the editor started from (null: the defaults); another save since is refused. */
  baseVersion: z.number().int().min(1).nullable(),
});
