import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { jpegWithGpsAndOrientation } from '../evidence/evidence.fixtures.js';
import { IDENTITY_CONTEXT } from '../reporters/reporter.service.js';
import { capturedLogger, proxiedEmailChannel, type TcpProxy } from './channels.fixtures.js';
import { startTestImapServer, type TestImapServer } from './email.imap.fixtures.js';
import {
  createImapPoller,
  type ImapPoller,
  imapEnvelope,
  PROCESSED_FLAG,
  REFUSED_FLAG,
} from './email.imap.js';
import type { EmailChannel } from './email.service.js';

const USER = 'centre@qinglang.example';
const PASS = 'p@ss word:1';
const MAX_BYTES = 300 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let dataDir: string;
let proxy: TcpProxy;
let proxied: Awaited<ReturnType<typeof proxiedEmailChannel>>;
let channel: EmailChannel;
let imap: TestImapServer;
let poller: ImapPoller;
const { logger, logs } = capturedLogger();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-imap-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  // The channel reaches the database through a proxy the tests can take away, as a stopped server would be.
  proxied = await proxiedEmailChannel(t, logger);
  ({ proxy, channel } = proxied);
  imap = await startTestImapServer({ user: USER, pass: PASS });
  poller = createImapPoller({
    url: `imap://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${imap.port}/INBOX`,
    intervalSeconds: 60,
    maxBytes: MAX_BYTES,
    channel,
    logger,
  });
});
afterAll(async () => {
  await poller?.stop();
  await imap?.close();
  await proxied?.close();
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  imap.beforeStore = undefined;
});

async function outbox(): Promise<string[]> {
  await channel.flush();
  const dir = path.join(dataDir, 'outbox');
  return (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).sort();
}
async function reportCount(): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  return rows[0]?.n ?? -1;
}
const mail = (headers: string[], body: string) => [...headers, '', body, ''].join('\r\n');

