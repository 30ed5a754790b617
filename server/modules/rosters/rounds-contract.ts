import { z } from 'zod';
import {
  defineEventTypes,
  defineValidationMessages,
  DivisionCode,
  PageQuery,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';

/*
 * The rosters contract's round and entry shapes (re-exported by contract.ts, which the web
 * imports): states, actions, views, bodies.
 */

export const roundStatuses = ['open', 'submitted', 'returned', 'approved'] as const;
export const RoundStatus = z.enum(roundStatuses);
export const entryActions = ['add', 'change', 'remove'] as const;
export const EntryAction = z.enum(entryActions);
export const removalReasons = ['death', 'moved', 'refused', 'ineligible', 'other'] as const;
export const RemovalReason = z.enum(removalReasons);
/** A change's review: `fixed` is one the street returned and the community has changed since. */
export const reviewStates = ['pending', 'returned', 'fixed'] as const;

defineValidationMessages({
  month_format: { 'zh-CN': '应为“年-月”，如 2026-12', 'en-US': 'must be a month such as 2026-12' },
});

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month_format' });

/**
 * What a caller may do with a round (lifecycle.ts decides; each view carries the caller's list):
 * compile (upload, propose a removal, withdraw a change), submit, reopen (take a submission back
 * before the street decides), return, approve, correct (after approval: into a correction round).
 */
export const roundActions = [
  'compile',
  'submit',
  'reopen',
  'return',
  'approve',
  'correct',
] as const;
export const RoundAction = z.enum(roundActions);
export type RoundAction = z.infer<typeof RoundAction>;
/** Where changes to an approved month go: its correction round, or the next month's round. */
export const correctionMonths = ['same', 'next'] as const;

export const RoundView = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  month: z.string(),
  status: RoundStatus,
  submittedAt: Timestamp.nullable(),
  reviewedAt: Timestamp.nullable(),
  reviewComment: z.string().nullable(),
  approvedAt: Timestamp.nullable(),
  /** Who submitted it (their name), and when the submission was last taken back (reopened). */
  submittedByName: z.string().nullable(),
  reopenedAt: Timestamp.nullable(),
  /** 0: the month's round; 1, 2 …: its correction rounds after approval. */
  sequence: z.number().int(),
  /** What the caller may do with the round now (the console shows only these buttons). */
  allowedActions: z.array(RoundAction),
  /** Not approved by the configured day of the next month. */
  late: z.boolean(),
  counts: z.object({
    add: z.number().int(),
    change: z.number().int(),
    remove: z.number().int(),
    /** Changes the street returned in this round, fixed since or not. */
    returned: z.number().int(),
    /** Of those, the ones changed since they were returned. */
    fixed: z.number().int(),
  }),
});

/**
 * Every field a round's entry proposes for the person (an addition or a change), masked as every
 * list masks them: the phones and the address masked, health notes only said to be there, the
 * age rather than the birth date.
 */
export const ProposedView = z.object({
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  phoneMasked: z.string().nullable(),
  communityCode: z.string(),
  addressMasked: z.string(),
  categories: z.array(z.string()),
  careLevel: z.string(),
  consent: z.string(),
  consentDate: z.string().nullable(),
  refusalReason: z.string().nullable(),
  emergencyContact: z.string().nullable(),
  emergencyPhoneMasked: z.string().nullable(),
  hasHealthNotes: z.boolean(),
  /** 户编号 and 与户主关系 (`head`, `spouse` …) when the file gives them. */
  householdKey: z.string().nullable(),
  relationToHead: z.string().nullable(),
});

export const EntryView = z.object({
  id: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  action: EntryAction,
  subjectId: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  idNumberMasked: z.string(),
  changes: z.array(
    z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
  removalReason: RemovalReason.nullable(),
  removalNote: z.string().nullable(),
  reviewState: z.enum(reviewStates),
  reviewComment: z.string().nullable(),
  rowNumber: z.number().int().nullable(),
  /** What an addition or a change proposes, every field (null for a removal). */
  proposed: ProposedView.nullable(),
});

/** One community's part in its street's round: what it has put in, and its last upload. */
export const CommunityProgress = z.object({
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  /** Whether the community has any change in the round (an upload or a removal). */
  uploaded: z.boolean(),
  /** Its changes in the round (additions, changes, removals). */
  rows: z.number().int(),
  /** Rows refused by its last upload attempt when that came after its last successful upload. */
  rejected: z.number().int(),
  /** Its changes the street returned, and of those the ones still not fixed. */
  returned: z.number().int(),
  returnedOpen: z.number().int(),
  lastUploadAt: Timestamp.nullable(),
  lastUploadBy: z.string().nullable(),
});

/** The street's rounds of the same month: the round and its correction rounds. */
export const MonthRound = z.object({
  id: z.string(),
  sequence: z.number().int(),
  status: RoundStatus,
});

export const RoundDetail = RoundView.extend({
  entries: z.array(EntryView),
  /** Every community of the street (a community worker sees every community's progress). */
  progress: z.array(CommunityProgress),
  monthRounds: z.array(MonthRound),
  /** Where changes go once a round is approved: the district's roster setting. */
  corrections: z.enum(correctionMonths),
});

export const RoundParams = z.object({ id: Uuid });
export const ListRoundsQuery = PageQuery.extend({
  month: Month.optional(),
  divisionCode: DivisionCode.optional(),
  status: RoundStatus.optional(),
});
export const RemoveSubjectBody = z.object({
  subjectId: Uuid,
  removalReason: RemovalReason,
  removalNote: z.string().trim().max(200).optional(),
  month: Month.optional(),
});
export const ReturnRoundBody = z.object({
  comment: z.string().trim().max(500).optional(),
  comments: z
    .array(z.object({ entryId: Uuid, comment: z.string().trim().min(1).max(500) }))
    .max(10_000),
});
export const EntryParams = z.object({ id: Uuid, entryId: Uuid });

/** What the month's list filters by: a round's status, streets with none (missing), late ones. */
export const monthFilters = [...roundStatuses, 'missing', 'late'] as const;
export const ExportRoundsBody = z.object({
  month: Month,
  divisionCode: DivisionCode.optional(),
  status: z.enum(monthFilters).optional(),
});
export const ExportRoundBody = z.object({
  unmasked: z.boolean().default(false),
  reason: z.string().trim().min(2).max(200).optional(),
});

/** The sensitive values of a change that an audited call shows in full, one field at a time. */
export const revealableEntryFields = ['idNumber', 'phone', 'address', 'emergencyPhone'] as const;
export const RevealableEntryField = z.enum(revealableEntryFields);
export const RevealEntryBody = z.object({
  field: RevealableEntryField,
  reason: z.string().trim().min(2).max(200),
});
/** A value before the change (the live roster's when it was proposed) and after (the proposal's). */
export const RevealedEntryValue = z.object({
  field: RevealableEntryField,
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** Live events of a round: to the street's reviewers, then to the communities whose changes it holds. */
export const RosterEventType = defineEventTypes({
  'roster_round.submitted': { 'zh-CN': '名册已提交待审核', 'en-US': 'Roster submitted for review' },
  'roster_round.reopened': {
    'zh-CN': '名册已撤回提交，重新编制',
    'en-US': 'Roster submission withdrawn: open again',
  },
  'roster_round.approved': { 'zh-CN': '名册已确认', 'en-US': 'Roster approved' },
  'roster_round.returned': { 'zh-CN': '名册已退回修改', 'en-US': 'Roster returned for changes' },
});
