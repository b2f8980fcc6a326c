import { recordAudit } from '../../platform/audit/audit.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { translate } from '../../platform/i18n/translate.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { SmsProvider } from '../../platform/sms/sms.js';
import type { TActor } from '../org/access.policy.js';
import type { TReporterIdentity } from '../reporters/identity.js';
import { IDENTITY_CONTEXT } from '../reporters/reporter.service.js';
import {
  ackWindow,
  advanceAckCursor,
  consentingReportIds,
  findReportForNotice,
  listTemplateOverrides,
  recordNotice,
  unacknowledgedReports,
  upsertTemplate,
} from './reporter-notice.repository.js';
import {
  DEFAULT_TEMPLATES,
  deadlinesText,
  disallowedPlaceholders,
  REPORTER_NOTICE_KINDS,
  renderTemplate,
  type TNoticeChannel,
  type TReporterNoticeKind,
} from './templates.js';

export interface TNoticeJob {
  reportId: string;
  kind: TReporterNoticeKind;
  /** What it is about (a case event, an extension): the same ref is sent once. */
  ref: string;
  /**
   * Only the facts the kind's template may use (see ALLOWED_PLACEHOLDERS; for the acknowledgement, the deadline
   * facts `deadlinesText` reads); never PII.
   */
  params: Record<string, string>;
}

/**
 * The deadline facts of cases for their acknowledgement (see `deadlinesText`), by case id; a case left out is
 * not ready yet (its deadlines are still to be computed): its reports wait for the next scan.
 */
export type TAckFacts = (tx: DbOrTx, caseIds: string[]) => Promise<Map<string, Record<string, string>>>;

/**
 * Messages to reporters who left a contact and agreed to be contacted. The identity is unsealed only inside
 * the sending job, in memory; nothing about the address or the text is stored (only that a notice was sent).
 * Anonymous reporters see the same updates as public events in their receipt session.
 */
