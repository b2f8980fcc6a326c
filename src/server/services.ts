import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createCaseService } from './modules/cases/case.service.js';
import { createCaseMerge } from './modules/cases/case-merge.service.js';
import { createCaseQueue } from './modules/cases/case-queue.service.js';
import { createCaseView } from './modules/cases/case-view.service.js';
import { createCaseWorkflow } from './modules/cases/case-workflow.service.js';
import { createCategoryService } from './modules/categories/category.service.js';
import { createEmailAcks } from './modules/channels/email.acks.js';
import { createHotlineService } from './modules/channels/hotline.service.js';
import { createPartnerService } from './modules/channels/partner.service.js';
import { createEvidenceService } from './modules/evidence/evidence.service.js';
import { createIdempotency } from './modules/intake/idempotency.js';
import { createIntakeService } from './modules/intake/intake.service.js';
import { createTextAnalyser } from './modules/intake/text-analysis.js';
import { createNotificationService } from './modules/notifications/notification.service.js';
import { createReporterNotices } from './modules/notifications/reporter-notice.service.js';
import { createAccessGuard } from './modules/org/access.guard.js';
import { createAuthService } from './modules/org/auth.service.js';
import { createDepartmentService } from './modules/org/department.service.js';
import { createStaffService } from './modules/org/staff.service.js';
import { createReceiptService } from './modules/reporters/receipt.service.js';
import { createReceiptGuard } from './modules/reporters/receipt-guard.js';
import { receiptSessionPolicy } from './modules/reporters/receipt-session.js';
import { createReporterService } from './modules/reporters/reporter.service.js';
import { createRetention } from './modules/reporters/retention.service.js';
import { createRevealService, type RevealService } from './modules/reporters/reveal.service.js';
import { createSlaService } from './modules/sla/sla.service.js';
import { createSlaSweep } from './modules/sla/sla.sweep.js';
import { createSlaAdmin } from './modules/sla/sla-admin.service.js';
import { createSlaDashboard } from './modules/sla/sla-dashboard.service.js';
import { createTargetService } from './modules/targets/target.service.js';
import { createTriageService } from './modules/triage/triage.service.js';
import type { TConfig } from './platform/config.js';
import type { DerivedKeys } from './platform/crypto/keys.js';
import type { Database } from './platform/db/pool.js';
import { deleteSpentChallenges } from './platform/db/submission-guard.repository.js';
import { createHousekeeping } from './platform/housekeeping.js';
import { createMailer } from './platform/mail/mailer.js';
import { createMetrics } from './platform/metrics.js';
import { createRateLimiter } from './platform/rate-limit.js';
import { createSessionService } from './platform/sessions/session.service.js';
import { httpGatewaySms, outboxSms } from './platform/sms/sms.js';
import { createLocalBlobStore } from './platform/storage/blob-store.js';
import { createSubmissionGuard } from './platform/submission-guard.js';

