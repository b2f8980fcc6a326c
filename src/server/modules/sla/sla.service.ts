import { computeDue, resumeDue, type TDate } from '../../platform/calendar/calendar.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import type { CaseService } from '../cases/case.service.js';
import type { ReporterNotices } from '../notifications/reporter-notice.service.js';
import { inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import {
  findCaseForSla,
  firstAnswerAfter,
  insertDeadlines,
  insertDefaultRules,
  listClosures,
  listDeadlines,
  listRulesAt,
  pausedWithAnswer,
  type TCaseForSla,
  type TDeadlineRow,
  type TNewDeadline,
  takePendingCases,
  updateDeadline,
} from './sla.repository.js';
import { effectiveRule, matchOf } from './sla.rules.js';
import { SLA_RULE_SEED } from './sla.seed.js';
import { SLA_STAGES, type TSlaStage } from './sla.tables.js';
import { ackFactsFor } from './sla-ack.js';
import { deadlineView, extendHandling } from './sla-extension.js';
import { tightenDeadlines } from './sla-tighten.js';

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

export function createSlaService(deps: {
  db: Db;
  departments: DepartmentService;
  cases: CaseService;
  timeZone: string;
  /** Acknowledges consenting reporters with the deadlines (see `acknowledgeNew`). */
  notices?: Pick<ReporterNotices, 'acknowledgeNew'>;
  clock?: () => Date;
}) {
  const { db } = deps;
  const now = () => (deps.clock ? deps.clock() : new Date());

  /**
   * Department ids from the root down to the department, the closed days of all of them, and the
   * department's own time zone (deadlines end at local midnight there; `deps.timeZone` if it is unknown).
   */
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
      timeZone: own?.timeZone ?? deps.timeZone,
    };
  }

  async function openDeadlines(tx: DbOrTx, c: TCaseForSla): Promise<number> {
    const rules = await listRulesAt(tx, c.openedAt);
    const { chain, closed, timeZone } = await calendarOf(tx, c.departmentId);
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

  async function tighten(tx: DbOrTx, c: TCaseForSla, at: Date): Promise<void> {
    const rows = await listDeadlines(tx, c.id, true);
    const { chain, closed, timeZone } = await calendarOf(tx, c.departmentId);
    const rules = await listRulesAt(tx, at);
    const stages = await tightenDeadlines(tx, { c, rows, rules, at, chain, closed, timeZone });
    if (stages.length)
      await deps.cases.recordEvent(tx, c.id, {
        type: 'sla_tightened',
        actorType: 'system',
        payload: { stages, priority: c.priority, trustedFlagger: c.trustedFlagger },
        public: false,
      });
  }

  async function startStage(
    tx: DbOrTx,
    rows: TDeadlineRow[],
    stage: TSlaStage,
    at: Date,
    { closed, timeZone }: { closed: Set<TDate>; timeZone: string },
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

  async function resume(
    tx: DbOrTx,
    caseId: string,
    rows: TDeadlineRow[],
    resumedAt: Date,
    { closed, timeZone }: { closed: Set<TDate>; timeZone: string },
    byAnswer: boolean,
  ): Promise<number> {
    const resumed: { stage: string; dueAt: string }[] = [];
    for (const r of rows.filter((x) => x.status === 'paused' && x.pausedAt && x.dueAt)) {
      const dueAt = resumeDue({
        due: r.dueAt as Date,
        pausedAt: r.pausedAt as Date,
        resumedAt,
        unit: r.unit,
        timeZone,
        closed,
      });
      await updateDeadline(tx, r.id, { status: 'running', pausedAt: null, dueAt, resetReminders: true });
      resumed.push({ stage: r.stage, dueAt: dueAt.toISOString() });
    }
    if (resumed.length)
      await deps.cases.recordEvent(tx, caseId, {
        type: 'sla_resumed',
        actorType: 'system',
        payload: { stages: resumed, resumedAt: resumedAt.toISOString(), byAnswer },
        public: false,
      });
    return resumed.length;
  }

  return {
    /**
     * Computes deadlines for newly opened cases (queued by the trigger on `cases`), and shortens those of cases
     * queued again because they became stricter (priority raised, a trusted flagger's report joined: migration
     * 0029); returns how many cases.
     */
    async openPending(limit = 200): Promise<number> {
      return db.transaction(async (tx) => {
        const taken = await takePendingCases(tx, limit);
        for (const c of taken) {
          if (c.hasDeadlines) await tighten(tx, c, c.queuedAt);
          else await openDeadlines(tx, c);
        }
        return taken.length;
      });
    },

    /**
     * Queues the acknowledgement of every consenting report submitted since the last run — whether it opened
     * a case or joined one — with the case's deadlines in its department's zone (run after `openPending`).
     */
    acknowledgeNew: async (): Promise<number> =>
      deps.notices ? deps.notices.acknowledgeNew(ackFactsFor(deps.departments, deps.timeZone)) : 0,

    /**
     * Restarts paused clocks of cases whose reporter has answered (a message, a supplement, evidence), from
     * the moment of the answer, even before the handler resumes verification (run by the sweep).
     */
    async resumeAnswered(limit = 200): Promise<number> {
      return db.transaction(async (tx) => {
        let count = 0;
        for (const { caseId, answeredAt } of await pausedWithAnswer(tx, limit)) {
          const rows = await listDeadlines(tx, caseId, true);
          const c = await findCaseForSla(tx, caseId);
          if (!c) continue;
          count += await resume(tx, caseId, rows, answeredAt, await calendarOf(tx, c.departmentId), true);
        }
        return count;
      });
    },

    /** Moves the clock with the workflow: start, stop, pause and resume stages (called in its transaction). */
    async onCaseChange(tx: DbOrTx, change: TCaseChange): Promise<void> {
      const rows = await listDeadlines(tx, change.caseId, true);
      if (rows.length === 0) return;
      const at = now();
      const c = await findCaseForSla(tx, change.caseId);
      if (!c) return;
      const cal = await calendarOf(tx, c.departmentId);
      const paused: { stage: string; dueAt: string | undefined }[] = [];
      switch (change.action) {
        case 'claim':
        case 'assign':
          await finish(tx, rows, ['acknowledgement'], at);
          return;
        case 'accept':
          await finish(tx, rows, ['acknowledgement', 'acceptance'], at);
          await startStage(tx, rows, 'handling', at, cal);
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
          // The clock restarts when the reporter answered, if they did before the handler resumed.
          const paused = rows.find((x) => x.status === 'paused' && x.pausedAt);
          const answer = paused?.pausedAt ? await firstAnswerAfter(tx, c.id, paused.pausedAt) : undefined;
          await resume(tx, c.id, rows, answer ?? at, cal, answer !== undefined);
          return;
        }
        case 'decide':
          await finish(tx, rows, ['handling', 'appeal_review'], at);
          await startStage(tx, rows, 'feedback', at, cal);
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
          await startStage(tx, rows, 'appeal_review', at, cal);
          return;
        default:
          return;
      }
    },

    /** The case's deadlines for the case page: due time, time left (negative: overdue), who is on the hook. */
    forCase: async (caseId: string) =>
      deadlineView(await listDeadlines(db, caseId), await findCaseForSla(db, caseId), now()),

    /**
     * Extends the handling deadline once (per the rule) by up to its maximum, with a supervisor's approval and
     * a reason that is told to the reporter (see sla-extension.ts).
     */
    extend: (
      actor: TActor,
      c: { id: string; departmentPath: string; state: string },
      input: { days: number; reason: string },
      tellReporter: (tx: DbOrTx, reason: string, dueAt: Date, timeZone: string) => Promise<void>,
    ) => extendHandling({ db, cases: deps.cases, calendarOf }, actor, c, input, tellReporter),

    calendarOf: (departmentId: string) => calendarOf(db, departmentId),
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
