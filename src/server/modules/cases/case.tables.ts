import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categories, type TPriority } from '../categories/category.tables.js';
import { departments } from '../org/department.tables.js';

export const CASE_STATES = [
  'received',
  'accepted',
  'not_accepted',
  'merged',
  'verifying',
  'awaiting_info',
  'decided',
  'actioned',
  'closed',
  'reopened',
] as const;
export type TCaseState = (typeof CASE_STATES)[number];

export const CASE_OUTCOMES = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export type TCaseOutcome = (typeof CASE_OUTCOMES)[number];

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNo: text('case_no').notNull().unique(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    priority: text('priority').$type<TPriority>().notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    /** The staff member holding the case; staff accounts arrive with the org/staff work. */
    assigneeId: uuid('assignee_id'),
    state: text('state').$type<TCaseState>().notNull().default('received'),
    /** The decision's outcome, once decided. */
    outcome: text('outcome').$type<TCaseOutcome>(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When retention removed the reporters' identities and evidence (the anonymised case stays). */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Staff queues read each department newest first and stop after a page (case-queue.repository.ts):
    // all cases, open cases only (the states of OPEN_STATES in case.states.ts), and all departments at once.
    index('cases_department_opened_idx').on(t.departmentId, t.openedAt, t.id),
    index('cases_open_department_opened_idx')
      .on(t.departmentId, t.openedAt, t.id)
      .where(
        sql`state IN ('received', 'accepted', 'verifying', 'awaiting_info', 'decided', 'actioned', 'reopened')`,
      ),
    index('cases_opened_idx').on(t.openedAt, t.id),
    check('cases_state_check', sql.raw(`state IN (${CASE_STATES.map((s) => `'${s}'`).join(', ')})`)),
    check('cases_priority_check', sql`priority IN ('urgent', 'high', 'normal', 'low')`),
  ],
);

export type TActorType = 'reporter' | 'staff' | 'system' | 'partner';

/** The append-only case timeline (a trigger refuses UPDATE and DELETE). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    type: text('type').notNull(),
    actorType: text('actor_type').$type<TActorType>().notNull(),
    actorId: text('actor_id'),
    /** Never holds reporter PII. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** Shown to the reporter on the public timeline. */
    public: boolean('public').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    check('case_events_actor_type_check', sql`actor_type IN ('reporter', 'staff', 'system', 'partner')`),
  ],
);
