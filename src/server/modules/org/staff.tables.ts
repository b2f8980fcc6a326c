import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/types.js';
import { departments } from './department.tables.js';

/**
 * Staff accounts. Each belongs to one department and acts on that department's subtree. The TOTP secret is
 * sealed (envelope encryption, context 'staff-totp'); a pending secret lives beside it until confirmed.
 */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower case; unique. */
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    totpKeyId: text('totp_key_id'),
    totpWrappedKey: bytea('totp_wrapped_key'),
    totpSealed: bytea('totp_sealed'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_users_department_idx').on(t.departmentId)],
);

/** One-time recovery codes (SHA-256 of 80-bit random codes); a used code keeps its row with `used_at`. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: bytea('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * Failed sign-in attempts per username (HMAC of the lower-cased name, so names that do not exist are throttled
 * the same way). After `failures` reaches the threshold the name is locked, for longer each time.
 */
export const staffLoginThrottle = pgTable('staff_login_throttle', {
  key: bytea('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockLevel: integer('lock_level').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
