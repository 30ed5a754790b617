import { z } from 'zod';
import { Timestamp, Uuid } from '../../platform/contract/index.ts';
import { CareLevel, ContactRelation, SubjectKind } from '../subjects/contract.ts';
import { DueSource, DueStatus } from './dues-contract.ts';
import { VisitKind, VisitOutcome } from './record-contract.ts';
import { CarePlanView } from './plans-contract.ts';

/*
 * The visits contract's sync for the field app (re-exported by contract.ts): what changed since a
 * cursor among the subjects assigned to the calling visitor, so that the phone keeps its offline
 * store (issue 11, point 2). Only what a visit needs, kept small: a 500-subject first sync goes
 * over a slow mobile link.
 */

export const SYNC_PAGE_DEFAULT = 200;
export const SYNC_PAGE_MAX = 500;

export const SyncQuery = z.object({
  /** The cursor the last answer gave (opaque); absent on a first sync. */
  cursor: z.string().optional(),
  /** Subjects per answer. */
  limit: z.coerce.number().int().min(1).max(SYNC_PAGE_MAX).default(SYNC_PAGE_DEFAULT),
});

/** What is due of the subject: its open rows and those of the current periods already done. */
export const SyncDue = z.object({
  /** `trigger`: a home visit within hours (a change to special, an emergency). */
  source: DueSource,
  windowStart: Timestamp,
  /** Due before this moment. */
  windowEnd: Timestamp,
  required: z.number().int(),
  /** Of the required visits, how many at home. */
  requiredHome: z.number().int(),
  done: z.number().int(),
  doneHome: z.number().int(),
  status: DueStatus,
});

export const SyncVisit = z.object({
  id: Uuid,
  kind: VisitKind,
  startedAt: Timestamp,
  outcome: VisitOutcome,
});

/** A relative, guardian or emergency contact of the subject or of the whole household. */
export const SyncContact = z.object({
  name: z.string(),
  relation: ContactRelation,
  isGuardian: z.boolean(),
  isEmergency: z.boolean(),
  /** In full: the visitor calls it. */
  phone: z.string().nullable(),
});

export const SyncSubject = z.object({
  id: Uuid,
  kind: SubjectKind,
  name: z.string(),
  /** Masked as everywhere; the full number never leaves for the phone. */
  idNumberMasked: z.string(),
  careLevel: CareLevel,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  /** In full: the visitor calls them (each sync is audited). */
  mobile: z.string().nullable(),
  landline: z.string().nullable(),
  household: z.object({
    id: Uuid,
    /** In full: the visitor goes there. */
    address: z.string(),
    phone: z.string().nullable(),
    /** WGS-84, when known; `confirmed` once set on the map or confirmed after a first visit. */
    location: z.object({ lat: z.number(), lng: z.number(), confirmed: z.boolean() }).nullable(),
  }),
  contacts: z.array(SyncContact),
  /** The household's care plan (一户一策), which the visit follows. */
  carePlan: CarePlanView.pick({ goals: true, services: true, rhythm: true, reviewOn: true })
    .extend({ version: z.number().int() })
    .nullable(),
  dues: z.array(SyncDue),
  /** The last three visits, newest first. */
  lastVisits: z.array(SyncVisit),
});

export const SyncAnswer = z.object({
  /** Give it back on the next call. */
  cursor: z.string(),
  /** More of this pass follows: call again with `cursor` (a first sync is complete once false). */
  more: z.boolean(),
  /** Subjects new or changed since the cursor (all on a first sync): upsert them. */
  subjects: z.array(SyncSubject),
  /** Subjects that left the caller's caseload since the cursor: delete them from the phone. */
  removed: z.array(Uuid),
});
