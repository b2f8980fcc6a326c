import type { DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { isMessageKey, translate } from '../../platform/i18n/translate.js';
import type { RateLimiter, RateLimitRule } from '../../platform/rate-limit.js';
import { type CaseService, NO_ID } from '../cases/case.service.js';
import type { CategoryService } from '../categories/category.service.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { TReceiptReport } from './receipt.schemas.js';
import type { ReporterService } from './reporter.service.js';

export interface ReceiptDeps {
  db: DbOrTx;
  reporters: ReporterService;
  intake: IntakeService;
  cases: CaseService;
  categories: CategoryService;
  rateLimiter: RateLimiter;
  /** Failed look-ups allowed per client address per window. */
  failureRule: RateLimitRule;
  /** Called for every code that matched nothing (metrics). */
  onFailure: () => void;
}

function label(lang: TLanguage, key: string): string {
  return isMessageKey(key) ? translate(lang, key) : key;
}

/** Anonymous follow-up: what a receipt code lets its holder see. */
export function createReceiptService(deps: ReceiptDeps) {
  return {
    /**
     * Looks a report up by receipt code. Found and not-found do the same reads in the same order; failures
     * count against the client address and end in 429s.
     */
    async lookup(receiptCode: string, clientAddress: string, lang: TLanguage): Promise<TReceiptReport> {
      await deps.rateLimiter.assertAllowed(deps.failureRule, clientAddress);
      const reportId = await deps.reporters.findReportByReceipt(deps.db, receiptCode);
      const summary = await deps.intake.summary(reportId ?? NO_ID);
      const view = await deps.cases.publicView(deps.db, summary?.caseId);
      if (!summary || !view.state) {
        deps.onFailure();
        await deps.rateLimiter.count(deps.failureRule, clientAddress);
        throw new AppError('receipt_not_found', 404);
      }
      const category = await deps.categories.find(summary.categoryCode);
      const categoryName = category
        ? lang === 'en'
          ? category.nameEn
          : category.nameZh
        : summary.categoryCode;
      return {
        reportNo: summary.reportNo,
        status: view.state,
        statusLabel: label(lang, `status.${view.state}`),
        category: { code: summary.categoryCode, name: categoryName },
        submittedAt: summary.submittedAt.toISOString(),
        timeline: view.events.map((e) => ({
          type: e.type,
          label: label(lang, `event.${e.type}`),
          at: e.at.toISOString(),
        })),
      };
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
