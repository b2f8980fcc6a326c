import { createCaseService } from './modules/cases/case.service.js';
import { createCategoryService } from './modules/categories/category.service.js';
import { createIntakeService } from './modules/intake/intake.service.js';
import { createDepartmentService } from './modules/org/department.service.js';
import { createReceiptService } from './modules/reporters/receipt.service.js';
import { createReporterService } from './modules/reporters/reporter.service.js';
import type { TConfig } from './platform/config.js';
import type { DerivedKeys } from './platform/crypto/keys.js';
import type { Database } from './platform/db/pool.js';
import { createMetrics } from './platform/metrics.js';
import { createRateLimiter } from './platform/rate-limit.js';
import { createSessionService } from './platform/sessions/session.service.js';

/** The composition root: every service, wired once per process. */
export function createServices(config: TConfig, database: Database, keys: DerivedKeys) {
  const { db } = database;
  const metrics = createMetrics();
  const sessions = createSessionService(db, {
    secureCookies: config.SECURE_COOKIES ?? config.NODE_ENV === 'production',
  });
  const categories = createCategoryService(db);
  const departments = createDepartmentService(db);
  const reporters = createReporterService(keys);
  const cases = createCaseService();
  const rateLimiter = createRateLimiter(db, keys, (rule) => metrics.rateLimited.labels(rule).inc());
  const intake = createIntakeService({
    db,
    timeZone: config.TIME_ZONE,
    categories,
    departments,
    reporters,
    cases,
  });
  const receipts = createReceiptService({
    db,
    reporters,
    intake,
    cases,
    categories,
    rateLimiter,
    failureRule: {
      name: 'receipt-lookup-failures',
      limit: config.RECEIPT_LOOKUP_LIMIT,
      windowSeconds: config.RECEIPT_LOOKUP_WINDOW_SECONDS,
    },
    onFailure: () => metrics.receiptFailures.inc(),
  });
  return { metrics, sessions, categories, departments, reporters, cases, rateLimiter, intake, receipts };
}

export type Services = ReturnType<typeof createServices>;
