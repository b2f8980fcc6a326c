import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from '../intake/report.tables.js';

export type TRevealStatus = 'pending' | 'approved' | 'rejected' | 'used';

/**
 * Requests to see a reporter's identity where the department requires a second person to approve. The reason
 * is the requester's own words; nothing here holds the identity.
 */
export const revealRequests = pgTable(
  'reveal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    caseId: uuid('case_id').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<TRevealStatus>().notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** An approval is good for a short time and one reveal. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('reveal_requests_case_idx').on(t.caseId),
    index('reveal_requests_pending_idx').on(t.status, t.createdAt),
    check('reveal_requests_status_check', sql`status IN ('pending', 'approved', 'rejected', 'used')`),
  ],
);
