import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { AppError, isDatabaseUnavailable } from '../../platform/errors.js';
import type { EmailChannel } from './email.service.js';

export interface SmtpReceiverOptions {
  channel: EmailChannel;
  host: string;
  port: number;
  maxBytes: number;
  logger: Logger;
  /** Name in the greeting and EHLO answer. */
  name?: string;
  onMail?: (outcome: string) => void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/** SMTP answer for a failure while handling a mail: retry later unless the mail itself is the problem. */
export function smtpAnswerFor(err: unknown): Error & { responseCode: number } {
  if (err instanceof AppError && err.status === 413) return smtpError(552, '5.3.4 Message too big');
  if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.status !== 429) {
    return smtpError(554, `5.6.0 Message refused (${err.code})`);
  }
  if (isDatabaseUnavailable(err)) return smtpError(451, '4.3.0 Temporary storage failure, try again later');
  return smtpError(451, '4.3.0 Temporary failure, try again later');
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The built-in SMTP receiver: plain SMTP (no AUTH, no STARTTLS — run it behind the centre's MX or on an internal
 * network), only for the report addresses (others 550), SIZE announced in EHLO and enforced (552). The `250` is
 * sent only after the report (or reply) has committed; a database failure answers `451` so the sending server
 * retries, and nothing is half-stored.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { channel, logger } = options;
  const server = new SMTPServer({
    name: options.name ?? 'qinglang',
    banner: 'Qinglang report intake',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (channel.accepts(address.address)) return callback();
      callback(smtpError(550, '5.1.1 No such recipient here'));
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message too big');
          const mailFrom = session.envelope.mailFrom;
          const handled = await channel.handle(raw, {
            from: mailFrom === false ? null : mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          options.onMail?.(handled.kind);
          callback(
            null,
            handled.kind === 'report' ? `Report ${handled.reportNo} received` : 'Message received',
          );
        })
        .catch((err: unknown) => {
          if ((err as { responseCode?: number }).responseCode) return callback(err as Error);
          const answer = smtpAnswerFor(err);
          logger.warn({ smtp: answer.responseCode, error: (err as Error)?.name }, 'e-mail not accepted');
          options.onMail?.(`refused_${answer.responseCode}`);
          callback(answer);
        });
    },
  });
  server.on('error', (err) =>
    logger.warn({ error: err.name, code: (err as { code?: string }).code }, 'smtp'),
  );
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, 'SMTP receiver listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
