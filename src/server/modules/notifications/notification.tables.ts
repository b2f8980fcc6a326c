import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { reports } from '../intake/report.tables.js';

/** Console notifications for staff (with unread state); `dedup_key` makes each one happen once. */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    staffId: uuid('staff_id').notNull(),
    kind: text('kind').notNull(),
    caseId: uuid('case_id'),
    /** Case number, stage, due time: never reporter PII. */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    dedupKey: text('dedup_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_notifications_dedup_idx').on(t.staffId, t.dedupKey),
    index('staff_notifications_unread_idx').on(t.staffId, t.id).where(sql`read_at IS NULL`),
  ],
);

export const EMAIL_MODES = ['off', 'immediate', 'digest'] as const;
export type TEmailMode = (typeof EMAIL_MODES)[number];

/** Per staff member: where and how notification e-mail goes (default: none). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    staffId: uuid('staff_id').primaryKey(),
    email: text('email'),
    emailMode: text('email_mode').$type<TEmailMode>().notNull().default('off'),
    language: text('language').notNull().default('zh-CN'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (_t) => [
    check('notification_preferences_mode_check', sql`email_mode IN ('off', 'immediate', 'digest')`),
    check('notification_preferences_language_check', sql`language IN ('zh-CN', 'en')`),
  ],
);

/** Admin-edited texts of messages to reporters; the shipped defaults apply where no row exists. */
export const notificationTemplates = pgTable(
  'notification_templates',
  {
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    channel: text('channel').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.language, t.channel] }),
    check('notification_templates_channel_check', sql`channel IN ('email', 'sms')`),
  ],
);

/** What was sent to a reporter (no address, no text): each kind of notice once per report and reference. */
export const reporterNotices = pgTable(
  'reporter_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind').notNull(),
    /** The case event the notice is about (or '' for the acknowledgement). */
    ref: text('ref').notNull().default(''),
    channel: text('channel'),
    status: text('status').$type<'sent' | 'skipped'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reporter_notices_once_idx').on(t.reportId, t.kind, t.ref)],
);

/**
 * How far the acknowledgement scan has come (one row): reports submitted before `at` have been looked at.
 * The scan acknowledges every consenting report — those that opened a case and those that joined one —
 * without any write in the intake statement (see reporter-notice.service.ts#acknowledgeNew).
 */
export const reporterAckCursor = pgTable(
  'reporter_ack_cursor',
  {
    id: text('id').primaryKey().default('acknowledgement'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (_t) => [check('reporter_ack_cursor_one_row', sql`id = 'acknowledgement'`)],
);
