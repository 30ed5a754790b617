import type { Role } from './common.ts';

/**
 * The permission catalogue: which role holds which permission. Routes declare a permission; this is
 * the only place that says who has it. Part of the contract: an endpoint, an event and the console
 * name a permission as a `Permission`, so a misspelt one fails to compile.
 */
const staff: Role[] = [
  'admin',
  'district_admin',
  'district_officer',
  'street_officer',
  'community_worker',
  'org_admin',
  'visitor',
  'operator',
  'reviewer',
];

export const permissionCatalogue = {
  'division.read': staff,
  'division.manage': ['admin', 'district_admin'],
  'organisation.read': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'org_admin',
  ],
  'organisation.manage': ['admin', 'district_admin'],
  'user.read': ['admin', 'district_admin', 'org_admin'],
  'user.manage': ['admin', 'district_admin', 'org_admin'],
  'audit.read': ['admin'],
  /** Background jobs: queues, parked failures (and retrying them), schedules. */
  'job.manage': ['admin'],
  /** The roster: everyone who works with subjects; a visitor sees only the subjects assigned to them. */
  'subject.read': staff,
  /** Unmasked ID numbers, phones and addresses, one audited call at a time (not data review). */
  'subject.reveal': staff.filter((r) => r !== 'reviewer'),
  /**
   * Unmasked exports of more people than the threshold (security.md row 15): whoever may export
   * unmasked requests one; a district officer (or administrator) of the district decides it.
   */
  'export.request': staff.filter((r) => r !== 'reviewer'),
  'export.approve': ['district_admin', 'district_officer'],
  /** Care levels: the service organisation classifies, the district may correct. */
  'subject.classify': ['admin', 'district_admin', 'district_officer', 'org_admin'],
  /** The classification rules (policy as data) and the written classification feedback (V4). */
  'care_level.rules': ['admin', 'district_admin'],
  'care_level.report': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'community_worker',
    'org_admin',
  ],
  /** Records of other departments merged into the elderly database (P8). */
  'source.import': ['admin', 'district_admin', 'org_admin'],
  /** Working through where the departments and the roster disagree: the district and the street. */
  'source.reconcile': ['admin', 'district_admin', 'district_officer', 'street_officer'],
  /** Monthly roster rounds: communities compile (the street and the service organisation may too). */
  'roster.read': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'community_worker',
    'org_admin',
  ],
  'roster.compile': ['admin', 'district_admin', 'street_officer', 'community_worker', 'org_admin'],
  'roster.review': ['admin', 'district_admin', 'street_officer'],
  /** How a district's rounds work (where corrections go after approval): the district decides. */
  'roster.configure': ['admin', 'district_admin', 'district_officer'],
  /**
   * Visits: everyone who works with subjects reads them (a visitor those of their own subjects);
   * who visits records them (a visitor for the subjects assigned to them).
   */
  'visit.read': staff,
  'visit.record': [
    'district_admin',
    'district_officer',
    'street_officer',
    'community_worker',
    'org_admin',
    'visitor',
  ],
  /**
   * The field app's offline store: the subjects assigned to the caller with the phones and address a
   * visit needs, in full (each sync audited); only visitors carry one.
   */
  'visit.sync': ['visitor'],
  /** A household's care plan (一户一策): who works with the household; everyone who reads visits sees it. */
  'visit.plan': ['admin', 'district_admin', 'street_officer', 'community_worker', 'org_admin'],
  /** Assigning subjects to visitors: the service organisation, the community and the street. */
  'visit.assign': ['admin', 'district_admin', 'street_officer', 'community_worker', 'org_admin'],
  /** Reviewing the evidence of flagged visits: the data reviewers, the service organisation, the street and the district. */
  'visit.review': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'org_admin',
    'reviewer',
  ],
  /** The visit policy (how often each care level is visited): the district, as policy data. */
  'visit.policy': ['admin', 'district_admin'],
  /**
   * Emergencies (V10): whoever finds one records it (a visitor only for the subjects assigned to
   * them) and adds to its call log; the street and the district take and close it.
   */
  'emergency.record': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'community_worker',
    'org_admin',
    'visitor',
    'operator',
  ],
  'emergency.read': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'community_worker',
    'org_admin',
    'visitor',
    'operator',
    'reviewer',
  ],
  'emergency.handle': [
    'admin',
    'district_admin',
    'district_officer',
    'street_officer',
    'org_admin',
  ],
  /** The working-day calendar: official holidays and make-up working days per year (national data). */
  'calendar.manage': ['admin'],
  /**
   * Stored files (photos of visits and work orders, documents): who takes and attaches them uploads;
   * the reviewer only looks. Downloads are scoped by the file's division and audited.
   */
  'file.upload': [...staff.filter((r) => r !== 'reviewer'), 'provider_admin', 'provider_staff'],
  'file.read': [...staff, 'provider_admin', 'provider_staff'],
  /** The live event stream of the console (each event also names the permission it needs). */
  'event.stream': staff,
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof permissionCatalogue;
/** What a route may declare: a permission, or 'public' (no login) or 'authenticated' (any user). */
export type RoutePermission = Permission | 'public' | 'authenticated';
