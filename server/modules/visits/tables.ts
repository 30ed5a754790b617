import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { AbilityScoreView } from '../ability-assessments/contract.ts';
import { careLevels } from '../subjects/contract.ts';
import { files } from '../../platform/files/tables.ts';
import { households, subjects } from '../subjects/tables.ts';
import { users } from '../users/tables.ts';
import {
  duePeriods,
  dueSources,
  dueStatuses,
  reviewStates,
  visitKinds,
  visitOutcomes,
  type RecordVisitBody,
  type VisitPolicyRules,
  type VisitRequirement,
} from './contract.ts';

/**
 * The visit policy as data: every save is a version with the day it takes effect; the policy of a
 * day is the latest version saved with an effective date on or before it. Without any, the defaults.
 */
export const visitPolicies = pgTable(
  'visit_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: integer('version').generatedAlwaysAsIdentity().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    rules: jsonb('rules').$type<VisitPolicyRules>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('visit_policies_version_idx').on(t.version),
    index('visit_policies_effective_idx').on(t.effectiveFrom, t.version),
  ],
);

/** A visit (巡访记录): one contact of a visitor with a subject, with its evidence. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The subject's division when the visit was made, for scoped reads and the ledger. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: visitKinds }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: visitOutcomes }).notNull(),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInAccuracy: doublePrecision('check_in_accuracy'),
    checkInAt: timestamp('check_in_at', { withTimezone: true }),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutLng: doublePrecision('check_out_lng'),
    checkOutAccuracy: doublePrecision('check_out_accuracy'),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    gpsIssue: text('gps_issue'),
    /** Metres from the check-in to the household's confirmed place; null when either is unknown. */
    distanceMeters: doublePrecision('distance_meters'),
    /** The evidence review: flagged with its reasons, then accepted or returned by a reviewer. */
    review: text('review', { enum: reviewStates }).notNull().default('none'),
    flags: text('flags').array().notNull().default([]),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    assessment: jsonb('assessment').$type<NonNullable<RecordVisitBody['assessment']>>(),
    findings: jsonb('findings').$type<NonNullable<RecordVisitBody['findings']>>(),
    outreach: text('outreach').array().notNull().default([]),
    survey: jsonb('survey').$type<NonNullable<RecordVisitBody['survey']>>(),
    /** The ability assessment made on the visit: its answers and conditions, and their score. */
    ability: jsonb('ability').$type<
      NonNullable<RecordVisitBody['ability']> & z.infer<typeof AbilityScoreView>
    >(),
    note: text('note'),
    /**
     * The Idempotency-Key the phone made when the visit started: a visit sent again after a week
     * offline is recognised by it, whatever became of the platform's replay store meanwhile.
     */
    clientKey: text('client_key'),
    /** When the server received it (the phone's times are the visit's own). */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('visits_client_key_idx').on(t.visitorId, t.clientKey),
    // what a due row counts (recount) read from the index alone: no heap fetch per visit
    index('visits_subject_idx').on(t.subjectId, t.startedAt, t.outcome, t.kind, t.review),
    index('visits_division_idx').on(t.divisionCode.op('varchar_pattern_ops'), t.startedAt),
    index('visits_started_idx').on(t.startedAt),
    // the field app's sync: which of a caseload's subjects had a visit recorded since its cursor
    index('visits_subject_recorded_idx').on(t.subjectId, t.recordedAt),
    index('visits_visitor_idx').on(t.visitorId, t.startedAt),
    index('visits_review_idx')
      .on(t.divisionCode.op('varchar_pattern_ops'), t.recordedAt)
      .where(sql`review = 'flagged'`),
  ],
);

/**
 * What is due of each subject in each period (应访): one row per requirement and window, kept up to
 * date by the writes (visits, levels, policies, the roster, assignments) and by the daily job, so
 * that a worklist or an overdue list reads rows, never recomputes the policy.
 */
