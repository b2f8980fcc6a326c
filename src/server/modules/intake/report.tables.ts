import { sql } from 'drizzle-orm';
import { boolean, char, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db/types.js';
import { cases } from '../cases/case.tables.js';
import { categories } from '../categories/category.tables.js';
import { reporterIdentities } from '../reporters/reporter.tables.js';

export const CHANNELS = ['web', 'email', 'hotline', 'partner'] as const;
export type TChannel = (typeof CHANNELS)[number];

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportNo: text('report_no').notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    channel: text('channel').$type<TChannel>().notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    description: text('description').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    targets: text('targets').array().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    regionCode: char('region_code', { length: 6 }),
    reporterIdentityId: uuid('reporter_identity_id').references(() => reporterIdentities.id),
    /** The reporter agreed to be contacted about progress (a flag; the contact itself is sealed). */
    contactConsent: boolean('contact_consent').notNull().default(false),
    language: text('language').notNull(),
    searchTokens: tsvector('search_tokens').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reports_case_idx').on(t.caseId),
    index('reports_submitted_brin').using('brin', t.submittedAt),
    index('reports_search_idx').using('gin', t.searchTokens),
    check('reports_channel_check', sql.raw(`channel IN (${CHANNELS.map((c) => `'${c}'`).join(', ')})`)),
    check('reports_language_check', sql`language IN ('zh-CN', 'en')`),
  ],
);
