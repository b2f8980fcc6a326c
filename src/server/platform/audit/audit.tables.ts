import { bigint, bigserial, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../db/types.js';

/**
 * The tamper-evident audit log: several independent hash chains (striped so concurrent transactions do not
 * queue on one chain head). In each chain, hash = SHA-256(prev_hash ‖ canonical JSON of the entry).
 * A trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    chain: smallint('chain').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    reason: text('reason'),
    /** Never reporter PII. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    // Entries arrive in time order: a BRIN index serves time-range searches at a fraction of a B-tree's cost.
    index('audit_log_at_brin').using('brin', t.at),
  ],
);

/** The current head of each chain: the hash the next entry links to, and how many entries it holds. */
export const auditHeads = pgTable('audit_heads', {
  chain: smallint('chain').primaryKey(),
  hash: bytea('hash').notNull(),
  entries: bigint('entries', { mode: 'number' }).notNull().default(0),
});
