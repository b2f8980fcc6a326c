import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './case.tables.js';

/** Internal notes: staff only, never shown to the reporter (messages to the reporter are case_messages). */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_notes_case_idx').on(t.caseId, t.id),
    check('case_notes_body_check', sql`length(body) BETWEEN 1 AND 10000`),
  ],
);

/**
 * Departments a case has been with besides its owner: after a transfer (转办) the previous department keeps
 * read access and sees the outcome.
 */
export const caseDepartments = pgTable(
  'case_departments',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    departmentId: uuid('department_id').notNull(),
    relation: text('relation').$type<'previous'>().notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    /** The case's `opened_at`, copied so a department's earlier cases are read newest-first from one index. */
    caseOpenedAt: timestamp('case_opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.departmentId, t.relation] }),
    index('case_departments_department_opened_idx').on(t.departmentId, t.caseOpenedAt, t.caseId),
    check('case_departments_relation_check', sql`relation IN ('previous')`),
  ],
);
