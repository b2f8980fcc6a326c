import type { Logger } from 'pino';
import type { TConfig } from '../../platform/config.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import type { Db } from '../../platform/db/pool.js';
import type { Services } from '../../services.js';
import { startImapPolling } from './email.imap.js';
import { type SmtpReceiver, startSmtpReceiver } from './email.receiver.js';
import { createEmailChannel, type EmailChannel } from './email.service.js';

export interface EmailIntake {
  channel: EmailChannel;
  smtp?: SmtpReceiver;
  close(): Promise<void>;
}

/** The e-mail channel with the server: SMTP receiver (unless SMTP_PORT=0) and optional IMAP polling. */
export async function startEmailIntake(ctx: {
  config: TConfig;
  db: Db;
  keys: DerivedKeys;
  services: Pick<Services, 'intake' | 'evidence' | 'mailer' | 'metrics'>;
  logger: Logger;
}): Promise<EmailIntake> {
  const { config, services, logger } = ctx;
  const channel = createEmailChannel({
    db: ctx.db,
    keys: ctx.keys,
    intake: services.intake,
    evidence: services.evidence,
    mailer: services.mailer,
    reportAddresses: config.REPORT_ADDRESSES,
    logger,
  });
  const smtp =
    config.SMTP_PORT === 0
      ? undefined
      : await startSmtpReceiver({
          channel,
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          maxBytes: config.SMTP_MAX_BYTES,
          logger,
        });
  const imap = config.IMAP_URL
    ? startImapPolling({
        url: config.IMAP_URL,
        intervalSeconds: config.IMAP_POLL_SECONDS,
        maxBytes: config.SMTP_MAX_BYTES,
        channel,
        logger,
      })
    : undefined;
  return {
    channel,
    ...(smtp ? { smtp } : {}),
    async close() {
      await smtp?.close();
      await imap?.stop();
      await channel.flush();
    },
  };
}