/** The composition root: every service, wired once per process. */
export function createServices(config: TConfig, database: Database, keys: DerivedKeys) {
  const { db } = database;
  const metrics = createMetrics();
  const sessions = createSessionService(db, {
    secureCookies: config.SECURE_COOKIES ?? config.NODE_ENV === 'production',
  });
  const categories = createCategoryService(db);
  const departments = createDepartmentService(db);
  const access = createAccessGuard({ db, sessions, departments });
  const auth = createAuthService({ db, keys, sessions });
  const staff = createStaffService({ db, sessions, departments });
  const reporters = createReporterService(keys);
  const cases = createCaseService();
  const rateLimiter = createRateLimiter(db, keys, (rule) => metrics.rateLimited.labels(rule).inc());
  const evidence = createEvidenceService({
    db,
    keys,
    blobs: createLocalBlobStore(path.join(config.dataDir, 'evidence')),
    limits: {
      maxFileBytes: config.EVIDENCE_MAX_FILE_BYTES,
      maxFiles: config.EVIDENCE_MAX_FILES,
      maxTotalBytes: config.EVIDENCE_MAX_TOTAL_BYTES,
    },
  });
  const categoryCodes = async () => (await categories.all()).map((c) => c.code);
  const targets = createTargetService(db, { categoryCodes });
  const triage = createTriageService({
    db,
    departments,
    displayNames: (ids) => staff.displayNames(ids),
    categoryCodes,
  });
  // Reports' texts read off the event loop (TEXT_ANALYSIS); a failed worker is counted and warned about, never fatal.
  const text = createTextAnalyser({
    mode: config.TEXT_ANALYSIS,
    targetConfig: () => targets.config(),
    rules: () => triage.rules(),
    onFailure: (err) => {
      metrics.textAnalysisFailures.inc();
      process.emitWarning(`text analysis worker failed; analysing on the event loop: ${String(err)}`);
    },
  });
  const intake = createIntakeService({
    db,
    text,
    timeZone: config.TIME_ZONE,
    categories,
    reporters,
    cases,
    evidence,
    idempotency: createIdempotency(db, keys),
    targets,
    triage,
    onReceived: (channel) => metrics.reportsReceived.labels(channel).inc(),
  });
  const receiptGuard = createReceiptGuard({
    db,
    rateLimiter,
    addressRule: {
      name: 'receipt-lookup-failures',
      limit: config.RECEIPT_LOOKUP_LIMIT,
      windowSeconds: config.RECEIPT_LOOKUP_WINDOW_SECONDS,
    },
    globalRule: {
      name: 'receipt-global-failures',
      limit: config.RECEIPT_GLOBAL_FAILURE_LIMIT,
      windowSeconds: config.RECEIPT_GLOBAL_WINDOW_SECONDS,
    },
    backoffBaseMs: config.RECEIPT_BACKOFF_BASE_MS,
    backoffMaxMs: config.RECEIPT_BACKOFF_MAX_MS,
    auditAfterFailures: config.RECEIPT_AUDIT_AFTER_FAILURES,
    onFailure: () => metrics.receiptFailures.inc(),
  });
  const receipts = createReceiptService({
    db,
    reporters,
    intake,
    cases,
    categories,
    evidence,
    guard: receiptGuard,
  });
  const receiptSession = receiptSessionPolicy(
    config.RECEIPT_SESSION_IDLE_SECONDS,
    config.RECEIPT_SESSION_ABSOLUTE_SECONDS,
  );
  const submissionGuard = createSubmissionGuard({
    db,
    keys,
    rateLimiter,
    difficulty: config.POW_DIFFICULTY,
    rule: {
      name: 'web-submissions',
      limit: config.SUBMIT_RATE_LIMIT,
      windowSeconds: config.SUBMIT_RATE_WINDOW_SECONDS,
    },
  });
  // Deadlines and notifications (issue 8). The workflow tells them of each change in its transaction.
  const outbox = path.join(config.dataDir, 'outbox');
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: outbox });
  const sms = config.SMS_GATEWAY_URL
    ? httpGatewaySms({ url: config.SMS_GATEWAY_URL, token: config.SMS_GATEWAY_TOKEN })
    : outboxSms(path.join(outbox, 'sms'));
  const notifications = createNotificationService({ db, mailer, departments });
  const reporterNotices = createReporterNotices({ db, keys, mailer, sms, timeZone: config.TIME_ZONE });
  const sla = createSlaService({
    db,
    departments,
    cases,
    timeZone: config.TIME_ZONE,
    notices: reporterNotices,
  });
  const slaSweep = createSlaSweep({
    db,
    sla,
    cases,
    departments,
    notifications,
    graceWorkingDays: config.SLA_SUPERVISION_GRACE_DAYS,
  });
  const slaAdmin = createSlaAdmin({ db, departments, sla });
  const slaDashboard = createSlaDashboard({ db, departments, notifications, timeZone: config.TIME_ZONE });
  const REPORTER_NOTICE_OF: Record<
    string,
    { kind: 'acceptance' | 'not_accepted' | 'info_request' | 'outcome'; field?: string }
  > = {
    accept: { kind: 'acceptance' },
    not_accept: { kind: 'not_accepted', field: 'reason' },
    request_info: { kind: 'info_request', field: 'question' },
    close: { kind: 'outcome' },
  };
  // Channels (issue 6): partner API and trusted flaggers, hotline (e-mail starts with the server: serve.ts).
  const partners = createPartnerService({
    db,
    keys,
    intake,
    rateLimiter,
    webhookTimeoutMs: config.PARTNER_WEBHOOK_TIMEOUT_MS,
    webhookAllowPrivate: config.PARTNER_WEBHOOK_ALLOW_PRIVATE,
  });
  // E-mail acknowledgements a crash or a relay failure left unsent (the `email_acks` job).
  const emailAcks = createEmailAcks({ db, keys, intake, mailer, reportAddresses: config.REPORT_ADDRESSES });
  const hotline = createHotlineService({
    db,
    keys,
    intake,
    evidence,
    cases,
    telephonySecret: config.TELEPHONY_SECRET,
  });
  const caseWorkflow = createCaseWorkflow({
    db,
    departments,
    onChange: async (tx, change) => {
      await sla.onCaseChange(tx, change);
      await partners.onCaseChange(tx, change);
      const notice = REPORTER_NOTICE_OF[change.action];
      if (notice) {
        const value = notice.field ? change.fields[notice.field] : undefined;
        await reporterNotices.queueForCase(tx, change.caseId, {
          kind: notice.kind,
          ref: randomUUID(),
          params: notice.field && value ? { [notice.field]: value } : {},
        });
      }
    },
  });
  const caseMerge = createCaseMerge({
    db,
    timeZone: config.TIME_ZONE,
    followTargets: (tx, reportIds, toCaseId, caseIds) =>
      targets.followReports(tx, reportIds, toCaseId, caseIds),
  });
  const caseQueue = createCaseQueue({ db, departments, timeZone: config.TIME_ZONE });
  // The case page and the reveal service need each other's answers; both get functions, not each other.
  let reveal: RevealService | undefined;
  const caseView = createCaseView({
    db,
    workflow: caseWorkflow,
    departments,
    staff,
    triageOf: (caseId) => triage.ofCase(caseId),
    nearDuplicates: (caseId) => targets.nearDuplicates(caseId),
    sameReporterToday: (reportId) => (reveal as RevealService).sameReporterToday(reportId),
    maskedReporter: (reportId) => (reveal as RevealService).masked(reportId),
  });
  reveal = createRevealService({
    db,
    keys,
    departments,
    cases,
    reportContext: (actor, reportId) => caseView.reportContext(actor, reportId),
  });
  const retention = createRetention({ db, evidence, retentionDays: config.RETENTION_DAYS });
  const housekeeping = createHousekeeping(db, [() => deleteSpentChallenges(db, 100_000)]);
  return {
    housekeeping,
    metrics,
    sessions,
    categories,
    departments,
    access,
    auth,
    staff,
    reporters,
    cases,
    caseWorkflow,
    caseMerge,
    caseQueue,
    caseView,
    reveal,
    retention,
    rateLimiter,
    evidence,
    text,
    intake,
    targets,
    triage,
    receipts,
    receiptSession,
    submissionGuard,
    mailer,
    notifications,
    reporterNotices,
    sla,
    slaSweep,
    slaAdmin,
    slaDashboard,
    partners,
    hotline,
    emailAcks,
  };
}

export type Services = ReturnType<typeof createServices>;
