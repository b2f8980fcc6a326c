import { recordAudit } from '../../platform/audit/audit.js';
import {
  addDays,
  addWorkingDays,
  computeDue,
  endOfDay,
  localDate,
  nextWorkingDay,
  resumeDue,
  type TDate,
  type TSlaUnit,
} from '../../platform/calendar/calendar.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { CaseService } from '../cases/case.service.js';
import type { ReporterNotices } from '../notifications/reporter-notice.service.js';
import { can, inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import {
  findCaseForSla,
  insertDeadlines,
  insertDefaultRules,
  listClosures,
  listDeadlines,
  listRulesAt,
  type TCaseForSla,
  type TDeadlineRow,
  type TNewDeadline,
  takePendingCases,
  updateDeadline,
} from './sla.repository.js';
import { effectiveRule, matchOf } from './sla.rules.js';
import { SLA_RULE_SEED } from './sla.seed.js';
import { SLA_STAGES, type TSlaStage } from './sla.tables.js';

/** What the case workflow tells the deadline engine, inside its own transaction. */
export interface TCaseChange {
  caseId: string;
  action: string;
  from: string;
  to: string;
  actorId: string;
}

/** Stages started when the case opens; the others start with the workflow. */
const STARTS_AT_OPEN: readonly TSlaStage[] = ['acknowledgement', 'acceptance'];

export function seedSlaRules(db: DbOrTx): Promise<number> {
  return insertDefaultRules(db, SLA_RULE_SEED);
}

/** Extends a due time by `amount` of the rule's unit (calendar days end on a working day, as periods do). */
export function extendDue(due: Date, unit: TSlaUnit, amount: number, tz: string, closed: ReadonlySet<TDate>) {
  if (unit === 'hours') return new Date(due.getTime() + amount * 3_600_000);
  const dueDate = localDate(new Date(due.getTime() - 1), tz);
  if (unit === 'working_days') return endOfDay(addWorkingDays(dueDate, amount, closed), tz);
  return endOfDay(nextWorkingDay(addDays(dueDate, amount), closed), tz);
}

export function createSlaService(deps: {
  db: Db;
  departments: DepartmentService;
  cases: CaseService;
  timeZone: string;
  /** Queues the reporter's acknowledgement with the deadlines (when they agreed to be contacted). */
  notices?: Pick<ReporterNotices, 'queueForCase'>;
  clock?: () => Date;
}) {
  const { db, timeZone } = deps;
  const now = () => (deps.clock ? deps.clock() : new Date());

  /** Department ids from the root down to the department, and the closed days of all of them. */
  async function calendarOf(tx: DbOrTx, departmentId: string) {
    const tree = await deps.departments.all();
    const own = tree.find((d) => d.id === departmentId);
    const chain = own
      ? tree
          .filter((d) => inScope({ departmentPath: d.path }, own.path))
          .sort((a, b) => a.path.length - b.path.length)
      : [];
    const closures = await listClosures(
      tx,
      chain.map((d) => d.id),
    );
    return {
      chain: chain.map((d) => d.id),
      parentId: own?.parentId ?? null,
      closed: new Set(closures.map((c) => c.day)),
    };
  }

  async function openDeadlines(tx: DbOrTx, c: TCaseForSla): Promise<number> {
    const rules = await listRulesAt(tx, c.openedAt);
    const { chain, closed } = await calendarOf(tx, c.departmentId);
    const rows: TNewDeadline[] = [];
    for (const stage of SLA_STAGES) {
      const rule = effectiveRule({
        rules,
        stage,
        match: matchOf(c),
        chain,
        start: c.openedAt,
        timeZone,
        closed,
      });
      if (!rule) continue;
      const starts = STARTS_AT_OPEN.includes(stage);
      rows.push({
        caseId: c.id,
        stage,
        round: 1,
        ruleId: rule.id,
        unit: rule.unit,
        amount: rule.amount,
        extensionsAllowed: rule.extensionsAllowed,
        extensionMaxDays: rule.extensionMaxDays,
        status: starts ? 'running' : 'pending',
        startedAt: starts ? c.openedAt : null,
        dueAt: starts
          ? computeDue({ start: c.openedAt, unit: rule.unit, amount: rule.amount, timeZone, closed })
          : null,
      });
    }
    await insertDeadlines(tx, rows);
    return rows.length;
  }

  async function startStage(
    tx: DbOrTx,
    rows: TDeadlineRow[],
    stage: TSlaStage,
    at: Date,
    closed: Set<TDate>,
  ) {
    const pending = rows.find((r) => r.stage === stage && r.status === 'pending');
    const due = (r: Pick<TDeadlineRow, 'unit' | 'amount'>) =>
      computeDue({ start: at, unit: r.unit, amount: r.amount, timeZone, closed });
    if (pending) {
      await updateDeadline(tx, pending.id, { status: 'running', startedAt: at, dueAt: due(pending) });
      return;
    }
    const last = rows.filter((r) => r.stage === stage).sort((a, b) => b.round - a.round)[0];
    if (!last || last.status === 'running' || last.status === 'paused') return;
    await insertDeadlines(tx, [
      { ...last, round: last.round + 1, status: 'running', startedAt: at, dueAt: due(last) },
    ]);
  }

  async function finish(tx: DbOrTx, rows: TDeadlineRow[], stages: TSlaStage[], at: Date, cancel = false) {
    for (const r of rows) {
      if (!stages.includes(r.stage)) continue;
      if (r.status === 'running' || r.status === 'paused') {
        await updateDeadline(tx, r.id, { status: 'met', metAt: at });
      } else if (cancel && r.status === 'pending') {
        await updateDeadline(tx, r.id, { status: 'cancelled' });
      }
    }
  }

  return {
    /** Computes deadlines for newly opened cases (queued by the trigger on `cases`); returns how many cases. */
    async openPending(limit = 200): Promise<number> {
      return db.transaction(async (tx) => {
        const taken = await takePendingCases(tx, limit);
        for (const c of taken) {
          await openDeadlines(tx, c);
          await deps.notices?.queueForCase(tx, c.id, { kind: 'acknowledgement', ref: '', params: {} });
        }
        return taken.length;
      });
    },

    /** Moves the clock with the workflow: start, stop, pause and resume stages (called in its transaction). */
    async onCaseChange(tx: DbOrTx, change: TCaseChange): Promise<void> {
      const rows = await listDeadlines(tx, change.caseId, true);
      if (rows.length === 0) return;
      const at = now();
      const c = await findCaseForSla(tx, change.caseId);
      if (!c) return;
      const { closed } = await calendarOf(tx, c.departmentId);
      const paused: { stage: string; dueAt: string | undefined }[] = [];
      switch (change.action) {
        case 'claim':
        case 'assign':
          await finish(tx, rows, ['acknowledgement'], at);
          return;
        case 'accept':
          await finish(tx, rows, ['acknowledgement', 'acceptance'], at);
          await startStage(tx, rows, 'handling', at, closed);
          return;
        case 'not_accept':
          await finish(tx, rows, ['acknowledgement', 'acceptance'], at);
          await finish(tx, rows, ['handling', 'feedback'], at, true);
          return;
        case 'request_info':
          for (const r of rows.filter((x) => x.status === 'running')) {
            await updateDeadline(tx, r.id, { status: 'paused', pausedAt: at });
            paused.push({ stage: r.stage, dueAt: r.dueAt?.toISOString() });
          }
          if (paused.length)
            await deps.cases.recordEvent(tx, c.id, {
              type: 'sla_paused',
              actorType: 'system',
              payload: { stages: paused },
              public: false,
            });
          return;
        case 'resume_verification': {
          const resumed: { stage: string; dueAt: string }[] = [];
          for (const r of rows.filter((x) => x.status === 'paused' && x.pausedAt && x.dueAt)) {
            const dueAt = resumeDue({
              due: r.dueAt as Date,
              pausedAt: r.pausedAt as Date,
              resumedAt: at,
              unit: r.unit,
              timeZone,
              closed,
            });
            await updateDeadline(tx, r.id, {
              status: 'running',
              pausedAt: null,
              dueAt,
              resetReminders: true,
            });
            resumed.push({ stage: r.stage, dueAt: dueAt.toISOString() });
          }
          if (resumed.length)
            await deps.cases.recordEvent(tx, c.id, {
              type: 'sla_resumed',
              actorType: 'system',
              payload: { stages: resumed },
              public: false,
            });
          return;
        }
        case 'decide':
          await finish(tx, rows, ['handling', 'appeal_review'], at);
          await startStage(tx, rows, 'feedback', at, closed);
          return;
        case 'close':
          await finish(
            tx,
            rows,
            ['acknowledgement', 'acceptance', 'handling', 'feedback', 'appeal_review'],
            at,
          );
          return;
        case 'reopen':
          await startStage(tx, rows, 'appeal_review', at, closed);
          return;
        default:
          return;
      }
    },

    /** The case's deadlines for the case page: due time, time left (negative: overdue), who is on the hook. */
    async forCase(caseId: string) {
      const rows = await listDeadlines(db, caseId);
      const c = await findCaseForSla(db, caseId);
      const t = now().getTime();
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
    },

    /**
     * Extends the handling deadline once (per the rule) by up to its maximum, with a supervisor's approval and
     * a reason that is told to the reporter.
     */
    async extend(
      actor: TActor,
      c: { id: string; departmentPath: string; state: string },
      input: { days: number; reason: string },
      tellReporter: (tx: DbOrTx, reason: string, dueAt: Date) => Promise<void>,
    ) {
      if (!can(actor, 'case.assign', c.departmentPath)) throw new AppError('forbidden', 403);
      return db.transaction(async (tx) => {
        const rows = await listDeadlines(tx, c.id, true);
        const r = rows.find(
          (x) => x.stage === 'handling' && (x.status === 'running' || x.status === 'paused'),
        );
        if (!r || !r.dueAt) throw new AppError('sla_nothing_to_extend', 409);
        if (r.extensions >= r.extensionsAllowed) throw new AppError('sla_extension_used', 409);
        if (input.days > r.extensionMaxDays)
          throw new AppError('sla_extension_too_long', 409, { max: r.extensionMaxDays });
        const kase = await findCaseForSla(tx, c.id);
        const { closed } = await calendarOf(tx, kase?.departmentId ?? '');
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
        await tellReporter(tx, input.reason, dueAt);
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
    },

    calendarOf: (departmentId: string) => calendarOf(db, departmentId),
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
