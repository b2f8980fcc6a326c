import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/types.js';
import { reports } from './report.tables.js';

/**
 * Idempotency keys of web submissions: SHA-256 of the client's `Idempotency-Key` → the report it created, with
 * that report's receipt code SEALED (context 'idempotent-receipt': it must be answered again on a retry, so it
 * cannot be a one-way hash like `receipts.code_hash`). Written inside the intake statement; the primary key
 * makes a concurrent duplicate fail (and roll back) instead of creating a second report. Kept 24 hours.
 */
export const intakeIdempotency = pgTable(
  'intake_idempotency',
  {
    keyHash: bytea('key_hash').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    sealed: bytea('sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('intake_idempotency_expires_idx').on(t.expiresAt)],
);
