import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { issueToFieldErrors, type TIssueLike } from '../../platform/http/validation.js';
import { can, inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import { insertCaseEvent } from './case.repository.js';
import { OPEN_STATES, TRANSITION_NAMES, TRANSITIONS, type TTransitionName } from './case.states.js';
import { reportIdsOfCase } from './case-reports.repository.js';
import {
  findCaseForWorkflow,
  insertNote,
  insertPreviousDepartment,
  listTimeline,
  type TCaseForWorkflow,
  updateCase,
} from './case-workflow.repository.js';
import { replyToReporter } from './followup.service.js';

export type TCaseAction =
  | TTransitionName
  | 'claim'
  | 'assign'
  | 'transfer'
  | 'note'
  | 'reply'
  | 'extend_deadline';

/** Told of every change inside its transaction (the deadline engine, notifications): explicit, not a hook. */
export type TCaseChangeListener = (
  tx: DbOrTx,
  change: {
    caseId: string;
    action: string;
    from: string;
    to: string;
    actorId: string;
    fields: Record<string, string>;
  },
) => Promise<void>;

/** States in which a supervisor may extend the handling deadline (with a reason told to the reporter). */
const EXTENDABLE_STATES: readonly string[] = ['accepted', 'verifying', 'awaiting_info', 'reopened'];

/** May the actor see the case at all (its department, or a department that held it before)? */
export function canSee(actor: TActor, c: TCaseForWorkflow): boolean {
  if (!can(actor, 'case.read')) return false;
  return inScope(actor, c.departmentPath) || c.previousPaths.some((p) => inScope(actor, p));
}

/** Why the actor may not fire a transition on this case now; undefined when they may. */
function refusal(actor: TActor, c: TCaseForWorkflow, name: TTransitionName): AppError | undefined {
  const t = TRANSITIONS[name];
  if (!(t.from as readonly string[]).includes(c.state)) {
    return new AppError('invalid_state', 409, { action: name, state: c.state });
  }
  if (!can(actor, t.permission, c.departmentPath)) return new AppError('forbidden', 403);
  if (t.assigneeOnly && c.assigneeId !== actor.id && !can(actor, 'case.assign', c.departmentPath)) {
    return new AppError('not_assignee', 403);
  }
  const guarded = 'guard' in t ? t.guard(c) : undefined;
  if (guarded) return new AppError(guarded.replace('error.', ''), 409);
  return undefined;
}

/** The actions the actor may take on the case now — exactly what the service would accept. */
export function availableActions(actor: TActor, c: TCaseForWorkflow): TCaseAction[] {
  const actions: TCaseAction[] = TRANSITION_NAMES.filter((name) => !refusal(actor, c, name));
  const open = OPEN_STATES.includes(c.state);
  const owner = inScope(actor, c.departmentPath);
  if (open && owner && !c.assigneeId && can(actor, 'case.handle', c.departmentPath)) actions.push('claim');
  if (open && can(actor, 'case.assign', c.departmentPath)) actions.push('assign');
  if (open && can(actor, 'case.transfer', c.departmentPath)) actions.push('transfer');
  if (owner && can(actor, 'case.handle', c.departmentPath)) actions.push('note', 'reply');
  if (EXTENDABLE_STATES.includes(c.state) && can(actor, 'case.assign', c.departmentPath))
    actions.push('extend_deadline');
  return actions;
}

export function createCaseWorkflow(deps: {
  db: Db;
  departments: DepartmentService;
  onChange?: TCaseChangeListener;
}) {
  const { db } = deps;
  const changed: TCaseChangeListener = (tx, change) => deps.onChange?.(tx, change) ?? Promise.resolve();

  /** Loads a case the actor may see, or answers exactly as for a case that does not exist. */
  async function visibleCase(
    tx: DbOrTx,
    actor: TActor,
    caseId: string,
    lock = false,
  ): Promise<TCaseForWorkflow> {
    const c = /^[0-9a-f-]{36}$/i.test(caseId) ? await findCaseForWorkflow(tx, caseId, lock) : undefined;
    if (!c || !canSee(actor, c)) throw new AppError('case_not_found', 404);
    return c;
  }

  return {
    visibleCase: (actor: TActor, caseId: string) => visibleCase(db, actor, caseId),
    timeline: (caseId: string) => listTimeline(db, caseId),

    /** Fires one transition: checks state, permission, assignee, guard and fields; all or nothing. */
    async transition(actor: TActor, caseId: string, name: string, input: unknown, lang: TLanguage) {
      if (!Object.hasOwn(TRANSITIONS, name)) throw new AppError('unknown_action', 404, { action: name });
      const transition = TRANSITIONS[name as TTransitionName];
      return db.transaction(async (tx) => {
        const c = await visibleCase(tx, actor, caseId, true);
        const refused = refusal(actor, c, name as TTransitionName);
        if (refused) throw refused;
        const parsed = transition.fields.safeParse(input ?? {});
        if (!parsed.success) {
          const fields = parsed.error.issues.flatMap((i) =>
            issueToFieldErrors(i as unknown as TIssueLike, input, lang),
          );
          throw new AppError('validation_failed', 400, {}, fields);
        }
        const fields = parsed.data as Record<string, string>;
        await updateCase(tx, c.id, {
          state: transition.to,
          ...(name === 'decide' ? { outcome: fields.outcome as TCaseForWorkflow['outcome'] } : {}),
          ...(transition.to === 'closed' ? { closed: true } : {}),
          ...(transition.to === 'reopened' ? { closed: false } : {}),
        });
        await insertCaseEvent(tx, {
          caseId: c.id,
          type: `case_${name}`,
          actorType: 'staff',
          actorId: actor.id,
          payload: { from: c.state, to: transition.to, ...fields },
          public: transition.public,
        });
        const field = 'messageToReporter' in transition ? transition.messageToReporter : undefined;
        if (field && fields[field]) {
          for (const reportId of await reportIdsOfCase(tx, c.id)) {
            await replyToReporter(tx as unknown as Db, {
              caseId: c.id,
              reportId,
              staffId: actor.id,
              body: fields[field],
            });
          }
        }
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.state_changed',
          subjectType: 'case',
          subjectId: c.id,
          payload: { transition: name, from: c.state, to: transition.to },
        });
        await changed(tx, {
          caseId: c.id,
          action: name,
          from: c.state,
          to: transition.to,
          actorId: actor.id,
          fields,
        });
        return { state: transition.to };
      });
    },

    /** Takes an unassigned case of one's own department. */
    async claim(actor: TActor, caseId: string) {
      return db.transaction(async (tx) => {
        const c = await visibleCase(tx, actor, caseId, true);
        if (!availableActions(actor, c).includes('claim')) throw new AppError('forbidden', 403);
        await updateCase(tx, c.id, { assigneeId: actor.id });
        await insertCaseEvent(tx, {
          caseId: c.id,
          type: 'case_assigned',
          actorType: 'staff',
          actorId: actor.id,
          payload: { assigneeId: actor.id, previousAssigneeId: null, claimed: true },
          public: false,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.claimed',
          subjectType: 'case',
          subjectId: c.id,
        });
        await changed(tx, {
          caseId: c.id,
          action: 'claim',
          from: c.state,
          to: c.state,
          actorId: actor.id,
          fields: {},
        });
      });
    },

    /** Assigns or reassigns (supervisors); `assignee` is checked by the caller to be staff of the case's subtree. */
    async assign(actor: TActor, caseId: string, assigneeId: string | null) {
      return db.transaction(async (tx) => {
        const c = await visibleCase(tx, actor, caseId, true);
        if (!availableActions(actor, c).includes('assign')) throw new AppError('forbidden', 403);
        await updateCase(tx, c.id, { assigneeId });
        await insertCaseEvent(tx, {
          caseId: c.id,
          type: 'case_assigned',
          actorType: 'staff',
          actorId: actor.id,
          payload: { assigneeId, previousAssigneeId: c.assigneeId },
          public: false,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.assigned',
          subjectType: 'case',
          subjectId: c.id,
          payload: { assigneeId, previousAssigneeId: c.assigneeId },
        });
        if (assigneeId)
          await changed(tx, {
            caseId: c.id,
            action: 'assign',
            from: c.state,
            to: c.state,
            actorId: actor.id,
            fields: {},
          });
        return { departmentPath: c.departmentPath };
      });
    },

    /** Transfer (转办) to another department with a reason; the previous department keeps read access. */
    async transfer(actor: TActor, caseId: string, input: { departmentCode: string; reason: string }) {
      const target = (await deps.departments.all()).find((d) => d.code === input.departmentCode);
      return db.transaction(async (tx) => {
        const c = await visibleCase(tx, actor, caseId, true);
        if (!availableActions(actor, c).includes('transfer')) throw new AppError('forbidden', 403);
        if (!target) throw new AppError('department_not_found', 400);
        if (target.id === c.departmentId) throw new AppError('transfer_same_department', 409);
        await insertPreviousDepartment(tx, c.id, c.departmentId);
        await updateCase(tx, c.id, { departmentId: target.id, assigneeId: null });
        await insertCaseEvent(tx, {
          caseId: c.id,
          type: 'case_transferred',
          actorType: 'staff',
          actorId: actor.id,
          payload: {
            fromDepartmentId: c.departmentId,
            toDepartmentId: target.id,
            toDepartmentCode: target.code,
            reason: input.reason,
          },
          public: false,
        });
        await insertCaseEvent(tx, {
          caseId: c.id,
          type: 'case_referred_onward',
          actorType: 'system',
          payload: {},
          public: true,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.transferred',
          subjectType: 'case',
          subjectId: c.id,
          reason: input.reason,
          payload: { from: c.departmentId, to: target.id },
        });
      });
    },

    /** A message from staff to every reporter of the case, in the caller's transaction. */
    async tellReporters(tx: DbOrTx, caseId: string, staffId: string, body: string) {
      for (const reportId of await reportIdsOfCase(tx, caseId)) {
        await replyToReporter(tx as unknown as Db, { caseId, reportId, staffId, body });
      }
    },

    /** An internal note (never shown to the reporter). */
    async addNote(actor: TActor, caseId: string, body: string) {
      return db.transaction(async (tx) => {
        const c = await visibleCase(tx, actor, caseId);
        if (!availableActions(actor, c).includes('note')) throw new AppError('forbidden', 403);
        const id = await insertNote(tx, c.id, actor.id, body);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.note_added',
          subjectType: 'case',
          subjectId: c.id,
        });
        return { id };
      });
    },

    /** A message to the reporter(s) of the case, shown in their receipt session. */
    async reply(actor: TActor, caseId: string, body: string) {
      const c = await visibleCase(db, actor, caseId);
      if (!availableActions(actor, c).includes('reply')) throw new AppError('forbidden', 403);
      for (const reportId of await reportIdsOfCase(db, c.id)) {
        await replyToReporter(db, { caseId: c.id, reportId, staffId: actor.id, body });
      }
    },
  };
}

export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>;
