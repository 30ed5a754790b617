import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../users/tables.ts';
import {
  careLevels,
  consentStates,
  contactRelations,
  livingSituations,
  subjectKinds,
  subjectStatuses,
} from './contract.ts';

/**
 * Sensitive values (ID numbers, phones, addresses, health notes) are stored as SM4 ciphertext
 * (`*_cipher`), a keyed SM3 hash for exact lookup (`*_hash`) and the display mask (`*_masked`).
 */

/** A household (户): one address in a community or grid, with its subjects and contacts. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    addressCipher: text('address_cipher').notNull(),
    addressMasked: text('address_masked').notNull(),
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    notes: text('notes'),
    /**
     * 户编号 as the community's roster gives it: a later round's person with the same number in the
     * same community joins this household (一户一档) instead of starting one.
     */
    householdNumber: text('household_number'),
    /**
     * Where the household is (WGS-84), set on the console's map or taken at the first home visit's
     * check-in; a visit's distance from home is measured only once it is confirmed.
     */
    locationLat: doublePrecision('location_lat'),
    locationLng: doublePrecision('location_lng'),
    locationSource: text('location_source', { enum: ['map', 'first_visit'] }),
    locationConfirmed: boolean('location_confirmed').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('households_division_idx').on(t.divisionCode.op('varchar_pattern_ops')),
    index('households_number_idx').on(t.divisionCode, t.householdNumber),
  ],
);

/** A person in the programme (服务对象): an elder or a child, one row per person in the database. */
export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The household's division, kept here for scoped reads. */
    divisionCode: varchar('division_code', { length: 15 }).notNull(),
    kind: text('kind', { enum: subjectKinds }).notNull(),
    name: text('name').notNull(),
    /**
     * Pinyin without tones, syllables separated ("zhang san"): the sort key, since PGlite has no zh
     * collation; `COLLATE "C"` (migration 0020, which Drizzle cannot declare).
     */
    namePinyin: text('name_pinyin').notNull(),
    /** Pinyin initials ("zs"), for search. */
    nameInitials: text('name_initials').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date').notNull(),
    mobileCipher: text('mobile_cipher'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    landlineCipher: text('landline_cipher'),
    landlineHash: text('landline_hash'),
    landlineMasked: text('landline_masked'),
    consent: text('consent', { enum: consentStates }).notNull(),
    consentDate: date('consent_date'),
    consentReason: text('consent_reason'),
    livingSituation: text('living_situation', { enum: livingSituations }),
    /** 与户主关系 as the roster gives it: `head`, or the relation to the head (`spouse`, `child` …). */
    relationToHead: text('relation_to_head'),
    healthNotesCipher: text('health_notes_cipher'),
    disabilityKind: text('disability_kind'),
    disabilityGrade: smallint('disability_grade'),
    /** Benefits already received (glossary 救助政策 codes). */
    benefits: text('benefits').array().notNull().default([]),
    careLevel: text('care_level', { enum: careLevels }).notNull(),
    careLevelReason: text('care_level_reason'),
    careLevelSetBy: uuid('care_level_set_by').references(() => users.id),
    careLevelSetAt: timestamp('care_level_set_at', { withTimezone: true }),
    status: text('status', { enum: subjectStatuses }).notNull().default('active'),
    removedReason: text('removed_reason'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subjects_id_number_hash_idx').on(t.idNumberHash),
    // The roster's search plans (search.ts): each name index covers the scope's columns and the
    // pinyin order, so a page is read from the index alone; measured in bench/subjects.ts.
    // A scope's subjects with what a search matches, looked up division by division (a name by
    // its prefix): counts, streets and small scopes read them here.
    index('subjects_scope_idx').on(
      t.divisionCode.op('varchar_pattern_ops'),
      t.status,
      t.name.op('text_pattern_ops'),
      t.namePinyin,
      t.nameInitials,
      t.id,
    ),
    // Pinyin order, with the columns a search filters on (the scope, the initials).
    index('subjects_order_idx').on(
      t.namePinyin,
      t.name,
      t.id,
      t.divisionCode,
      t.status,
      t.nameInitials,
    ),
    index('subjects_first_char_idx').on(
      sql`left(${t.name}, 1)`,
      t.namePinyin,
      t.name,
      t.id,
      t.divisionCode,
      t.status,
    ),
    index('subjects_first_chars_idx').on(
      sql`left(${t.name}, 2)`,
      t.namePinyin,
      t.name,
      t.id,
      t.divisionCode,
      t.status,
    ),
    index('subjects_initials_idx').on(
      sql`left(${t.nameInitials}, 2)`,
      t.namePinyin,
      t.name,
      t.id,
      t.divisionCode,
      t.status,
      t.nameInitials,
    ),
    // Initials by prefix, for counts and for initials too rare to walk in order.
    index('subjects_initials_prefix_idx').on(
      t.nameInitials.op('text_pattern_ops'),
      t.divisionCode.op('varchar_pattern_ops'),
      t.status,
      t.namePinyin,
      t.name,
      t.id,
    ),
    index('subjects_name_idx').on(
      t.name.op('text_pattern_ops'),
      t.divisionCode.op('varchar_pattern_ops'),
      t.status,
      t.namePinyin,
      t.id,
    ),
    index('subjects_mobile_hash_idx').on(t.mobileHash),
    index('subjects_landline_hash_idx').on(t.landlineHash),
    index('subjects_household_idx').on(t.householdId),
  ],
);

