import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { insertCaseEvent } from './case.repository.js';
import {
  insertMessage,
  insertSupplement,
  listMessagesOfCase,
  listMessagesOfReport,
  listSupplementsOfCase,
  listSupplementsOfReport,
  type TMessageRow,
  type TSupplementRow,
} from './followup.repository.js';
import type { TMessageDirection } from './followup.tables.js';

/**
 * Follow-up on a case after intake: messages between the reporter and the handlers, and the reporter's
 * supplements. Every write is one transaction: the row, a case timeline event and an audit entry. Audit
 * payloads and events carry ids and sizes, never the text.
 */

export interface TReporterMessageView {
  direction: TMessageDirection;
  body: string;
  at: Date;
}

export interface TSupplementView {
  details: string | null;
  answers: Record<string, unknown> | null;
  at: Date;
}

/** A handler's reply to the reporter of one report of the case (what the staff console calls). */
export async function replyToReporter(
  db: Db,
  input: { caseId: string; reportId: string; staffId: string; body: string },
): Promise<{ messageId: number }> {
  const body = input.body.trim();
  if (body.length < 1 || body.length > 5000) {
    throw new AppError('message_body_invalid', 400, { maximum: 5000 });
  }
  return db.transaction(async (tx) => {
    const messageId = await insertMessage(tx, {
      caseId: input.caseId,
      reportId: input.reportId,
      direction: 'to_reporter',
      authorType: 'staff',
      authorId: input.staffId,
      body,
    });
    if (messageId === undefined) throw new AppError('case_not_found', 404);
    await insertCaseEvent(tx, {
      caseId: input.caseId,
      type: 'handler_reply',
      actorType: 'staff',
      actorId: input.staffId,
      payload: { reportId: input.reportId, messageId },
      public: true,
    });
    await recordAudit(tx, {
      actorType: 'staff',
      actorId: input.staffId,
      action: 'case.reply_to_reporter',
      subjectType: 'case',
      subjectId: input.caseId,
      payload: { reportId: input.reportId, messageId, length: body.length },
    });
    return { messageId };
  });
}

/** A reporter's message to the handlers (through the receipt session). */
export async function addReporterMessage(
  db: Db,
  input: { caseId: string; reportId: string; body: string },
): Promise<{ messageId: number }> {
  return db.transaction(async (tx) => {
    const messageId = await insertMessage(tx, {
      caseId: input.caseId,
      reportId: input.reportId,
      direction: 'to_handler',
      authorType: 'reporter',
      authorId: null,
      body: input.body,
    });
    if (messageId === undefined) throw new AppError('case_not_found', 404);
    await insertCaseEvent(tx, {
      caseId: input.caseId,
      type: 'reporter_message',
      actorType: 'reporter',
      payload: { reportId: input.reportId, messageId },
      public: true,
    });
    await recordAudit(tx, {
      actorType: 'reporter',
      action: 'case.message_from_reporter',
      subjectType: 'case',
      subjectId: input.caseId,
      payload: { reportId: input.reportId, messageId, length: input.body.length },
    });
    return { messageId };
  });
}

/** More details and/or questionnaire answers from the reporter (already validated by the caller). */
export async function addSupplement(
  db: Db,
  input: {
    caseId: string;
    reportId: string;
    details?: string | undefined;
    answers?: Record<string, unknown> | undefined;
  },
): Promise<{ supplementId: number }> {
  return db.transaction(async (tx) => {
    const supplementId = await insertSupplement(tx, {
      caseId: input.caseId,
      reportId: input.reportId,
      details: input.details ?? null,
      answers: input.answers ?? null,
    });
    const answered = Object.keys(input.answers ?? {}).sort();
    await insertCaseEvent(tx, {
      caseId: input.caseId,
      type: 'reporter_supplement',
      actorType: 'reporter',
      payload: { reportId: input.reportId, supplementId, answered },
      public: true,
    });
    await recordAudit(tx, {
      actorType: 'reporter',
      action: 'report.supplemented',
      subjectType: 'report',
      subjectId: input.reportId,
      payload: { caseId: input.caseId, supplementId, detailsLength: input.details?.length ?? 0, answered },
    });
    return { supplementId };
  });
}

const messageView = (m: TMessageRow): TReporterMessageView => ({
  direction: m.direction,
  body: m.body,
  at: m.createdAt,
});
const supplementView = (s: TSupplementRow): TSupplementView => ({
  details: s.details,
  answers: s.answers,
  at: s.createdAt,
});

/** What the reporter of one report sees: its messages (both directions, no staff identity) and supplements. */
export async function reporterFollowUp(db: Db, reportId: string) {
  const [messages, supplements] = await Promise.all([
    listMessagesOfReport(db, reportId),
    listSupplementsOfReport(db, reportId),
  ]);
  return { messages: messages.map(messageView), supplements: supplements.map(supplementView) };
}

/** Every message of a case, for staff (with author and report). */
export async function caseMessagesForStaff(db: Db, caseId: string) {
  const rows = await listMessagesOfCase(db, caseId);
  return rows.map((m) => ({
    id: m.id,
    reportId: m.reportId,
    direction: m.direction,
    authorType: m.authorType,
    authorId: m.authorId,
    body: m.body,
    at: m.createdAt,
  }));
}

/** Every supplement of a case, for staff. */
export async function caseSupplementsForStaff(db: Db, caseId: string) {
  const rows = await listSupplementsOfCase(db, caseId);
  return rows.map((s) => ({ id: s.id, reportId: s.reportId, ...supplementView(s) }));
}
