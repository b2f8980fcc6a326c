import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { EmailChannel } from './email.service.js';

/** The keyword set on a message once what it produced has committed. */
export const PROCESSED_FLAG = '$QinglangProcessed';

/**
 * Optional polling of an existing mailbox (`IMAP_URL=imaps://user:pass@host:993/INBOX`) for centres that already
 * receive reports there: every message without the processed keyword goes through the same channel as SMTP
 * mail, and is flagged only after its report (or reply) committed — a failure leaves it for the next poll.
 */
export function startImapPolling(options: {
  url: string;
  intervalSeconds: number;
  channel: EmailChannel;
  logger: Logger;
}): { stop(): Promise<void> } {
  const url = new URL(options.url);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function pollOnce(): Promise<void> {
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
    await client.connect();
    const lock = await client.getMailboxLock(mailbox);
    try {
      const uids = (await client.search({ unKeyword: PROCESSED_FLAG }, { uid: true })) || [];
      for (const uid of uids) {
        if (stopped) break;
        const message = await client.fetchOne(String(uid), { source: true, envelope: true }, { uid: true });
        if (message === false || !message.source) continue;
        const from = message.envelope?.from?.[0]?.address ?? null;
        const to = [...(message.envelope?.to ?? []), ...(message.envelope?.cc ?? [])]
          .map((a) => a.address ?? '')
          .filter(options.channel.accepts);
        await options.channel.handle(message.source, { from, to });
        await client.messageFlagsAdd(String(uid), [PROCESSED_FLAG, '\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
      await client.logout().catch(() => {});
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pollOnce()
        .catch((err: unknown) => options.logger.warn({ error: (err as Error)?.name }, 'IMAP poll failed'))
        .finally(schedule);
    }, options.intervalSeconds * 1000);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