export function createReporterNotices(deps: {
  db: Db;
  keys: DerivedKeys;
  mailer: Mailer;
  sms: SmsProvider;
  timeZone: string;
}) {
  const { db } = deps;

  async function templateFor(kind: TReporterNoticeKind, lang: TLanguage, channel: TNoticeChannel) {
    const override = (await listTemplateOverrides(db)).find(
      (t) => t.kind === kind && t.language === lang && t.channel === channel,
    );
    return override ?? DEFAULT_TEMPLATES[kind][lang][channel];
  }

  return {
    /** Queues a notice to every consenting reporter of the case, in the caller's transaction. */
    async queueForCase(tx: DbOrTx, caseId: string, notice: Omit<TNoticeJob, 'reportId'>): Promise<number> {
      const reportIds = await consentingReportIds(tx, caseId);
      for (const reportId of reportIds) {
        await enqueueJob(tx, 'notify_reporter', { ...notice, reportId } satisfies TNoticeJob, {
          jobKey: `reporter:${reportId}:${notice.kind}:${notice.ref}`,
        });
      }
      return reportIds.length;
    },

    /**
     * Acknowledges every consenting report submitted since the last scan — the ones that opened a case and
     * the ones that joined an existing case — with its number and the case's deadlines (never the receipt
     * code). Runs from the minutely `sla_open` task; nothing is added to the intake statement. The window ends
     * before the oldest running transaction (see `ackWindow`) and overlaps the previous one; the job key and
     * `reporter_notices` make a report acknowledged once however often it is seen.
     */
    async acknowledgeNew(facts: TAckFacts, page = 500): Promise<number> {
      const window = await ackWindow(db);
      const held: string[] = [];
      let after: { at: string; id: string } | undefined;
      let queued = 0;
      for (;;) {
        const rows = await db.transaction(async (tx) => {
          const found = await unacknowledgedReports(tx, { ...window, after, limit: page });
          const ready = await facts(tx, [...new Set(found.map((r) => r.caseId))]);
          for (const r of found) {
            const params = ready.get(r.caseId);
            if (!params) {
              held.push(r.submittedAt);
              continue;
            }
            const job: TNoticeJob = { reportId: r.id, kind: 'acknowledgement', ref: '', params };
            await enqueueJob(tx, 'notify_reporter', job, { jobKey: `reporter:${r.id}:acknowledgement:` });
            queued += 1;
          }
          return found;
        });
        const last = rows.at(-1);
        if (!last || rows.length < page) break;
        after = { at: last.submittedAt, id: last.id };
      }
      await advanceAckCursor(db, window.to, held);
      return queued;
    },

    /** Job: sends one notice by e-mail (preferred) or SMS, once. */
    async send(job: TNoticeJob): Promise<'sent' | 'skipped' | 'duplicate'> {
      return db.transaction(async (tx) => {
        const report = await findReportForNotice(tx, job.reportId);
        if (!report) return 'skipped';
        const identity = report.sealed
          ? deps.keys.unseal<TReporterIdentity>(IDENTITY_CONTEXT, report.sealed)
          : undefined;
        const channel: TNoticeChannel | null = identity?.email ? 'email' : identity?.phone ? 'sms' : null;
        const fresh = await recordNotice(tx, {
          reportId: job.reportId,
          kind: job.kind,
          ref: job.ref,
          channel,
          status: channel ? 'sent' : 'skipped',
        });
        if (!fresh) return 'duplicate';
        if (!channel || !identity) return 'skipped';
        const lang = report.language;
        const params: Record<string, string> = { ...job.params, reportNo: report.reportNo };
        if (job.kind === 'outcome' && report.outcome) params.outcome = outcomeLabel(lang, report.outcome);
        if (job.kind === 'acknowledgement') params.deadlines = deadlinesText(lang, job.params);
        const template = await templateFor(job.kind, lang, channel);
        const body = renderTemplate(job.kind, template.body, params);
        if (channel === 'email' && identity.email) {
          const subject = renderTemplate(job.kind, template.subject, params);
          await deps.mailer.send({ to: identity.email, subject, text: body });
        } else if (identity.phone) {
          await deps.sms.send(identity.phone, body);
        }
        return 'sent';
      });
    },

    /** Every template (admin-edited where edited), with the placeholders each kind may use. */
    async templates() {
      const overrides = await listTemplateOverrides(db);
      return REPORTER_NOTICE_KINDS.flatMap((kind) =>
        (['zh-CN', 'en'] as const).flatMap((language) =>
          (['email', 'sms'] as const).map((channel) => {
            const o = overrides.find(
              (t) => t.kind === kind && t.language === language && t.channel === channel,
            );
            const d = DEFAULT_TEMPLATES[kind][language][channel];
            return {
              kind,
              language,
              channel,
              subject: o?.subject ?? d.subject,
              body: o?.body ?? d.body,
              edited: Boolean(o),
            };
          }),
        ),
      );
    },

    async saveTemplate(
      actor: TActor,
      t: {
        kind: TReporterNoticeKind;
        language: TLanguage;
        channel: TNoticeChannel;
        subject: string;
        body: string;
      },
    ) {
      const bad = disallowedPlaceholders(t.kind, `${t.subject} ${t.body}`);
      if (bad.length) throw new AppError('template_placeholder_not_allowed', 400, { names: bad.join(', ') });
      await db.transaction(async (tx) => {
        await upsertTemplate(tx, { ...t, updatedBy: actor.id });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'notification.template_saved',
          subjectType: 'notification_template',
          subjectId: `${t.kind}/${t.language}/${t.channel}`,
        });
      });
    },
  };
}

function outcomeLabel(lang: TLanguage, outcome: string): string {
  const key = `outcome.${outcome}` as const;
  return key === 'outcome.substantiated' ||
    key === 'outcome.partly_substantiated' ||
    key === 'outcome.unsubstantiated'
    ? translate(lang, key)
    : outcome;
}

export type ReporterNotices = ReturnType<typeof createReporterNotices>;
