import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { issueToFieldErrors } from '../../platform/http/validation.js';
import { isMessageKey, translate } from '../../platform/i18n/translate.js';
import { type CaseService, NO_ID } from '../cases/case.service.js';
import { addReporterMessage, addSupplement, reporterFollowUp } from '../cases/followup.service.js';
import type { CategoryService } from '../categories/category.service.js';
import type { TQuestion } from '../categories/category.types.js';
import { answersSchema } from '../categories/questionnaire.js';
import type { EvidenceService, TPreparedEvidence } from '../evidence/evidence.service.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { TReceiptFollowUp, TReceiptReport, TSupplementCreate } from './receipt.schemas.js';
import type { ReceiptGuard } from './receipt-guard.js';
import type { ReporterService } from './reporter.service.js';

export interface ReceiptDeps {
  db: Db;
  reporters: ReporterService;
  intake: IntakeService;
  cases: CaseService;
  categories: CategoryService;
  evidence: EvidenceService;
  /** Bounds guessing of receipt codes (look-up and session start). */
  guard: ReceiptGuard;
}

type TSummary = NonNullable<Awaited<ReturnType<IntakeService['summary']>>>;

function label(lang: TLanguage, key: string): string {
  return isMessageKey(key) ? translate(lang, key) : key;
}

/** A supplement may answer any subset of the questionnaire: the same checks, nothing required. */
const optionalQuestions = new WeakMap<TQuestion[], TQuestion[]>();
function supplementSchema(questionnaire: TQuestion[]) {
  let relaxed = optionalQuestions.get(questionnaire);
  if (!relaxed) {
    relaxed = questionnaire.map((q) => ({ ...q, required: false }));
    optionalQuestions.set(questionnaire, relaxed);
  }
  return answersSchema(relaxed);
}

/** Anonymous follow-up: what a receipt code (or the session it opens) lets its holder see and do. */
export function createReceiptService(deps: ReceiptDeps) {
  const { db } = deps;

  async function present(
    summary: TSummary,
    view: Awaited<ReturnType<CaseService['publicView']>>,
    lang: TLanguage,
  ): Promise<TReceiptReport> {
    const category = await deps.categories.find(summary.categoryCode);
    const categoryName = category
      ? lang === 'en'
        ? category.nameEn
        : category.nameZh
      : summary.categoryCode;
    return {
      reportNo: summary.reportNo,
      status: view.state ?? 'received',
      statusLabel: label(lang, `status.${view.state}`),
      category: { code: summary.categoryCode, name: categoryName },
      submittedAt: summary.submittedAt.toISOString(),
      timeline: view.events.map((e) => ({
        type: e.type,
        label: label(lang, `event.${e.type}`),
        at: e.at.toISOString(),
      })),
    };
  }

  /** The report a session belongs to (the session's subject); 401 if it is gone. */
  async function sessionReport(reportId: string): Promise<TSummary> {
    const summary = await deps.intake.summary(reportId);
    if (!summary) throw new AppError('receipt_session_required', 401);
    return summary;
  }

  return {
    /**
     * Looks a report up by receipt code. Found and not-found do the same reads in the same order; failures
     * are bounded by the guard (backoff, then 429).
     */
    async lookup(receiptCode: string, clientAddress: string, lang: TLanguage): Promise<TReceiptReport> {
      const found = await deps.guard.attempt(clientAddress, async () => {
        const reportId = await deps.reporters.findReportByReceipt(db, receiptCode);
        const summary = await deps.intake.summary(reportId ?? NO_ID);
        const view = await deps.cases.publicView(db, summary?.caseId);
        return summary && view.state ? { reportId: summary.id, summary, view } : undefined;
      });
      return present(found.summary, found.view, lang);
    },

    /** Checks a receipt code for opening a session (same guard as the look-up); the report it opens. */
    async authenticate(receiptCode: string, clientAddress: string) {
      return deps.guard.attempt(clientAddress, async () => {
        const reportId = await deps.reporters.findReportByReceipt(db, receiptCode);
        const summary = await deps.intake.summary(reportId ?? NO_ID);
        return summary ? { reportId: summary.id, reportNo: summary.reportNo } : undefined;
      });
    },

    /** Everything the session's reporter may see: status, public timeline, messages, supplements. */
    async followUp(reportId: string, lang: TLanguage): Promise<TReceiptFollowUp> {
      const summary = await sessionReport(reportId);
      const [view, own] = await Promise.all([
        deps.cases.publicView(db, summary.caseId),
        reporterFollowUp(db, reportId),
      ]);
      return {
        ...(await present(summary, view, lang)),
        messages: own.messages.map((m) => ({ ...m, at: m.at.toISOString() })),
        supplements: own.supplements.map((s) => ({
          ...(s.details !== null ? { details: s.details } : {}),
          ...(s.answers !== null ? { answers: s.answers } : {}),
          at: s.at.toISOString(),
        })),
      };
    },

    async sendMessage(reportId: string, body: string) {
      const summary = await sessionReport(reportId);
      return addReporterMessage(db, { caseId: summary.caseId, reportId, body });
    },

    /** Attaches stored evidence to the session's report, with a public timeline event, in one transaction. */
    async addEvidence(reportId: string, prepared: TPreparedEvidence[]) {
      const summary = await sessionReport(reportId);
      await db.transaction(async (tx) => {
        await deps.evidence.attach(tx, reportId, prepared, { type: 'reporter' });
        await deps.cases.recordEvent(tx, summary.caseId, {
          type: 'evidence_added',
          actorType: 'reporter',
          payload: { reportId, evidenceIds: prepared.map((p) => p.id), count: prepared.length },
          public: true,
        });
      });
      return { count: prepared.length };
    },

    async supplement(reportId: string, input: TSupplementCreate, lang: TLanguage) {
      const summary = await sessionReport(reportId);
      let answers: Record<string, unknown> | undefined;
      if (input.answers !== undefined) {
        const category = await deps.categories.find(summary.categoryCode);
        const parsed = supplementSchema(category?.questionnaire ?? []).safeParse(input.answers);
        if (!parsed.success) {
          const fields = parsed.error.issues.flatMap((issue) =>
            issueToFieldErrors(
              {
                ...issue,
                path: ['answers', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
              } as never,
              { answers: input.answers },
              lang,
            ),
          );
          throw new AppError('validation_failed', 400, {}, fields);
        }
        answers = Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
      }
      if (answers === undefined && input.details === undefined) {
        const message = translate(lang, 'field.supplement_empty');
        throw new AppError('validation_failed', 400, {}, [{ path: 'details', message }]);
      }
      return addSupplement(db, { caseId: summary.caseId, reportId, details: input.details, answers });
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
