import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/types.js';
import { reports } from '../intake/report.tables.js';

/**
 * Sealed reporter identity: one AES-256-GCM blob per record under its own data key, which is stored
 * wrapped by the master key (`key_id` names which). Blind indexes (HMAC-SHA-256) allow linking reports
 * by the same person without decrypting. No plaintext PII column exists.
 */
export const reporterIdentities = pgTable(
  'reporter_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    keyId: text('key_id').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    sealed: bytea('sealed').notNull(),
    phoneIndex: bytea('phone_index'),
    emailIndex: bytea('email_index'),
    idNumberIndex: bytea('id_number_index'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reporter_identities_phone_idx').on(t.phoneIndex),
    index('reporter_identities_email_idx').on(t.emailIndex),
    index('reporter_identities_id_number_idx').on(t.idNumberIndex),
  ],
);

/** Receipt codes are never stored: only HMAC-SHA-256 of the code under a key derived from the master key. */
export const receipts = pgTable('receipts', {
  codeHash: bytea('code_hash').primaryKey(),
  reportId: uuid('report_id')
    .notNull()
    .unique()
    .references(() => reports.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
