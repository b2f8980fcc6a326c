import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { issueToFieldErrors } from '../../platform/http/validation.js';
import { translate } from '../../platform/i18n/translate.js';
import { dailyNumber } from '../../platform/numbers.js';
import type { CaseService } from '../cases/case.service.js';
import type { CategoryService } from '../categories/category.service.js';
import { answersSchema } from '../categories/questionnaire.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import type { ReporterService } from '../reporters/reporter.service.js';
import type { TargetService } from '../targets/target.service.js';
import { higherPriority } from '../triage/triage.engine.js';
import type { TriageService } from '../triage/triage.service.js';
import { type Idempotency, isIdempotencyConflict } from './idempotency.js';
import type { IntakeInput, IntakeResult } from './intake.types.js';
import { createIntakeWriter } from './intake.writer.js';
import { findReportSummary } from './report.repository.js';
import type { TextAnalyser } from './text-analysis.js';

export interface IntakeDeps {
  db: Db;
  timeZone: string;
  /** Tokens, fingerprint, targets and triage suggestion of a report's text (in a worker thread by default). */
  text: TextAnalyser;
  categories: CategoryService;
  reporters: ReporterService;
  cases: CaseService;
  evidence: EvidenceService;
  /** Idempotency keys of submissions (the web channel); without it keys are ignored. */
  idempotency?: Idempotency;
  /** Clustering (the look-up of open cases sharing a target) and the rows of a report's targets. */
  targets: TargetService;
  /** Routing (by region, phone area code or a target's location) and the triage row. */
  triage: TriageService;
  /** Called once a report has been stored (metrics). */
  onReceived?: (channel: string) => void;
}

/**
 * The one intake path. Every channel calls `submit`; a report is acknowledged only after it has committed.
 * The rules live here and in each module's service; the writes — sealed identity, case, first timeline event,
 * report, receipt, audit entry — go to the database as one statement (one round trip, all or nothing).
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db } = deps;
  const writer = createIntakeWriter(db, deps);

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

    /** The answer already given for an idempotency key (a retried submission), or undefined. */
    replay(idempotencyKey: string): Promise<IntakeResult | undefined> {
      return deps.idempotency ? deps.idempotency.replay(idempotencyKey) : Promise.resolve(undefined);
    },

    async submit(input: IntakeInput): Promise<IntakeResult> {
      const { category, answers } = await checkCategoryAndAnswers(input);
      const text = await deps.text.analyse({ description: input.description, explicit: input.targets });
      const { analysis, suggestion } = text;
      // "Not sure" (other): the case takes the suggested category; otherwise the suggestion is only shown.
      const suggested =
        category.code === 'other' && suggestion.category !== 'other'
          ? await deps.categories.find(suggestion.category)
          : undefined;
      const caseCategory = suggested ?? category;
      const plan = await deps.targets.plan(analysis, caseCategory.code);
      const phones = analysis.targets.filter((t) => t.kind === 'phone').map((t) => t.normalized);
      const routing = await deps.triage.route(input.regionCode, phones, plan.targetRegion, caseCategory.code);
      const department = routing.department;
      const basePriority = higherPriority(caseCategory.defaultPriority, suggestion.priority);
      const priority = input.minimumPriority
        ? higherPriority(basePriority, input.minimumPriority)
        : basePriority;
      const joined = plan.join;
      const now = new Date();
      const reportNumber = dailyNumber('report', 'JB', now, deps.timeZone);
      const caseNumber = dailyNumber('case', 'AJ', now, deps.timeZone);
      const reportId = randomUUID();
      const identity = input.reporter ? deps.reporters.sealIdentity(input.reporter) : undefined;
      const kase = deps.cases.openCase(
        {
          numberSequence: caseNumber.sequence,
          numberPrefix: caseNumber.prefix,
          categoryCode: caseCategory.code,
          priority,
          departmentId: department.id,
        },
        {
          type: 'report_received',
          actorType: 'system',
          payload: { reportId, channel: input.channel, departmentCode: department.code },
          public: true,
        },
      );
      const caseId = joined?.id ?? kase.id;
      const firstEvent = joined
        ? {
            caseId,
            type: 'report_joined',
            actorType: 'system' as const,
            payload: { reportId, channel: input.channel },
            public: true,
          }
        : kase.eventRow;
      const receipt = deps.reporters.issueReceipt(reportId);
      const evidenceSource =
        input.channel === 'partner' ? 'partner' : input.channel === 'hotline' ? 'staff' : 'reporter';
      const evidence = deps.evidence.rowsFor(reportId, input.evidence ?? [], evidenceSource);
      const key = deps.idempotency && input.idempotencyKey;
      const write = writer.write({
        report: {
          id: reportId,
          numberSequence: reportNumber.sequence,
          numberPrefix: reportNumber.prefix,
          caseId,
          channel: input.channel,
          categoryCode: category.code,
          description: input.description,
          answers,
          targets: input.targets,
          occurredAt: input.occurredAt ?? null,
          regionCode: input.regionCode ?? null,
          reporterIdentityId: identity?.id ?? null,
          contactConsent: identity !== undefined && input.contactConsent === true,
          language: input.language,
          searchTokens: text.tokens,
        },
        newCase: joined ? undefined : kase.caseRow,
        caseNo: joined?.caseNo,
        firstEvent,
        cluster: deps.targets.clusterRow(reportId, caseId, !joined, analysis, plan.known, text.simhash),
        triage: {
          reportId,
          caseId,
          chosenCategory: category.code,
          suggestedCategory: suggestion.category,
          suggestedPriority: suggestion.priority,
          reasons: suggestion.reasons,
          urgent: suggestion.urgent,
          routedDepartmentId: department.id,
          routingBasis: routing.basis,
          relatedCaseIds: plan.related,
          raise: joined ? { caseId, priority } : undefined,
        },
        identity,
        receipt: receipt.row,
        evidence,
        audit: {
          actorType: 'system',
          action: 'report.received',
          subjectType: 'report',
          subjectId: reportId,
          payload: {
            caseId,
            joined: joined !== undefined,
            channel: input.channel,
            anonymous: !identity,
            evidence: evidence.length,
          },
        },
        sequences: [reportNumber, caseNumber],
        idempotency: key ? deps.idempotency?.row(key, reportId, receipt.code) : undefined,
      });
      let written: Awaited<typeof write>;
      try {
        written = await write;
      } catch (err) {
        // The same key raced in at the same time and won: this statement rolled back; answer as a replay.
        const replayed = key && isIdempotencyConflict(err) ? await deps.idempotency?.replay(key) : undefined;
        if (replayed) return replayed;
        throw err;
      }
      deps.onReceived?.(input.channel);
      const { reportNo, caseNo } = written;
      return { reportId, reportNo, caseNo, receiptCode: receipt.code, status: 'received' };
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