export const visitDues = pgTable(
  'visit_dues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    careLevel: text('care_level', { enum: careLevels }).notNull(),
    /** The subject's visitor, kept with the assignments: a worklist reads its own rows. */
    visitorId: uuid('visitor_id').references(() => users.id),
    source: text('source', { enum: dueSources }).notNull(),
    /** Which requirement: `<source>:<level>:<index>` (a trigger: `trigger:<its id>`). */
    requirement: text('requirement').notNull(),
    period: text('period', { enum: duePeriods }),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    /** Due before this moment (exclusive). */
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    required: smallint('required').notNull(),
    requiredHome: smallint('required_home').notNull(),
    kinds: text('kinds', { enum: visitKinds }).array().notNull(),
    done: smallint('done').notNull().default(0),
    doneHome: smallint('done_home').notNull().default(0),
    status: text('status', { enum: dueStatuses }).notNull().default('due'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    excusedAt: timestamp('excused_at', { withTimezone: true }),
    excusedReason: text('excused_reason'),
    /** The version of the policy that made the row or last changed what it requires. */
    policyVersion: integer('policy_version'),
    /** 0 the visitor, 1 the community, 2 the street, 3 the district. */
    escalation: smallint('escalation').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('visit_dues_window_idx').on(t.subjectId, t.requirement, t.windowStart),
    index('visit_dues_open_idx')
      .on(t.divisionCode.op('varchar_pattern_ops'), t.status, t.windowEnd)
      .where(sql`status in ('due', 'overdue')`),
    index('visit_dues_subject_idx').on(t.subjectId, t.windowEnd),
    index('visit_dues_visitor_idx')
      .on(t.visitorId, t.windowEnd)
      .where(sql`status in ('due', 'overdue')`),
  ],
);

/**
 * A visit's photos, each uploaded in parts under a key derived from the visit's Idempotency-Key
 * (`<key>:photo:<n>`), so that a phone resumes a cut upload and a retried part is recognised. The
 * row is made when the upload begins; once every byte is in, the photo is stored through the
 * platform's files (its EXIF kept as data, the image stripped) and `file_id` is set.
 */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    /** Its place among the visit's photos (the `<n>` of the key). */
    n: smallint('n').notNull(),
    size: integer('size').notNull(),
    received: integer('received').notNull().default(0),
    name: text('name').notNull(),
    /** The EXIF the phone read before it re-encoded the picture. */
    clientExif: jsonb('client_exif'),
    fileId: uuid('file_id').references(() => files.id),
    /** The nearest photo of another visit when near-identical (perceptual hash), for review. */
    similarFileId: uuid('similar_file_id').references(() => files.id),
    similarVisitId: uuid('similar_visit_id').references(() => visits.id),
    similarDistance: smallint('similar_distance'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('visit_photos_key_idx').on(t.visitorId, t.key),
    uniqueIndex('visit_photos_visit_idx').on(t.visitId, t.n),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** The parts of a photo received so far, until it is whole (then they go). */
export const visitPhotoParts = pgTable(
  'visit_photo_parts',
  {
    photoId: uuid('photo_id')
      .notNull()
      .references(() => visitPhotos.id, { onDelete: 'cascade' }),
    offset: integer('offset').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.photoId, t.offset] })],
);

/** A household's care plan (一户一策): one row, its version counting the saves. */
export const carePlans = pgTable('care_plans', {
  householdId: uuid('household_id')
    .primaryKey()
    .references(() => households.id),
  version: integer('version').notNull(),
  goals: text('goals').notNull(),
  services: text('services').array().notNull().default([]),
  /** Visits agreed beyond the policy: a requirement of the plan's own (source `plan`). */
  rhythm: jsonb('rhythm').$type<VisitRequirement>(),
  reviewOn: date('review_on').notNull(),
  note: text('note'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Visits raised for a time and an area (holidays, extreme weather): source `campaign`. */
export const visitCampaigns = pgTable(
  'visit_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    fromDay: date('from_day').notNull(),
    toDay: date('to_day').notNull(),
    levels: text('levels', { enum: careLevels }).array().notNull().default([]),
    requirement: jsonb('requirement').$type<VisitRequirement>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('visit_campaigns_days_idx').on(t.toDay)],
);

/**
 * The months in which a subject had a visit that was met (at home or not), kept by the writes that
 * record visits: the monthly visit rate reads a row per subject, not the month's visits.
 */
export const visitMonths = pgTable(
  'visit_months',
  {
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    /** `YYYY-MM` in Asia/Shanghai. */
    month: varchar('month', { length: 7 }).notNull(),
    /** Where the subject was at the month's last visit recorded. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    home: boolean('home').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectId, t.month] }),
    index('visit_months_division_idx').on(t.month, t.divisionCode.op('varchar_pattern_ops')),
  ],
);
