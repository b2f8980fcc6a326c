import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { addReporterMessage } from '../cases/followup.service.js';
import type { EvidenceService, TPreparedEvidence } from '../evidence/evidence.service.js';
import type { IntakeService } from '../intake/intake.service.js';
import { createEmailAcks, emailIdempotencyKey } from './email.acks.js';
import { hashMessageId, parseMail, stripQuoted, type TParsedMail } from './email.parse.js';
import { findThread, insertThread, insertThreads, threadExists } from './email.repository.js';
import { createThreadTokens } from './email.token.js';

export interface EmailChannelDeps {
  db: Db;
  keys: DerivedKeys;
  intake: IntakeService;
  evidence: EvidenceService;
  mailer: Mailer;
  /** Addresses that take reports (lowercase); `local+anything@domain` reaches `local@domain`. */
  reportAddresses: string[];
  logger: Logger;
}

export interface TEnvelope {
  /** MAIL FROM; null or '' for the null sender (bounces). */
  from: string | null;
  to: string[];
}

export type THandled =
  | { kind: 'report'; reportNo: string; replayed: boolean }
  | { kind: 'reply'; reportId: string }
  | { kind: 'ignored'; reason: 'automatic_reply' | 'duplicate' };

const MAX_DESCRIPTION = 10_000;
const MAX_MESSAGE = 5000;

const baseAddress = (address: string) => {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  return { local: local.split('+')[0] ?? '', tag: local.split('+')[1], domain };
};
async function* onePart(filename: string, content: Buffer) {
  yield { filename, file: Readable.from(content) };
}
const languageOf = (text: string): TLanguage => (/[\u3400-\u9fff]/.test(text) ? 'zh-CN' : 'en');

/**
 * The e-mail channel adapter: a received mail becomes a report through the one intake service (sender sealed
 * as the reporter's e-mail, attachments through the evidence pipeline), or — when it answers an
 * acknowledgement (token in the address or subject, In-Reply-To/References) — a message on that report.
 * Acknowledgements go out after the commit, never to automatic mail.
 */
export function createEmailChannel(deps: EmailChannelDeps) {
  const { db, keys, intake, evidence, mailer, logger } = deps;
  const pending = new Set<Promise<void>>();

  const { tokenFor, reportOfToken } = createThreadTokens(keys);
  const acks = createEmailAcks({ db, keys, intake, mailer, reportAddresses: deps.reportAddresses });

  function accepts(address: string): boolean {
    const a = baseAddress(address);
    return deps.reportAddresses.some((r) => {
      const b = baseAddress(r);
      return a.local === b.local && a.domain === b.domain;
    });
  }

  /** The report a mail answers: a valid token in a recipient address or the subject, else its threading. */
  async function threadOf(mail: TParsedMail, envelope: TEnvelope): Promise<string | undefined> {
    for (const to of envelope.to) {
      const t = baseAddress(to).tag;
      const id = t ? reportOfToken(t) : undefined;
      if (id) return id;
    }
    const fromSubject = reportOfToken(mail.subject);
    if (fromSubject) return fromSubject;
    const ids = [...mail.inReplyTo, ...mail.references];
    return findThread(db, ids.map(hashMessageId));
  }

  /** Each attachment on its own (one refused file does not drop the others); returns the stored ones. */
  async function ingestAttachments(mail: TParsedMail) {
    const stored: TPreparedEvidence[] = [];
    let skipped = Math.max(0, mail.attachments.length - evidence.limits.maxFiles);
    for (const a of mail.attachments.slice(0, evidence.limits.maxFiles)) {
      try {
        stored.push(...(await evidence.ingest(onePart(a.filename, a.content))));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        skipped++;
      }
    }
    return { stored, skipped };
  }

  async function reply(reportId: string, mail: TParsedMail, messageIdHash: Buffer): Promise<THandled> {
    if (mail.automatic) return { kind: 'ignored', reason: 'automatic_reply' };
    const summary = await intake.summary(reportId);
    if (!summary) return { kind: 'ignored', reason: 'duplicate' };
    if (await threadExists(db, messageIdHash)) return { kind: 'ignored', reason: 'duplicate' };
    const { stored } = await ingestAttachments(mail);
    const body = (stripQuoted(mail.text) || mail.subject || '-').slice(0, MAX_MESSAGE);
    await db.transaction(async (tx) => {
      // The Message-ID row first: a retried delivery of the same reply is stored once.
      if (!(await insertThread(tx, { messageIdHash, reportId, kind: 'reply' }))) return;
      await addReporterMessage(tx as unknown as Db, { caseId: summary.caseId, reportId, body });
      await evidence.attach(tx as unknown as Db, reportId, stored, { type: 'reporter' });
    });
    return { kind: 'reply', reportId };
  }

  return {
    accepts,
    tokenFor,
    /** Acknowledgements owed and their retry (the `email_acks` job runs the same code from the services). */
    acks,

    /**
     * Handles one received mail. Resolves only after what it stores has committed; throws (database down, …)
     * when nothing was stored, so the SMTP answer can be 451 and the sender retries.
     */
    async handle(raw: Buffer, envelope: TEnvelope): Promise<THandled> {
      const mail = await parseMail(raw, envelope.from);
      const messageIdHash = hashMessageId(mail.messageId ?? createHash('sha256').update(raw).digest('hex'));
      const thread = await threadOf(mail, envelope);
      if (thread) return reply(thread, mail, messageIdHash);

      // A retried delivery (same Message-ID) is answered with the first one's report, and not acknowledged again.
      // The acknowledgement is owed before the submission (same round trip as the look-up), so a crash after the
      // commit cannot lose it: the `email_acks` job sends what the receiving process did not.
      const idempotencyKey = emailIdempotencyKey(messageIdHash);
      const language = languageOf(`${mail.subject} ${mail.text}`);
      const to = mail.automatic ? undefined : mail.from;
      const [replayed, owed] = await Promise.all([
        intake.replay(idempotencyKey),
        to
          ? acks.owe(
              messageIdHash,
              { to, messageId: mail.messageId, references: mail.references, language },
              mail.attachments.length,
            )
          : undefined,
      ]);
      if (replayed) return { kind: 'report', reportNo: replayed.reportNo, replayed: true };

      const { stored, skipped } = await ingestAttachments(mail);
      const description = [mail.subject, mail.text].filter(Boolean).join('\n\n').slice(0, MAX_DESCRIPTION);
      const result = await intake.submit({
        channel: 'email',
        category: 'other',
        description: description || '-',
        answers: {},
        targets: [],
        reporter: mail.from ? { email: mail.from } : undefined,
        contactConsent: mail.from !== undefined,
        language,
        evidence: stored,
        idempotencyKey,
      });
      // After the commit, off the SMTP answer's path: the thread's Message-IDs and the acknowledgement.
      const sending: Promise<void> = (async () => {
        if (owed) await acks.sendAfterCommit(messageIdHash, owed, result, skipped);
        else await insertThreads(db, [{ messageIdHash, reportId: result.reportId, kind: 'inbound' }]);
      })()
        .catch((err: unknown) => {
          const error = (err as Error)?.name;
          logger.warn(
            { error, reportNo: result.reportNo },
            'e-mail: acknowledgement not sent yet (the job retries)',
          );
        })
        .finally(() => pending.delete(sending));
      pending.add(sending);
      return { kind: 'report', reportNo: result.reportNo, replayed: false };
    },

    /** Waits for acknowledgements still being sent (shutdown, tests). */
    async flush(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type EmailChannel = ReturnType<typeof createEmailChannel>;
