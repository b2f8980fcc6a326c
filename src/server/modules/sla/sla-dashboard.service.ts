import { recordAudit } from '../../platform/audit/audit.js';
import { addWorkingDays, endOfDay, localDate, startOfDay } from '../../platform/calendar/calendar.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { NotificationService } from '../notifications/notification.service.js';
import { can, inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import {
  compliance,
  findSupervisionItem,
  listSupervisionItems,
  myDeadlines,
  resolveSupervisionItem,
} from './sla-dashboard.repository.js';

/** Working days ahead that count as "due soon" (the queue preset and the dashboard). */
export const DUE_SOON_WORKING_DAYS = 3;

/** The data of the console home per role: my deadlines; for supervisors SLA compliance and 督办 items. */
export function createSlaDashboard(deps: {
  db: Db;
  departments: DepartmentService;
  notifications: NotificationService;
  /** Used where the actor's department is unknown; otherwise the department's own zone applies. */
  timeZone: string;
  clock?: () => Date;
}) {
  const { db } = deps;
  const now = () => (deps.clock ? deps.clock() : new Date());

  async function zoneOf(departmentId: string | undefined): Promise<string> {
    const own = (await deps.departments.all()).find((d) => d.id === departmentId);
    return own?.timeZone ?? deps.timeZone;
  }

  /** The end of the third working day from `at` in the zone (of the viewer's department). */
  function dueSoonUntil(at: Date, timeZone = deps.timeZone): Date {
    return endOfDay(addWorkingDays(localDate(at, timeZone), DUE_SOON_WORKING_DAYS), timeZone);
  }

  function monthStart(at: Date, monthsBack: number, timeZone: string): Date {
    const [y, m] = localDate(at, timeZone).split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1));
    return startOfDay(d.toISOString().slice(0, 10), timeZone);
  }

  async function complianceOf(actor: TActor, from: Date, to: Date, at: Date) {
    const tree = await deps.departments.all();
    const rows = await compliance(db, actor.departmentPath, from, to, at);
    const byId = new Map(tree.map((d) => [d.id, d]));
    const total = rows.reduce((n, r) => n + r.total, 0);
    const onTime = rows.reduce((n, r) => n + r.onTime, 0);
    return {
      from,
      to,
      total,
      onTime,
      share: total ? onTime / total : null,
      rows: rows.map((r) => ({
        departmentCode: byId.get(r.departmentId)?.code ?? '',
        categoryCode: r.categoryCode,
        total: r.total,
        onTime: r.onTime,
        share: r.total ? r.onTime / r.total : null,
      })),
    };
  }

  return {
    dueSoonUntil,

    async home(actor: TActor) {
      const at = now();
      const tz = await zoneOf(actor.departmentId);
      const mine = await myDeadlines(db, actor.id, dueSoonUntil(at, tz), 100);
      const unread = await deps.notifications.unreadCount(actor.id);
      const base = {
        now: at,
        unreadNotifications: unread,
        overdue: mine.filter((r) => r.dueAt <= at),
        dueSoon: mine.filter((r) => r.dueAt > at),
      };
      if (!can(actor, 'case.assign')) return { ...base, supervisor: null };
      const thisMonth = monthStart(at, 0, tz);
      return {
        ...base,
        supervisor: {
          thisMonth: await complianceOf(actor, thisMonth, monthStart(at, -1, tz), at),
          lastMonth: await complianceOf(actor, monthStart(at, 1, tz), thisMonth, at),
          supervisionItems: await listSupervisionItems(db, actor.departmentPath, 'open', 100),
        },
      };
    },

    supervisionItems: (actor: TActor, state: 'open' | 'resolved' | 'all') =>
      listSupervisionItems(db, actor.departmentPath, state, 200),

    async resolveSupervision(actor: TActor, id: string, note: string) {
      const item = /^[0-9a-f-]{36}$/i.test(id) ? await findSupervisionItem(db, id) : undefined;
      if (!item || !inScope(actor, item.superiorPath)) throw new AppError('supervision_item_not_found', 404);
      if (!can(actor, 'case.assign', item.superiorPath)) throw new AppError('forbidden', 403);
      if (item.state !== 'open') throw new AppError('supervision_item_closed', 409);
      await db.transaction(async (tx) => {
        await resolveSupervisionItem(tx, id, actor.id, note);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'sla.supervision_resolved',
          subjectType: 'case',
          subjectId: item.caseId,
          reason: note,
          payload: { supervisionItemId: id },
        });
      });
    },
  };
}

export type SlaDashboard = ReturnType<typeof createSlaDashboard>;
