import { date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Per-day counters behind human-friendly numbers (JB20261127-000123). Gaps are allowed. */
export const numberCounters = pgTable(
  'number_counters',
  {
    kind: text('kind').notNull(),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.day] })],
);

/** Fixed-window rate-limit buckets shared by every server instance; rows expire. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
