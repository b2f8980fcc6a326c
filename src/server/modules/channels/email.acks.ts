import { createBatcher } from '../../platform/batcher.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { Db } from '../../platform/db/pool.js';
import type { TLanguage } from '../../platform/http/language.js';
import { translate } from '../../platform/i18n/translate.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { IntakeService } from '../intake/intake.service.js';
import { formatReceiptCode } from '../reporters/receipt-code.js';
import {
  claimAfterCommit,
  claimDue,
  countEvidence,
  insertOwedAcks,
  markExpired,
  markSent,
  postpone,
  pruneFinished,
} from './email.acks.repository.js';
import { hashMessageId } from './email.parse.js';
import { createThreadTokens } from './email.token.js';

/** Seal context of an owed acknowledgement's recipient and threading ids. */
export const ACK_CONTEXT = 'email-ack';
/** How long the receiving process has to send its acknowledgement before the job may (crash recovery). */
export const ACK_LEASE_SECONDS = 600;
/** Owed acknowledgements whose report never turned up are given up after this (the intake forgets keys too). */
const GIVE_UP_MS = 24 * 60 * 60_000;
const NO_REPORT_RETRY_SECONDS = 300;

/** What an acknowledgement needs from the received mail (sealed while owed). */
export interface TAckMail {
  to: string;
  messageId?: string | undefined;
  references: string[];
  language: TLanguage;
}
/** An acknowledgement owed by this process (see `owe`). */
export interface TOwedAck {
  fresh: boolean;
  at: number;
  mail: TAckMail;
}
interface TAckReport {
  reportId: string;
  reportNo: string;
  receiptCode: string;
}

/** The intake idempotency key of a received mail (its Message-ID's hash): retries never make a second report. */
export const emailIdempotencyKey = (messageIdHash: Buffer) => `email:${messageIdHash.toString('hex')}`;

const baseAddress = (address: string) => {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return { local: local.split('+')[0] ?? '', domain };
};
const backoffSeconds = (attempts: number) => Math.min(60 * 2 ** Math.max(0, attempts - 1), 3600);

/**
 * Acknowledgements of e-mailed reports, exactly once per report even across crashes: owed before the report is
 * submitted (`owe`, in parallel with the idempotency look-up; the row is leased to the receiving process), sent
 * after the commit by that process (`sendAfterCommit`); one it never sent (it died, or the relay failed) is sent
 * by the `email_acks` job (`retryDue`) once the lease or backoff is over, with the receipt code from the intake's
 * sealed idempotency row. Whoever sends holds the row (the lease, or a claim by one conditional UPDATE), so the
 * process and the job never both send; a resend after a crash between the relay's acceptance and `markSent`
 * carries the same Message-ID. Automatic mail owes nothing (no loops).
 */
