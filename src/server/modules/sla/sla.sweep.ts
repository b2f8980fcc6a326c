import { localDate, type TDate, workingDaysBetween } from '../../platform/calendar/calendar.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import type { CaseService } from '../cases/case.service.js';
import type { NotificationService } from '../notifications/notification.service.js';
import type { DepartmentService } from '../org/department.service.js';
import type { SlaService } from './sla.service.js';
import {
  insertSupervisionItem,
  stampDeadline,
  type TSweepRow,
  takeForSweep,
} from './sla-sweep.repository.js';

type TCalendar = { closed: ReadonlySet<TDate>; timeZone: string };

export interface TSweepResult {
  reminders: number;
  overdue: number;
  supervision: number;
}

/**
 * The periodic deadline sweep: reminders 3 and 1 working days before a deadline, the overdue flag (the
 * department's supervisors are told), and after `graceWorkingDays` a supervision item (督办) for the superior
 * department. Each happens once per deadline: the row is locked and stamped in the same transaction as the
 * notification, and notifications are deduplicated by key as well.
 */
export function createSlaSweep(deps: {
  db: Db;
  sla: SlaService;
  cases: CaseService;
  departments: DepartmentService;
  notifications: NotificationService;
  graceWorkingDays: number;
  batch?: number;
}) {
  const { db } = deps;
  const batch = deps.batch ?? 500;

  /** The department's closed days and time zone (working days are counted in its local dates). */
  async function calendarFor(cache: Map<string, TCalendar>, departmentId: string) {
    let cal = cache.get(departmentId);
    if (!cal) {
      cal = await deps.sla.calendarOf(departmentId);
      cache.set(departmentId, cal);
    }
    return cal;
  }

  async function recipients(tx: DbOrTx, r: TSweepRow): Promise<string[]> {
    return r.assigneeId ? [r.assigneeId] : deps.notifications.supervisorsOf(tx, r.departmentId);
  }

  const params = (r: TSweepRow, extra: Record<string, string> = {}) => ({
    caseNo: r.caseNo,
    stage: r.stage,
    dueAt: r.dueAt?.toISOString() ?? '',
    ...extra,
  });

  async function reminders(now: Date): Promise<number> {
    const cache = new Map<string, TCalendar>();
    return db.transaction(async (tx) => {
      let sent = 0;
      for (const r of await takeForSweep(tx, 'reminder', now, batch)) {
        if (!r.dueAt || !r.startedAt) continue;
        const { closed, timeZone } = await calendarFor(cache, r.departmentId);
        const today = localDate(now, timeZone);
        const dueDate = localDate(new Date(r.dueAt.getTime() - 1), timeZone);
        const left = workingDaysBetween(today, dueDate, closed);
        const atStart = workingDaysBetween(localDate(r.startedAt, timeZone), dueDate, closed);
        for (const days of [1, 3] as const) {
          const field = days === 1 ? 'reminder1_at' : 'reminder3_at';
          const done = days === 1 ? r.reminder1At : r.reminder3At;
          if (done || left > days) continue;
          await stampDeadline(tx, r.id, field, now);
          // A deadline that started with this little time left gets no "approaching" reminder for it.
          if (atStart <= days) continue;
          sent += await deps.notifications.notify(tx, {
            staffIds: await recipients(tx, r),
            kind: 'sla_reminder',
            caseId: r.caseId,
            params: params(r, { days: String(days) }),
            dedupKey: `reminder${days}:${r.id}:${r.dueAt.toISOString()}`,
          });
          break;
        }
      }
      return sent;
    });
  }

  async function overdue(now: Date): Promise<number> {
    return db.transaction(async (tx) => {
      const rows = await takeForSweep(tx, 'overdue', now, batch);
      for (const r of rows) {
        await stampDeadline(tx, r.id, 'overdue_at', now);
        await deps.cases.recordEvent(tx, r.caseId, {
          type: 'sla_overdue',
          actorType: 'system',
          payload: { stage: r.stage, dueAt: r.dueAt?.toISOString() },
          public: false,
        });
        const supervisors = await deps.notifications.supervisorsOf(tx, r.departmentId);
        await deps.notifications.notify(tx, {
          staffIds: [...new Set([...supervisors, ...(r.assigneeId ? [r.assigneeId] : [])])],
          kind: 'sla_overdue',
          caseId: r.caseId,
          params: params(r),
          dedupKey: `overdue:${r.id}`,
        });
      }
      return rows.length;
    });
  }

  async function escalate(now: Date): Promise<number> {
    const tree = await deps.departments.all();
    const cache = new Map<string, TCalendar>();
    return db.transaction(async (tx) => {
      let opened = 0;
      for (const r of await takeForSweep(tx, 'escalation', now, batch)) {
        if (!r.overdueAt) continue;
        const { closed, timeZone } = await calendarFor(cache, r.departmentId);
        const waited = workingDaysBetween(localDate(r.overdueAt, timeZone), localDate(now, timeZone), closed);
        if (waited < deps.graceWorkingDays) continue;
        await stampDeadline(tx, r.id, 'escalated_at', now);
        const superiorId = tree.find((d) => d.id === r.departmentId)?.parentId;
        if (!superiorId) continue;
        const itemId = await insertSupervisionItem(tx, {
          caseId: r.caseId,
          deadlineId: r.id,
          departmentId: r.departmentId,
          superiorDepartmentId: superiorId,
          at: now,
        });
        if (!itemId) continue;
        opened += 1;
        await deps.cases.recordEvent(tx, r.caseId, {
          type: 'sla_supervision_opened',
          actorType: 'system',
          payload: { stage: r.stage, supervisionItemId: itemId, superiorDepartmentId: superiorId },
          public: false,
        });
        await deps.notifications.notify(tx, {
          staffIds: await deps.notifications.supervisorsOf(tx, superiorId),
          kind: 'supervision_opened',
          caseId: r.caseId,
          params: params(r),
          dedupKey: `supervision:${r.id}`,
        });
      }
      return opened;
    });
  }

  return {
    /** One pass (the cron task runs it every few minutes; tests pass a fake clock). */
    async run(now: Date = new Date()): Promise<TSweepResult> {
      await deps.sla.resumeAnswered();
      const result = { reminders: await reminders(now), overdue: await overdue(now), supervision: 0 };
      result.supervision = await escalate(now);
      return result;
    },
  };
}

export type SlaSweep = ReturnType<typeof createSlaSweep>;