describe('IMAP polling of an existing mailbox', () => {
  it('turns a message into a report through the same parser (evidence cleaned), flagged only after the commit', async () => {
    const jpeg = await jpegWithGpsAndOrientation('gps-marker-imap');
    const boundary = 'b-imap-1';
    imap.append(
      mail(
        [
          'Return-Path: <victim.two@example.com>',
          'Delivered-To: centre@qinglang.example',
          'From: =?UTF-8?B?5Y+X5a6z5Lq6?= <Victim.Two@example.com>',
          'To: centre@qinglang.example',
          'Subject: =?UTF-8?B?5Li+5oql77ya5YGH5YaS5a6i5pyN6YCA5qy+?=',
          'Message-ID: <imap-report-1@example.com>',
          'MIME-Version: 1.0',
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
        ],
        [
          `--${boundary}`,
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('对方冒充快递客服，让我下载会议软件共享屏幕。').toString('base64'),
          `--${boundary}`,
          'Content-Type: image/jpeg; name="screenshot.jpg"',
          'Content-Disposition: attachment; filename="screenshot.jpg"',
          'Content-Transfer-Encoding: base64',
          '',
          jpeg.toString('base64').replace(/.{76}/g, '$&\r\n'),
          `--${boundary}--`,
        ].join('\r\n'),
      ),
    );
    const atStore: { uids: number[]; flags: string[]; reports: number }[] = [];
    imap.beforeStore = async (uids, flags) => {
      atStore.push({ uids, flags, reports: await reportCount() }); // seen from another connection
      return 'ok';
    };

    expect(await poller.pollOnce()).toEqual({ reports: 1, replies: 0, ignored: 0, refused: 0 });

    const { rows } = await t.db.pool.query(
      `SELECT r.id, r.report_no, r.channel, r.description, i.key_id AS "keyId", i.wrapped_key AS "wrappedKey", i.sealed
         FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id`,
    );
    expect(rows).toHaveLength(1);
    const report = rows[0];
    expect(report.channel).toBe('email');
    expect(report.description).toContain('举报：假冒客服退款');
    expect(report.description).toContain('对方冒充快递客服');
    expect(t.keys.unseal(IDENTITY_CONTEXT, report)).toEqual({ email: 'victim.two@example.com' });
    const evidence = await t.db.pool.query(
      'SELECT kind, received_sha256, storage_key FROM evidence WHERE report_id = $1',
      [report.id],
    );
    expect(evidence.rows).toHaveLength(1);
    expect(evidence.rows[0].received_sha256.toString('hex')).toBe(sha256(jpeg));
    const stored = await readFile(path.join(dataDir, 'evidence', evidence.rows[0].storage_key));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('gps-marker-imap'))).toBe(false);

    // The processed flag was asked for once, after the report was visible to other connections (committed).
    expect(atStore).toEqual([{ uids: [1], flags: [PROCESSED_FLAG, '\\Seen'], reports: 1 }]);
    expect([...(imap.messages[0]?.flags ?? [])].sort()).toEqual([PROCESSED_FLAG, '\\Seen'].sort());
    const fetchBody = imap.commands.findIndex((c) => c.startsWith('UID FETCH 1 (BODY.PEEK[]'));
    const store = imap.commands.findIndex((c) => c.startsWith('UID STORE 1 +FLAGS'));
    expect(fetchBody).toBeGreaterThan(-1);
    expect(store).toBeGreaterThan(fetchBody);

    // Acknowledged like an SMTP mail; a second poll finds nothing new.
    const files = await outbox();
    expect(files).toHaveLength(1);
    const ack = await simpleParser(await readFile(path.join(dataDir, 'outbox', files[0] as string)));
    expect(ack.subject).toContain(report.report_no);
    expect(ack.inReplyTo).toBe('<imap-report-1@example.com>');
    expect(await poller.pollOnce()).toEqual({ reports: 0, replies: 0, ignored: 0, refused: 0 });
    expect(await reportCount()).toBe(1);

    // A reply to the acknowledgement that lands in the mailbox joins the report.
    imap.append(
      mail(
        [
          'From: victim.two@example.com',
          `To: ${ack.replyTo?.value[0]?.address}`,
          `Subject: Re: ${ack.subject}`,
          'Message-ID: <imap-reply-1@example.com>',
          `In-Reply-To: ${ack.messageId}`,
        ],
        '补充：对方的QQ号是 12345678。',
      ),
    );
    expect(await poller.pollOnce()).toEqual({ reports: 0, replies: 1, ignored: 0, refused: 0 });
    const messages = await t.db.pool.query('SELECT body FROM case_messages WHERE report_id = $1', [
      report.id,
    ]);
    expect(messages.rows).toEqual([{ body: '补充：对方的QQ号是 12345678。' }]);
  });

  it('with the database down leaves the message unflagged; the next poll, once it is back, stores it once', async () => {
    const before = await reportCount();
    const acksBefore = (await outbox()).length;
    const m = imap.append(
      mail(
        [
          'From: gambler.victim@example.com',
          'To: centre@qinglang.example',
          'Subject: 赌博网站举报',
          'Message-ID: <imap-db-down-1@example.com>',
        ],
        '网站 lucky-888.example 诱导充值赌博，请查处。',
      ),
    );
    await proxy.stop();
    try {
      await expect(poller.pollOnce()).rejects.toBeTruthy();
    } finally {
      await proxy.start();
    }
    expect(m.flags.size).toBe(0);
    expect(imap.commands.some((c) => c.startsWith(`UID STORE ${m.uid} `))).toBe(false);
    expect(await reportCount()).toBe(before);

    expect(await poller.pollOnce()).toEqual({ reports: 1, replies: 0, ignored: 0, refused: 0 });
    expect(m.flags.has(PROCESSED_FLAG)).toBe(true);
    expect(await reportCount()).toBe(before + 1);

    // Stored, but the flag did not stick (the server refused the STORE): handed over again, stored once.
    const n = imap.append(
      mail(
        [
          'From: another@example.com',
          'To: centre@qinglang.example',
          'Subject: 诈骗短信',
          'Message-ID: <imap-flag-lost-1@example.com>',
        ],
        '收到冒充银行的短信，链接是 bank-verify.example。',
      ),
    );
    imap.beforeStore = async () => 'no';
    expect(await poller.pollOnce()).toEqual({ reports: 1, replies: 0, ignored: 0, refused: 0 });
    expect(n.flags.has(PROCESSED_FLAG)).toBe(false);
    imap.beforeStore = undefined;
    expect(await poller.pollOnce()).toEqual({ reports: 1, replies: 0, ignored: 0, refused: 0 });
    expect(n.flags.has(PROCESSED_FLAG)).toBe(true);
    expect(await reportCount()).toBe(before + 2);
    expect(await outbox()).toHaveLength(acksBefore + 2); // one acknowledgement each
    expect(await poller.pollOnce()).toEqual({ reports: 0, replies: 0, ignored: 0, refused: 0 });
  });

  it('never answers the null sender (Return-Path: <>), and flags an oversized message refused without blocking', async () => {
    const before = await reportCount();
    const acksBefore = (await outbox()).length;
    const big = imap.append(
      mail(
        [
          'From: big@example.com',
          'To: centre@qinglang.example',
          'Subject: big',
          'Message-ID: <big@example.com>',
        ],
        'x'.repeat(MAX_BYTES + 10),
      ),
    );
    const bounce = imap.append(
      mail(
        [
          'Return-Path: <>',
          'From: Microsoft Outlook <MicrosoftExchange329e71ec@mail.example.com>',
          'To: centre@qinglang.example',
          'Subject: Undeliverable: 您的举报已收到',
          'Message-ID: <bounce-imap-1@mail.example.com>',
        ],
        'Delivery has failed to these recipients or groups.',
      ),
    );
    expect(await poller.pollOnce()).toEqual({ reports: 1, replies: 0, ignored: 0, refused: 1 });
    expect([...big.flags].sort()).toEqual([PROCESSED_FLAG, REFUSED_FLAG].sort());
    expect(imap.commands.some((c) => c.startsWith(`UID FETCH ${big.uid} (BODY.PEEK[]`))).toBe(false);
    expect(bounce.flags.has(PROCESSED_FLAG)).toBe(true);
    expect(await reportCount()).toBe(before + 1);
    expect(await outbox()).toHaveLength(acksBefore);
    const owed = await t.db.pool.query('SELECT count(*)::int AS n FROM email_acks WHERE state = $1', [
      'pending',
    ]);
    expect(owed.rows[0].n).toBe(0);
  });

  it('reads the envelope from the delivery headers', () => {
    const head = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\nbody`);
    expect(imapEnvelope(head(['Return-Path: <>', 'From: a@example.com']))).toEqual({ from: null, to: [] });
    expect(
      imapEnvelope(
        head([
          'Return-Path: <Bounce+x@Lists.example>',
          'From: "A, B" <a@example.com>',
          'To: report+rabc@qinglang.example,',
          ' other@example.com',
          'Cc: c@example.com',
        ]),
      ),
    ).toEqual({
      from: 'bounce+x@lists.example',
      to: ['report+rabc@qinglang.example', 'other@example.com', 'c@example.com'],
    });
    expect(imapEnvelope(head(['From: "名字" <x@example.com>']))).toEqual({ from: 'x@example.com', to: [] });
  });

  it('polls by \\Seen on a server that keeps no keywords, and start() polls at once', async () => {
    const plain = await startTestImapServer({
      user: USER,
      pass: PASS,
      permanentFlags: ['\\Seen', '\\Deleted'],
    });
    const p = createImapPoller({
      url: `imap://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${plain.port}`,
      intervalSeconds: 60,
      maxBytes: MAX_BYTES,
      channel,
      logger,
    });
    try {
      const before = await reportCount();
      const read = plain.append(mail(['From: r@example.com', 'Subject: old'], 'already read'), ['\\Seen']);
      const fresh = plain.append(
        mail(
          ['From: fresh@example.com', 'Subject: 网络谣言', 'Message-ID: <plain-1@example.com>'],
          '谣言内容。',
        ),
      );
      p.start();
      const end = Date.now() + 10_000;
      while (!fresh.flags.has('\\Seen') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      await p.stop();
      expect([...fresh.flags]).toEqual(['\\Seen']);
      expect([...read.flags]).toEqual(['\\Seen']);
      expect(await reportCount()).toBe(before + 1);
      expect(logs.join('')).toContain('keeps no keywords');
    } finally {
      await p.stop();
      await plain.close();
    }
  });
});
