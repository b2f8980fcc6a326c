import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from '../cases/case.tables.js';
import { departments } from '../org/department.tables.js';

/** Stages of a case with a deadline of their own (reward steps come later). */
export const SLA_STAGES = ['acknowledgement', 'acceptance', 'handling', 'feedback', 'appeal_review'] as const;
export type TSlaStage = (typeof SLA_STAGES)[number];
export const SLA_UNITS = ['calendar_days', 'working_days', 'hours'] as const;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * Deadline rules as data. `department_id` NULL: the national defaults; a department's rule applies to it and
 * its subtree and may shorten an ancestor's rule, never lengthen it unless the ancestor's rule allows it.
 * A rule is never edited in place: a change retires the row and adds a new one, and cases keep the rule they
 * were opened with (a rule edit applies to new cases only).
 */
export const slaRules = pgTable(
  'sla_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').references(() => departments.id),
    stage: text('stage').$type<TSlaStage>().notNull(),
    /** NULL: any category / priority / channel. */
    categoryCode: text('category_code'),
    priority: text('priority'),
    channel: text('channel'),
    /** Applies only to cases opened by a trusted flagger's report (a partner marked trusted). */
    trustedFlagger: boolean('trusted_flagger').notNull().default(false),
    unit: text('unit').$type<(typeof SLA_UNITS)[number]>().notNull(),
    amount: integer('amount').notNull(),
    /** Departments below may set a longer period. */
    allowLonger: boolean('allow_longer').notNull().default(false),
    /** How many extensions a supervisor may grant, and the most days each may add. */
    extensionsAllowed: integer('extensions_allowed').notNull().default(0),
    extensionMaxDays: integer('extension_max_days').notNull().default(0),
    /** The legal or practical source (shown to staff). */
    source: text('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sla_rules_active_idx')
      .on(
        sql`COALESCE(${t.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
        t.stage,
        sql`COALESCE(${t.categoryCode}, '')`,
        sql`COALESCE(${t.priority}, '')`,
        sql`COALESCE(${t.channel}, '')`,
        t.trustedFlagger,
      )
      .where(sql`retired_at IS NULL`),
    check('sla_rules_stage_check', inList('stage', SLA_STAGES)),
    check('sla_rules_unit_check', inList('unit', SLA_UNITS)),
    check('sla_rules_amount_check', sql`amount BETWEEN 1 AND 3650`),
  ],
);

export const DEADLINE_STATUSES = ['pending', 'running', 'paused', 'met', 'cancelled'] as const;
export type TDeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * One row per case, stage and round (a reopened case runs appeal review and feedback again). The rule is
 * copied in when the case opens; `due_at` is set when the stage starts and moved only by pauses and
 * extensions. Reminder, overdue and supervision flags make each of those happen once.
 */
export const caseDeadlines = pgTable(
  'case_deadlines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    stage: text('stage').$type<TSlaStage>().notNull(),
    round: integer('round').notNull().default(1),
    ruleId: uuid('rule_id'),
    unit: text('unit').$type<(typeof SLA_UNITS)[number]>().notNull(),
    amount: integer('amount').notNull(),
    extensionsAllowed: integer('extensions_allowed').notNull().default(0),
    extensionMaxDays: integer('extension_max_days').notNull().default(0),
    status: text('status').$type<TDeadlineStatus>().notNull().default('pending'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    extensions: integer('extensions').notNull().default(0),
    reminder3At: timestamp('reminder3_at', { withTimezone: true }),
    reminder1At: timestamp('reminder1_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('case_deadlines_stage_idx').on(t.caseId, t.stage, t.round),
    index('case_deadlines_running_idx').on(t.dueAt).where(sql`status = 'running'`),
    index('case_deadlines_paused_idx').on(t.caseId).where(sql`status = 'paused'`),
    index('case_deadlines_met_idx').on(t.metAt),
    check('case_deadlines_stage_check', inList('stage', SLA_STAGES)),
    check('case_deadlines_status_check', inList('status', DEADLINE_STATUSES)),
  ],
);

/** A department's own closed days (local dates), on top of the national calendar; they apply to its subtree. */
export const slaClosures = pgTable(
  'sla_closures',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    day: date('day', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.day] })],
);

/** Supervision items (督办): an overdue stage escalated to the superior department, once per deadline. */
export const supervisionItems = pgTable(
  'supervision_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    deadlineId: bigint('deadline_id', { mode: 'number' })
      .notNull()
      .unique()
      .references(() => caseDeadlines.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    superiorDepartmentId: uuid('superior_department_id')
      .notNull()
      .references(() => departments.id),
    state: text('state').$type<'open' | 'resolved'>().notNull().default('open'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
  },
  (t) => [
    index('supervision_items_superior_idx').on(t.superiorDepartmentId, t.state),
    check('supervision_items_state_check', sql`state IN ('open', 'resolved')`),
  ],
);

/** Cases whose deadlines are still to be computed: filled by a trigger on `cases`, drained by a job. */
export const slaPendingCases = pgTable('sla_pending_cases', {
  caseId: uuid('case_id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
