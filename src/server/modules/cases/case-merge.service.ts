import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { dailyNumber, ensureSequences } from '../../platform/numbers.js';
import { can, inScope, type TActor } from '../org/access.policy.js';
import { insertCaseEvent } from './case.repository.js';
import { OPEN_STATES } from './case.states.js';
import {
  findMerge,
  insertMerge,
  insertSplitCase,
  markMergeUndone,
  moveReports,
  recomputeFirstReports,
  reportsStillIn,
} from './case-merge.repository.js';
import { reportIdsOfCase } from './case-reports.repository.js';
import { findCaseForWorkflow, type TCaseForWorkflow, updateCase } from './case-workflow.repository.js';

export interface CaseMergeDeps {
  db: Db;
  timeZone: string;
  /** Moves the reports' target rows and rebuilds the cases' target sets (targets module). */
  followTargets: (tx: DbOrTx, reportIds: string[], toCaseId: string, caseIds: string[]) => Promise<void>;
}

/**
 * Merge a case into another, split a report out into a case of its own, and undo a merge. Every report stays
 * in exactly one case; both timelines say what happened; the first report of each case is recorded again.
 */
export function createCaseMerge(deps: CaseMergeDeps) {
  const { db } = deps;

  async function handleable(tx: DbOrTx, actor: TActor, caseId: string): Promise<TCaseForWorkflow> {
    const c = /^[0-9a-f-]{36}$/i.test(caseId) ? await findCaseForWorkflow(tx, caseId, true) : undefined;
    if (!c || !inScope(actor, c.departmentPath)) throw new AppError('case_not_found', 404);
    if (!can(actor, 'case.handle', c.departmentPath)) throw new AppError('forbidden', 403);
    return c;
  }

  async function event(
    tx: DbOrTx,
    caseId: string,
    type: string,
    actor: TActor,
    payload: Record<string, unknown>,
    isPublic = false,
  ) {
    await insertCaseEvent(tx, {
      caseId,
      type,
      actorType: 'staff',
      actorId: actor.id,
      payload,
      public: isPublic,
    });
  }

  return {
    async merge(actor: TActor, sourceId: string, targetId: string, reason: string) {
      if (sourceId === targetId) throw new AppError('merge_same_case', 409);
      return db.transaction(async (tx) => {
        // Lock in a fixed order so two opposite merges cannot deadlock.
        const [first, second] = [sourceId, targetId].sort();
        const locked = new Map<string, TCaseForWorkflow>();
        for (const id of [first, second] as string[]) locked.set(id, await handleable(tx, actor, id));
        const source = locked.get(sourceId) as TCaseForWorkflow;
        const target = locked.get(targetId) as TCaseForWorkflow;
        if (!OPEN_STATES.includes(source.state) || !OPEN_STATES.includes(target.state)) {
          throw new AppError('merge_not_open', 409);
        }
        const reportIds = await reportIdsOfCase(tx, source.id);
        await moveReports(tx, reportIds, target.id);
        await deps.followTargets(tx, reportIds, target.id, [source.id, target.id]);
        await recomputeFirstReports(tx, [target.id]);
        await updateCase(tx, source.id, { state: 'merged', assigneeId: null });
        const mergeId = await insertMerge(tx, {
          sourceCaseId: source.id,
          targetCaseId: target.id,
          reportIds,
          sourceState: source.state,
          actorId: actor.id,
        });
        await event(
          tx,
          source.id,
          'case_merged_into',
          actor,
          { mergeId, caseNo: target.caseNo, reason },
          true,
        );
        await event(tx, target.id, 'case_merged_from', actor, {
          mergeId,
          caseNo: source.caseNo,
          reportIds,
          reason,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.merged',
          subjectType: 'case',
          subjectId: target.id,
          reason,
          payload: { mergeId, source: source.id, reports: reportIds.length },
        });
        return { mergeId };
      });
    },

    async undo(actor: TActor, mergeId: string, reason: string) {
      return db.transaction(async (tx) => {
        const merge = /^[0-9a-f-]{36}$/i.test(mergeId) ? await findMerge(tx, mergeId, true) : undefined;
        if (!merge) throw new AppError('merge_not_found', 404);
        const target = await handleable(tx, actor, merge.targetCaseId).catch(() => {
          throw new AppError('merge_not_found', 404);
        });
        const source = await handleable(tx, actor, merge.sourceCaseId);
        if (merge.undoneAt || source.state !== 'merged') throw new AppError('merge_already_undone', 409);
        const back = await reportsStillIn(tx, merge.reportIds, target.id);
        await moveReports(tx, back, source.id);
        await deps.followTargets(tx, back, source.id, [source.id, target.id]);
        await recomputeFirstReports(tx, [source.id, target.id]);
        await updateCase(tx, source.id, { state: merge.sourceState });
        await markMergeUndone(tx, merge.id);
        await event(
          tx,
          source.id,
          'case_merge_undone',
          actor,
          { mergeId, caseNo: target.caseNo, reason },
          true,
        );
        await event(tx, target.id, 'case_merge_undone', actor, {
          mergeId,
          caseNo: source.caseNo,
          reportIds: back,
          reason,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.merge_undone',
          subjectType: 'case',
          subjectId: source.id,
          reason,
          payload: { mergeId, reports: back.length },
        });
        return { reports: back.length };
      });
    },

    async split(actor: TActor, caseId: string, reportId: string, reason: string) {
      const number = dailyNumber('case', 'AJ', new Date(), deps.timeZone);
      await ensureSequences(db, [number]);
      return db.transaction(async (tx) => {
        const from = await handleable(tx, actor, caseId);
        if (!OPEN_STATES.includes(from.state)) throw new AppError('merge_not_open', 409);
        const reports = await reportIdsOfCase(tx, from.id);
        if (!reports.includes(reportId)) throw new AppError('report_not_in_case', 404);
        if (reports.length < 2) throw new AppError('split_last_report', 409);
        const created = await insertSplitCase(tx, from.id, number);
        await moveReports(tx, [reportId], created.id);
        await deps.followTargets(tx, [reportId], created.id, [from.id, created.id]);
        await recomputeFirstReports(tx, [from.id, created.id]);
        await event(tx, from.id, 'case_split', actor, { reportId, caseNo: created.caseNo, reason });
        await event(
          tx,
          created.id,
          'case_split_from',
          actor,
          { reportId, caseNo: from.caseNo, reason },
          true,
        );
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'case.split',
          subjectType: 'case',
          subjectId: from.id,
          reason,
          payload: { reportId, newCaseId: created.id },
        });
        return { caseId: created.id, caseNo: created.caseNo };
      });
    },
  };
}

export type CaseMerge = ReturnType<typeof createCaseMerge>;
