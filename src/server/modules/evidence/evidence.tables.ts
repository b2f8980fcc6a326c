import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/types.js';
import { reports } from '../intake/report.tables.js';

export const EVIDENCE_KINDS = ['image', 'document', 'video', 'audio', 'text', 'email'] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_SOURCES = ['reporter', 'staff', 'partner', 'system'] as const;
export type TEvidenceSource = (typeof EVIDENCE_SOURCES)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One cleaned evidence file of a report. The bytes live in the blob store under `storage_key` (content address
 * of the stored bytes); both the received and the stored SHA-256 are kept (chain of custody: images are
 * re-encoded without metadata, so the two differ for them). The original file name is sealed like an identity
 * (`key_id`, `wrapped_key`, `sealed`, context 'evidence-filename'); no plaintext name column exists.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind').$type<TEvidenceKind>().notNull(),
    mime: text('mime').notNull(),
    receivedBytes: bigint('received_bytes', { mode: 'number' }).notNull(),
    storedBytes: bigint('stored_bytes', { mode: 'number' }).notNull(),
    receivedSha256: bytea('received_sha256').notNull(),
    storedSha256: bytea('stored_sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    keyId: text('key_id').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    sealed: bytea('sealed').notNull(),
    width: integer('width'),
    height: integer('height'),
    source: text('source').$type<TEvidenceSource>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_report_idx').on(t.reportId),
    check('evidence_kind_check', sql.raw(`kind IN (${list(EVIDENCE_KINDS)})`)),
    check('evidence_source_check', sql.raw(`source IN (${list(EVIDENCE_SOURCES)})`)),
  ],
);
