import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { smtpAnswerFor } from './email.receiver.js';
import type { EmailChannel, TEnvelope } from './email.service.js';

/** The keyword set on a message once what it produced has committed. */
export const PROCESSED_FLAG = '$QinglangProcessed';
/** Set (with the processed keyword, left unread) on a message the channel refused for good (too big, invalid). */
export const REFUSED_FLAG = '$QinglangRefused';

export interface ImapPollerOptions {
  url: string;
  intervalSeconds: number;
  /** Largest message taken (as SMTP_MAX_BYTES); larger ones are flagged refused without being downloaded. */
  maxBytes: number;
  channel: EmailChannel;
  logger: Logger;
  /** TLS options for imaps:// (tests, private CAs). */
  tls?: { rejectUnauthorized?: boolean };
}

export interface TPollResult {
  reports: number;
  replies: number;
  ignored: number;
  refused: number;
}

const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;

/**
 * What the SMTP envelope would have said, from the headers the delivering server added: the sender from
 * `Return-Path` (`<>`: the null sender of a bounce, never answered), else `From`; recipients from `To`, `Cc`,
 * `Delivered-To` and `X-Original-To` (a reply's token may be in any of them).
 */
export function imapEnvelope(source: Buffer): TEnvelope {
  const end = source.indexOf('\r\n\r\n');
  const head = source
    .subarray(0, end < 0 ? Math.min(source.length, 64 * 1024) : end)
    .toString('utf8')
    .replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const addresses = (...names: string[]) =>
    names.flatMap((n) => (fields.get(n) ?? []).flatMap((v) => v.match(ADDRESS) ?? []));
  const returnPath = fields.get('return-path')?.[0];
  const from =
    returnPath !== undefined ? (returnPath.match(ADDRESS)?.[0] ?? null) : (addresses('from')[0] ?? null);
  return {
    from: from?.toLowerCase() ?? null,
    to: addresses('to', 'cc', 'delivered-to', 'x-original-to').map((a) => a.toLowerCase()),
  };
}

/** A failure the message itself causes (retrying cannot help): what SMTP would answer with a 5xx. */
const isPermanent = (err: unknown) => smtpAnswerFor(err).responseCode >= 500;

/**
 * Optional polling of an existing mailbox (`IMAP_URL=imaps://user:pass@host:993/INBOX`) for centres that already
 * receive reports there. Every message without the processed keyword goes through the same channel (and
 * parser) as SMTP mail, and is flagged only after its report (or reply) committed. A temporary failure (the
 * database is down) ends the poll and leaves the message for the next one; a retried message that had in fact
 * been stored is recognised by its Message-ID (the channel's idempotency key) and not stored twice. A server
 * that does not keep keywords (no `\*` in PERMANENTFLAGS) is polled by `\Seen` instead.
 */
export function createImapPoller(options: ImapPollerOptions) {
  const url = new URL(options.url);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  const { channel, logger } = options;
  let stopped = false;
  let warnedKeywords = false;

  async function pollOnce(): Promise<TPollResult> {
    const result: TPollResult = { reports: 0, replies: 0, ignored: 0, refused: 0 };
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      ...(options.tls ? { tls: options.tls } : {}),
    });
    // A socket error after connect is emitted as an event: unhandled, it would end the process.
    client.on('error', (err: Error) => logger.warn({ error: err.name }, 'IMAP connection error'));
    try {
      await client.connect();
      const lock = await client.getMailboxLock(mailbox);
      try {
        const permanent = client.mailbox ? client.mailbox.permanentFlags : undefined;
        const keywords = !permanent || permanent.has('\\*') || permanent.has(PROCESSED_FLAG);
        if (!keywords && !warnedKeywords) {
          warnedKeywords = true;
          logger.warn({ mailbox }, 'IMAP server keeps no keywords: processed messages are marked \\Seen');
        }
        const done = keywords ? [PROCESSED_FLAG, '\\Seen'] : ['\\Seen'];
        const refused = keywords ? [PROCESSED_FLAG, REFUSED_FLAG] : ['\\Seen'];
        const uids =
          (await client.search(keywords ? { unKeyword: PROCESSED_FLAG } : { seen: false }, { uid: true })) ||
          [];
        if (uids.length === 0) return result;
        const sizes = new Map<number, number>();
        for await (const m of client.fetch(uids, { uid: true, size: true }, { uid: true }))
          sizes.set(m.uid, m.size ?? 0);

        for (const uid of uids) {
          if (stopped) break;
          if ((sizes.get(uid) ?? 0) > options.maxBytes) {
            await client.messageFlagsAdd(String(uid), refused, { uid: true });
            result.refused++;
            continue;
          }
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message === false || !message.source) continue;
          try {
            const handled = await channel.handle(message.source, imapEnvelope(message.source));
            if (handled.kind === 'report') result.reports++;
            else if (handled.kind === 'reply') result.replies++;
            else result.ignored++;
          } catch (err) {
            if (!isPermanent(err)) throw err;
            await client.messageFlagsAdd(String(uid), refused, { uid: true });
            result.refused++;
            logger.warn({ uid, error: (err as Error)?.name }, 'IMAP message refused');
            continue;
          }
          // Only now, with what the message produced committed: the processed marker. Should the server not set
          // it, the next poll hands the message over again and the channel recognises it (stored once).
          if (!(await client.messageFlagsAdd(String(uid), done, { uid: true })))
            logger.warn({ uid }, 'IMAP message not flagged as processed');
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return result;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pollOnce()
        .catch((err: unknown) => logger.warn({ error: (err as Error)?.name }, 'IMAP poll failed'))
        .finally(() => schedule(options.intervalSeconds * 1000));
    }, delayMs);
  };

  return {
    pollOnce,
    /** Polls now, then every `intervalSeconds` after the previous poll ended. */
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type ImapPoller = ReturnType<typeof createImapPoller>;

/** Starts polling (see `createImapPoller`). */
export function startImapPolling(options: ImapPollerOptions): ImapPoller {
  const poller = createImapPoller(options);
  poller.start();
  return poller;
}
