import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { issueToFieldErrors } from '../../platform/http/validation.js';
import { translate } from '../../platform/i18n/translate.js';
import { nextNumbers } from '../../platform/numbers.js';
import { searchTokens } from '../../platform/text/segment.js';
import type { CaseService } from '../cases/case.service.js';
import type { CategoryService } from '../categories/category.service.js';
import { answersSchema } from '../categories/questionnaire.js';
import type { DepartmentService } from '../org/department.service.js';
import type { ReporterService } from '../reporters/reporter.service.js';
import type { IntakeInput, IntakeResult } from './intake.types.js';
import { findReportSummary, insertReport } from './report.repository.js';

export interface IntakeDeps {
  db: Db;
  timeZone: string;
  categories: CategoryService;
  departments: DepartmentService;
  reporters: ReporterService;
  cases: CaseService;
}

/**
 * The one intake path. Every channel calls `submit`; a report is acknowledged only after its transaction —
 * identity, case, report, receipt, first timeline event — has committed.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db } = deps;

  async function checkCategoryAndAnswers(input: IntakeInput) {
    const category = await deps.categories.find(input.category);
    if (!category) {
      const message = translate(input.language, 'field.category_unknown');
      throw new AppError('validation_failed', 400, {}, [{ path: 'category', message }]);
    }
    const parsed = answersSchema(category.questionnaire).safeParse(input.answers);
    if (!parsed.success) {
      const fields = parsed.error.issues.flatMap((issue) =>
        issueToFieldErrors(
          {
            ...issue,
            path: ['answers', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          } as never,
          { answers: input.answers },
          input.language,
        ),
      );
      throw new AppError('validation_failed', 400, {}, fields);
    }
    return { category, answers: parsed.data };
  }

  return {
    /** Public facts of one report (no description, no identity); undefined for an unknown id. */
    summary(reportId: string) {
      return findReportSummary(db, reportId);
    },

    async submit(input: IntakeInput): Promise<IntakeResult> {
      const { category, answers } = await checkCategoryAndAnswers(input);
      const department = await deps.departments.route(input.regionCode, category.code);
      const tokens = searchTokens(input.description);
      const numbers = await nextNumbers(db, { report: 'JB', case: 'AJ' }, new Date(), deps.timeZone);

      return db.transaction(async (tx) => {
        const reporterIdentityId = input.reporter
          ? await deps.reporters.sealIdentity(tx, input.reporter)
          : null;
        const kase = await deps.cases.openCase(
          tx,
          {
            caseNo: numbers.case,
            categoryCode: category.code,
            priority: category.defaultPriority,
            departmentId: department.id,
          },
          {
            type: 'report_received',
            actorType: 'system',
            payload: { reportNo: numbers.report, channel: input.channel, departmentCode: department.code },
            public: true,
          },
        );
        const reportId = await insertReport(tx, {
          reportNo: numbers.report,
          caseId: kase.id,
          channel: input.channel,
          categoryCode: category.code,
          description: input.description,
          answers,
          targets: input.targets,
          occurredAt: input.occurredAt ?? null,
          regionCode: input.regionCode ?? null,
          reporterIdentityId,
          language: input.language,
          searchTokens: tokens,
        });
        const receiptCode = await deps.reporters.issueReceipt(tx, reportId);
        await recordAudit(tx, {
          actorType: 'system',
          action: 'report.received',
          subjectType: 'report',
          subjectId: reportId,
          payload: {
            reportNo: numbers.report,
            caseNo: kase.caseNo,
            channel: input.channel,
            anonymous: !input.reporter,
          },
        });
        return {
          reportId,
          reportNo: numbers.report,
          receiptCode,
          caseNo: kase.caseNo,
          status: 'received' as const,
        };
      });
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