export function createEmailAcks(deps: {
  db: Db;
  keys: DerivedKeys;
  intake: Pick<IntakeService, 'replay'>;
  mailer: Mailer;
  reportAddresses: string[];
}) {
  const { db, keys, mailer } = deps;
  // Mails received at the same time share one statement for their owed rows and one for their "sent" marks.
  type TOwed = Parameters<typeof insertOwedAcks>[1][number];
  const owedRows = createBatcher<TOwed, boolean>({
    run: async (rows) => {
      const created = await insertOwedAcks(db, rows);
      // The same key twice in one batch (a delivery retried at once): only its first caller created it.
      const seen = new Set<string>();
      return rows.map((r) => {
        const key = r.keyHash.toString('hex');
        const fresh = created.has(key) && !seen.has(key);
        seen.add(key);
        return fresh;
      });
    },
    maxBatch: 64,
    maxInFlight: 2,
  });
  type TSentMark = Parameters<typeof markSent>[1][number];
  const sentMarks = createBatcher<TSentMark, void>({
    run: async (marks) => {
      await markSent(db, marks);
      return marks.map(() => undefined);
    },
    maxBatch: 64,
    maxInFlight: 2,
  });
  const tokens = createThreadTokens(keys);
  const address = deps.reportAddresses[0] ?? 'report@qinglang.invalid';
  const { local, domain } = baseAddress(address);
  const ackIdOf = (reportId: string) => tokens.ackMessageId(reportId, domain);

  async function send(mail: TAckMail, report: TAckReport, skipped: number): Promise<void> {
    const token = tokens.tokenFor(report.reportId);
    const params = { reportNo: report.reportNo, receiptCode: formatReceiptCode(report.receiptCode), skipped };
    const text = [
      translate(mail.language, 'mail.ack_body', params),
      skipped > 0 ? translate(mail.language, 'mail.ack_skipped', params) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    await mailer.send({
      to: mail.to,
      subject: `${translate(mail.language, 'mail.ack_subject', params)} [#${token}]`,
      text,
      replyTo: `${local}+${token}@${domain}`,
      messageId: ackIdOf(report.reportId),
      ...(mail.messageId
        ? { inReplyTo: mail.messageId, references: [...mail.references, mail.messageId] }
        : {}),
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    });
  }

  /** Sends an acknowledgement this process holds; on failure it is postponed (backoff) for the job, and rethrown. */
  async function deliver(
    keyHash: Buffer,
    mail: TAckMail,
    report: TAckReport,
    skipped: number,
    attempts: number,
  ): Promise<void> {
    try {
      await send(mail, report, skipped);
    } catch (err) {
      await postpone(db, keyHash, backoffSeconds(attempts), {
        attempts,
        reportId: report.reportId,
        skipped,
      }).catch(() => {});
      throw err;
    }
    await sentMarks.add({
      keyHash,
      reportId: report.reportId,
      skipped,
      threads: [
        { messageIdHash: keyHash, kind: 'inbound' },
        { messageIdHash: hashMessageId(ackIdOf(report.reportId)), kind: 'ack' },
      ],
    });
  }

  return {
    ackMessageId: ackIdOf,

    /**
     * Records that the mail with this Message-ID hash is to be acknowledged once its report commits. The row is
     * leased to this process; `fresh` when this call created it (not a retried delivery).
     */
    async owe(messageIdHash: Buffer, mail: TAckMail, attachments: number): Promise<TOwedAck> {
      const at = Date.now();
      const fresh = await owedRows.add({
        keyHash: messageIdHash,
        sealed: seal(keys.master, ACK_CONTEXT, mail),
        attachments,
        leaseSeconds: ACK_LEASE_SECONDS,
      });
      return { fresh, at, mail };
    },

    /**
     * After the commit, in the receiving process: sends, then records it sent with the thread's Message-IDs. A row
     * this process created is its own within the lease; any other is claimed first (one conditional UPDATE), so
     * the job and this process never both send. False when there was nothing to send here.
     */
    async sendAfterCommit(
      messageIdHash: Buffer,
      owed: TOwedAck,
      report: TAckReport,
      skipped: number,
    ): Promise<boolean> {
      let attempts = 1;
      if (!owed.fresh || Date.now() - owed.at > (ACK_LEASE_SECONDS * 1000) / 2) {
        const row = await claimAfterCommit(db, { keyHash: messageIdHash, leaseSeconds: ACK_LEASE_SECONDS });
        if (!row) return false;
        attempts = row.attempts;
      }
      await deliver(messageIdHash, owed.mail, report, skipped, attempts);
      return true;
    },

    /** The job: sends every acknowledgement that is due; finished rows older than 3 days are forgotten. */
    async retryDue(limit = 100): Promise<{ sent: number; failed: number; expired: number }> {
      const counts = { sent: 0, failed: 0, expired: 0 };
      for (const row of await claimDue(db, limit, ACK_LEASE_SECONDS)) {
        try {
          const report = await deps.intake.replay(emailIdempotencyKey(row.keyHash));
          if (!report) {
            // Not committed (yet: the sender was told 451 and retries), or its receipt code is gone.
            if (Date.now() - row.createdAt.getTime() > GIVE_UP_MS) {
              await markExpired(db, row.keyHash);
              counts.expired++;
            } else await postpone(db, row.keyHash, NO_REPORT_RETRY_SECONDS, { attempts: 0 });
            continue;
          }
          if (!row.sealed) {
            await markExpired(db, row.keyHash);
            continue;
          }
          const skipped =
            row.skipped ?? Math.max(0, row.attachments - (await countEvidence(db, report.reportId)));
          const mail = keys.unseal<TAckMail>(ACK_CONTEXT, row.sealed);
          await deliver(row.keyHash, mail, report, skipped, row.attempts);
          counts.sent++;
        } catch {
          counts.failed++;
        }
      }
      if (counts.sent + counts.failed + counts.expired < limit) await pruneFinished(db, 3);
      return counts;
    },
  };
}

export type EmailAcks = ReturnType<typeof createEmailAcks>;
