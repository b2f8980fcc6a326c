import { recordAudit } from '../../platform/audit/audit.js';
import {
  addDays,
  addWorkingDays,
  endOfDay,
  localDate,
  nextWorkingDay,
  type TDate,
  type TSlaUnit,
} from '../../platform/calendar/calendar.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { CaseService } from '../cases/case.service.js';
import { can, type TActor } from '../org/access.policy.js';
import {
  findCaseForSla,
  listDeadlines,
  type TCaseForSla,
  type TDeadlineRow,
  updateDeadline,
} from './sla.repository.js';

/** Extends a due time by `amount` of the unit (calendar days end on a working day, as periods do). */
export function extendDue(due: Date, unit: TSlaUnit, amount: number, tz: string, closed: ReadonlySet<TDate>) {
  if (unit === 'hours') return new Date(due.getTime() + amount * 3_600_000);
  const dueDate = localDate(new Date(due.getTime() - 1), tz);
  if (unit === 'working_days') return endOfDay(addWorkingDays(dueDate, amount, closed), tz);
  return endOfDay(nextWorkingDay(addDays(dueDate, amount), closed), tz);
}

/**
 * Extends the handling deadline once (as often as the rule allows) by up to the rule's maximum, approved by a
 * supervisor (`case.assign` on the case), with a reason that is told to the reporter; on the public timeline.
 */
export async function extendHandling(
  deps: {
    db: Db;
    cases: CaseService;
    /** The department's closed days and time zone. */
    calendarOf: (tx: DbOrTx, departmentId: string) => Promise<{ closed: Set<TDate>; timeZone: string }>;
  },
  actor: TActor,
  c: { id: string; departmentPath: string; state: string },
  input: { days: number; reason: string },
  tellReporter: (tx: DbOrTx, reason: string, dueAt: Date, timeZone: string) => Promise<void>,
) {
  const { db, calendarOf } = deps;
  if (!can(actor, 'case.assign', c.departmentPath)) throw new AppError('forbidden', 403);
  return db.transaction(async (tx) => {
    const rows = await listDeadlines(tx, c.id, true);
    const r = rows.find((x) => x.stage === 'handling' && (x.status === 'running' || x.status === 'paused'));
    if (!r?.dueAt) throw new AppError('sla_nothing_to_extend', 409);
    if (r.extensions >= r.extensionsAllowed) throw new AppError('sla_extension_used', 409);
    if (input.days > r.extensionMaxDays)
      throw new AppError('sla_extension_too_long', 409, { max: r.extensionMaxDays });
    const kase = await findCaseForSla(tx, c.id);
    const { closed, timeZone } = await calendarOf(tx, kase?.departmentId ?? '');
    const unit = r.unit === 'hours' ? 'hours' : 'calendar_days';
    const amount = r.unit === 'hours' ? input.days * 24 : input.days;
    const dueAt = extendDue(r.dueAt, unit, amount, timeZone, closed);
    await updateDeadline(tx, r.id, { dueAt, extensions: r.extensions + 1, resetReminders: true });
    await deps.cases.recordEvent(tx, c.id, {
      type: 'deadline_extended',
      actorType: 'staff',
      actorId: actor.id,
      payload: {
        stage: r.stage,
        days: input.days,
        previousDueAt: r.dueAt.toISOString(),
        dueAt: dueAt.toISOString(),
      },
      public: true,
    });
    await tellReporter(tx, input.reason, dueAt, timeZone);
    await recordAudit(tx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'case.deadline_extended',
      subjectType: 'case',
      subjectId: c.id,
      reason: input.reason,
      payload: { stage: r.stage, days: input.days, dueAt: dueAt.toISOString() },
    });
    return { stage: r.stage, previousDueAt: r.dueAt, dueAt };
  });
}

/** A case's deadlines as the case page shows them: time left while running, overdue, who is on the hook. */
export function deadlineView(rows: TDeadlineRow[], c: TCaseForSla | undefined, at: Date) {
  const t = at.getTime();
  return rows.map((r) => ({
    id: r.id,
    stage: r.stage,
    round: r.round,
    status: r.status,
    unit: r.unit,
    amount: r.amount,
    startedAt: r.startedAt,
    dueAt: r.dueAt,
    metAt: r.metAt,
    pausedAt: r.pausedAt,
    extensions: r.extensions,
    extensionsAllowed: r.extensionsAllowed,
    extensionMaxDays: r.extensionMaxDays,
    msLeft: r.dueAt && r.status === 'running' ? r.dueAt.getTime() - t : null,
    overdue:
      r.dueAt !== null &&
      (r.status === 'running' ? r.dueAt.getTime() < t : r.metAt ? r.metAt > r.dueAt : false),
    onTheHook: c ? { assigneeId: c.assigneeId, departmentId: c.departmentId } : null,
  }));
}