/** Categories of a subject (独居, 失能, 孤儿 …): multi-valued and time-bounded. */
export const subjectCategories = pgTable(
  'subject_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    category: text('category').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    /** Where it came from: roster, import, visit, a department's data. */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subject_categories_subject_idx').on(t.subjectId, t.category)],
);

/** Relatives, guardians and emergency contacts of a household (or of one subject in it). */
export const householdContacts = pgTable(
  'household_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    subjectId: uuid('subject_id').references(() => subjects.id),
    name: text('name').notNull(),
    relation: text('relation', { enum: contactRelations }).notNull(),
    isGuardian: boolean('is_guardian').notNull().default(false),
    isEmergency: boolean('is_emergency').notNull().default(false),
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('household_contacts_household_idx').on(t.householdId),
    index('household_contacts_phone_hash_idx').on(t.phoneHash),
  ],
);

/** Every change of a subject's care level, with its reason and who made it. */
export const careLevelChanges = pgTable(
  'care_level_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    fromLevel: text('from_level', { enum: careLevels }),
    toLevel: text('to_level', { enum: careLevels }).notNull(),
    reason: text('reason').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('care_level_changes_subject_idx').on(t.subjectId, t.setAt)],
);

/** Which visitor cares for which subject; a visitor sees only these (filled by the visits module). */
export const subjectAssignments = pgTable(
  'subject_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The last change of the row: its creation, or the day its validTo was set (a hand-over, an
     * unassignment). The field app's sync (visits/service/sync.ts) finds by it what joined or left a
     * visitor's caseload since its cursor.
     */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subject_assignments_visitor_idx').on(t.visitorId, t.subjectId),
    index('subject_assignments_subject_idx').on(t.subjectId),
  ],
);

/**
 * The household file's timeline: what happened to a household, written by this module and, through
 * `addTimelineEvent`, by the modules above it (visits, emergencies, work orders, benefits).
 */
export const householdEvents = pgTable(
  'household_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    subjectId: uuid('subject_id').references(() => subjects.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** A kind of the timeline catalogue (`defineTimelineKinds`). */
    kind: text('kind').notNull(),
    /** Parameters of the kind's message; never a sensitive value. */
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>(),
    /** The object the event is about, in the module that wrote it (a visit, a work order …). */
    refEntity: text('ref_entity'),
    refId: text('ref_id'),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
  },
  (t) => [index('household_events_household_idx').on(t.householdId, t.occurredAt)],
);
