import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from '../intake/report.tables.js';
import { cases } from './case.tables.js';

export type TMessageDirection = 'to_handler' | 'to_reporter';

/**
 * Correspondence between a reporter (through the receipt session) and the case handlers. Each message belongs
 * to one report of the case: a reporter sees only the messages of their own report. Staff names never leave
 * this table towards the reporter; `author_id` is the staff account id (null for the reporter).
 */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    direction: text('direction').$type<TMessageDirection>().notNull(),
    authorType: text('author_type').$type<'reporter' | 'staff'>().notNull(),
    authorId: uuid('author_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_messages_case_idx').on(t.caseId, t.id),
    index('case_messages_report_idx').on(t.reportId, t.id),
    check('case_messages_direction_check', sql`direction IN ('to_handler', 'to_reporter')`),
    check('case_messages_author_type_check', sql`author_type IN ('reporter', 'staff')`),
    check('case_messages_body_check', sql`length(body) BETWEEN 1 AND 5000`),
  ],
);

/** What a reporter added after submitting: more details and/or answers to the category questionnaire. */
export const reportSupplements = pgTable(
  'report_supplements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    details: text('details'),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('report_supplements_report_idx').on(t.reportId, t.id),
    index('report_supplements_case_idx').on(t.caseId, t.id),
    check('report_supplements_not_empty', sql`details IS NOT NULL OR answers IS NOT NULL`),
  ],
);
