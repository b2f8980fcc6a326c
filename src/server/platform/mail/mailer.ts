import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface TMail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers (e.g. In-Reply-To for the inbound channel's answers). */
  headers?: Record<string, string>;
  /** Threading (the e-mail channel's acknowledgements): where replies go, and what this answers. */
  replyTo?: string;
  inReplyTo?: string;
  references?: string[];
  /** A Message-ID of the caller's (e.g. derived from what the mail is about, so a resend is recognisable). */
  messageId?: string;
}

export interface Mailer {
  /** Sends one message; resolves with its Message-ID (and the file written, in outbox mode). */
  send(mail: TMail): Promise<{ messageId: string; file?: string }>;
  readonly mode: 'smtp' | 'outbox';
  /** Closes the relay connections (at shutdown, after the last send). */
  close(): void;
}

/**
 * Outbound e-mail: through the configured SMTP relay (`smtp://user:pass@host:587`, `smtps://…`), or, with none
 * configured, as .eml files in `outboxDir` (mode 0600: they hold addresses) for offline installations.
 */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  outboxDir: string;
}): Mailer {
  const domain = options.from.split('@')[1] ?? 'qinglang.invalid';
  const messageId = () => `<${randomUUID()}@${domain}>`;
  if (options.smtpUrl) {
    // Pooled: acknowledgements go out at the rate reports come in, over a few kept-open relay connections
    // instead of a new connection (and TLS handshake) a mail. `?pool=false` in the URL turns it off.
    const url = new URL(options.smtpUrl);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    const transport = nodemailer.createTransport(url.toString());
    return {
      mode: 'smtp',
      async send(mail) {
        const id = mail.messageId ?? messageId();
        await transport.sendMail({ from: options.from, ...mail, messageId: id });
        return { messageId: id };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    mode: 'outbox',
    async send(mail) {
      const id = mail.messageId ?? messageId();
      const info = await transport.sendMail({ from: options.from, ...mail, messageId: id });
      const file = path.join(
        options.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${id.slice(1, 9)}.eml`,
      );
      const write = () => writeFile(file, info.message as Buffer, { mode: 0o600 });
      // The outbox is created when a write finds it missing (not checked before every mail).
      await write().catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
        await write();
      });
      return { messageId: id, file };
    },
    close: () => {},
  };
}
