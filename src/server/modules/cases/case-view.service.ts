import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import type { StaffService } from '../org/staff.service.js';
import type { TReporterIdentity } from '../reporters/identity.js';
import type { TReportTriageView } from '../triage/triage.service.js';
import { listCaseReports } from './case-queue.repository.js';
import { caseIdOfReport } from './case-reports.repository.js';
import { availableActions, type CaseWorkflow } from './case-workflow.service.js';
import { caseMessagesForStaff, caseSupplementsForStaff } from './followup.service.js';

/** The case page: header, reports, timeline (events and notes), messages, and the actions on offer. */
export interface CaseViewDeps {
  db: Db;
  workflow: CaseWorkflow;
  departments: DepartmentService;
  staff: StaffService;
  /** Triage suggestions of the case's reports (category, priority, reasons, possibly related cases). */
  triageOf: (caseId: string) => Promise<TReportTriageView[]>;
  /** Open cases whose reports read almost the same ("possibly the same incident"). */
  nearDuplicates: (caseId: string) => Promise<string[]>;
  /** Reports the same real-name reporter filed in the last 24 hours (0 when anonymous). */
  sameReporterToday: (reportId: string) => Promise<number>;
  /** The masked identity of a report (null when anonymous). */
  maskedReporter: (reportId: string) => Promise<TReporterIdentity | null>;
}

export function createCaseView(deps: CaseViewDeps) {
  return {
    /** The report's case and department, or 404 unless it belongs to a case the actor may see. */
    async reportContext(actor: TActor, reportId: string) {
      const caseId = /^[0-9a-f-]{36}$/i.test(reportId) ? await caseIdOfReport(deps.db, reportId) : undefined;
      if (!caseId) throw new AppError('case_not_found', 404);
      const c = await deps.workflow.visibleCase(actor, caseId);
      return { caseId: c.id, departmentId: c.departmentId, departmentPath: c.departmentPath };
    },

    async detail(actor: TActor, caseId: string) {
      const c = await deps.workflow.visibleCase(actor, caseId);
      const [reports, timeline, messages, supplements, tree, assignee, triage, similar] = await Promise.all([
        listCaseReports(deps.db, c.id),
        deps.workflow.timeline(c.id),
        caseMessagesForStaff(deps.db, c.id),
        caseSupplementsForStaff(deps.db, c.id),
        deps.departments.all(),
        c.assigneeId ? deps.staff.actorById(c.assigneeId) : Promise.resolve(undefined),
        deps.triageOf(c.id),
        deps.nearDuplicates(c.id),
      ]);
      const actorIds = [
        ...timeline.map((e) => e.actorId ?? ''),
        ...timeline.flatMap((e) =>
          [e.payload.assigneeId, e.payload.previousAssigneeId].map((v) => String(v ?? '')),
        ),
        c.assigneeId ?? '',
      ];
      const staffNames = await deps.staff.displayNames(actorIds);
      const related = [...new Set(triage.flatMap((t) => t.relatedCaseIds))].filter((id) => id !== c.id);
      const department = tree.find((d) => d.id === c.departmentId);
      if (!department) throw new AppError('case_not_found', 404);
      const owner = inScope(actor, c.departmentPath);
      return {
        id: c.id,
        caseNo: c.caseNo,
        state: c.state,
        outcome: c.outcome,
        categoryCode: c.categoryCode,
        priority: c.priority,
        department: { code: department.code, nameZh: department.nameZh, nameEn: department.nameEn },
        assignee: c.assigneeId ? { id: c.assigneeId, displayName: assignee?.displayName ?? '' } : null,
        readOnly: !owner,
        actions: owner ? availableActions(actor, c) : [],
        reports: await Promise.all(
          reports.map(async (r) => ({
            ...r,
            reporter: r.hasIdentity ? await deps.maskedReporter(r.id) : null,
            sameReporterToday: r.hasIdentity ? await deps.sameReporterToday(r.id) : 0,
            supplements: supplements
              .filter((x) => x.reportId === r.id)
              .map(({ details, answers, at }) => ({ details, answers, at })),
          })),
        ),
        timeline,
        staffNames,
        triage,
        relatedCaseIds: related,
        similarCaseIds: similar,
        messages: messages as unknown as Record<string, unknown>[],
      };
    },
  };
}

export type CaseView = ReturnType<typeof createCaseView>;
