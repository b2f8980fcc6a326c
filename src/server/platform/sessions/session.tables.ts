import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.js';

/**
 * Server-side sessions shared by every instance. The cookie carries a random token; only its SHA-256 is
 * stored. `kind` separates staff sessions from reporters' receipt sessions.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: bytea('token_hash').primaryKey(),
    kind: text('kind').$type<TSessionKind>().notNull(),
    subjectId: text('subject_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleSeconds: integer('idle_seconds').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('sessions_subject_idx').on(t.kind, t.subjectId),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

export type TSessionKind = 'staff' | 'reporter';
