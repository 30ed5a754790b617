import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/tables.ts';

/** Staff and other accounts. The scope is a division subtree and/or an organisation. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    divisionCode: varchar('division_code', { length: 15 }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
      .notNull()
      .defaultNow(),
    /** SM4 ciphertext, keyed SM3 lookup hash and display mask of the phone number. */
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** The address of the last successful login. */
    lastLoginIp: text('last_login_ip'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_division_idx').on(t.divisionCode.op('varchar_pattern_ops')),
    index('users_organisation_idx').on(t.organisationId),
    index('users_phone_hash_idx').on(t.phoneHash),
  ],
);

/** Sessions: the cookie carries a random token, the table its SM3 hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: varchar('end_reason', { length: 20 }),
    /**
     * The user's successful login before this session's (time and address), copied at its login:
     * 上次登录 is the one before the current, whatever other sessions begin meanwhile.
     */
    previousLoginAt: timestamp('previous_login_at', { withTimezone: true }),
    previousLoginIp: text('previous_login_ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
