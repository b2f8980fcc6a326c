import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const TARGET_STATUSES = ['unverified', 'confirmed_harmful', 'cleared'] as const;
export type TTargetStatus = (typeof TARGET_STATUSES)[number];

/**
 * The target registry: one row per normalised target (`key` = `kind|normalised`). Written insert-only by intake
 * (no hot rows); report and case counts and last-seen come from `report_targets` (`registryView`).
 */
export const targets = pgTable(
  'targets',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    normalized: text('normalized').notNull(),
    status: text('status').$type<TTargetStatus>().notNull().default('unverified'),
    /** The target's known location (GB/T 2260), when staff know it; routing uses it. */
    regionCode: char('region_code', { length: 6 }),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('targets_status_check', sql`status IN ('unverified', 'confirmed_harmful', 'cleared')`)],
);

/** Targets of each report (as written, and whether derived, e.g. a URL's registrable domain). */
export const reportTargets = pgTable(
  'report_targets',
  {
    reportId: uuid('report_id').notNull(),
    targetKey: text('target_key').notNull(),
    /** The case the report was in when it was written (moves with merges and splits). */
    caseId: uuid('case_id').notNull(),
    value: text('value').notNull(),
    derived: boolean('derived').notNull().default(false),
    generic: boolean('generic').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.targetKey] }),
    index('report_targets_key_idx').on(t.targetKey),
  ],
);

/** Which non-generic targets each OPEN case holds: the clustering look-up by key (closed cases leave it; migration 0027). */
export const caseTargets = pgTable(
  'case_targets',
  {
    targetKey: text('target_key').notNull(),
    caseId: uuid('case_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetKey, t.caseId] }), index('case_targets_case_idx').on(t.caseId)],
);

/** The first (earliest submitted) report of each case: rewards go to its reporter. */
export const caseFirstReports = pgTable('case_first_reports', {
  caseId: uuid('case_id').primaryKey(),
  reportId: uuid('report_id').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

/** SimHash of each report's jieba tokens; `bands` (4 × 16 bits) find near-duplicates through a GIN index. */
export const reportFingerprints = pgTable(
  'report_fingerprints',
  {
    reportId: uuid('report_id').primaryKey(),
    simhash: bigint('simhash', { mode: 'bigint' }).notNull(),
    bands: integer('bands').array().notNull(),
  },
  (t) => [index('report_fingerprints_bands_idx').using('gin', t.bands)],
);

/** Editable lists (generic targets, tracking parameters, platform cues, category compatibility …). */
export const targetLists = pgTable(
  'target_lists',
  {
    list: text('list').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.list, t.value] })],
);

/** Staff merges of one case into another, kept so that a merge can be undone. */
export const caseMerges = pgTable(
  'case_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceCaseId: uuid('source_case_id').notNull(),
    targetCaseId: uuid('target_case_id').notNull(),
    reportIds: uuid('report_ids').array().notNull(),
    sourceState: text('source_state').notNull(),
    actorId: text('actor_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('case_merges_source_idx').on(t.sourceCaseId)],
);
