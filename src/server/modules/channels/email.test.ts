import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { jpegWithGpsAndOrientation } from '../evidence/evidence.fixtures.js';
import { IDENTITY_CONTEXT } from '../reporters/reporter.service.js';
import { type SmtpReceiver, startSmtpReceiver } from './email.receiver.js';
import { createEmailChannel, type EmailChannel } from './email.service.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SCAM_EML = [
  'From: "Prize Center" <winner@prize-lottery.example>',
  'To: victim@example.com',
  'Subject: =?UTF-8?B?5oGt5Zac5oKo5Lit5aWW5LqG?=',
  'Date: Mon, 05 Jan 2026 10:00:00 +0800',
  'Message-ID: <scam-0001@prize-lottery.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Pay the handling fee of 500 yuan to claim your prize: account 6222 0000 1111 2222.',
  '',
].join('\r\n');

let t: TestApp;
let dataDir: string;
let channel: EmailChannel;
let receiver: SmtpReceiver;
const MAX_BYTES = 400 * 1024;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-email-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  channel = createEmailChannel({
    db: t.db.db,
    keys: t.keys,
    intake: t.services.intake,
    evidence: t.services.evidence,
    mailer: t.services.mailer,
    reportAddresses: t.config.REPORT_ADDRESSES,
    logger: (await import('pino')).pino({ level: 'silent' }),
  });
  receiver = await startSmtpReceiver({
    channel,
    host: '127.0.0.1',
    port: 0,
    maxBytes: MAX_BYTES,
    logger: (await import('pino')).pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });

async function outbox(): Promise<string[]> {
  await channel.flush();
  const dir = path.join(dataDir, 'outbox');
  return (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).sort();
}
async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await t.db.pool.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? -1;
}

describe('e-mail channel over real SMTP', () => {
  it('announces SIZE in EHLO, refuses other recipients (550) and oversized mail (552)', async () => {
    const ehlo = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(receiver.port, '127.0.0.1');
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
        if (text.startsWith('220') && !text.includes('EHLO-SENT')) {
          text += 'EHLO-SENT';
          socket.write('EHLO tester.example\r\n');
        }
        if (/\r\n250 [^\r\n]*\r\n$/.test(text)) {
          socket.end('QUIT\r\n');
          resolve(text);
        }
      });
      socket.on('error', reject);
    });
    expect(ehlo).toMatch(new RegExp(`250[- ]SIZE ${MAX_BYTES}`));

    await expect(
      transport().sendMail({
        from: 'a@example.com',
        to: 'someone-else@qinglang.example',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      transport().sendMail({
        from: 'a@example.com',
        to: 'report@qinglang.example',
        subject: '大附件',
        text: 'x'.repeat(MAX_BYTES + 1000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(0);
  });

  it('turns a Chinese-subject mail with a GPS photo and a forwarded .eml into a report; replies join it', async () => {
    const jpeg = await jpegWithGpsAndOrientation('gps-marker-email');
    const sent = await transport().sendMail({
      from: '"受害人" <victim.one@example.com>',
      to: 'Report@qinglang.example',
      subject: '举报：冒充中奖通知的诈骗邮件',
      text: '我收到一封中奖诈骗邮件，要求先交手续费500元，原邮件作为附件转发给你们。',
      attachments: [
        { filename: '截图.jpg', content: jpeg, contentType: 'image/jpeg' },
        { filename: 'scam.eml', content: SCAM_EML, contentType: 'message/rfc822' },
      ],
    });
    expect(sent.response).toMatch(/^250 .*JB\d{8}-\d{6}/);

    const { rows } = await t.db.pool.query(
      `SELECT r.id, r.report_no, r.channel, r.description, r.language, i.key_id AS "keyId", i.wrapped_key AS "wrappedKey", i.sealed
         FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id`,
    );
    expect(rows).toHaveLength(1);
    const report = rows[0];
    expect(report.channel).toBe('email');
    expect(report.language).toBe('zh-CN');
    expect(report.description).toContain('冒充中奖通知的诈骗邮件');
    expect(t.keys.unseal(IDENTITY_CONTEXT, report)).toEqual({ email: 'victim.one@example.com' });
    expect(sent.response).toContain(report.report_no);

    const evidence = await t.db.pool.query(
      'SELECT kind, mime, received_sha256, stored_sha256, storage_key FROM evidence WHERE report_id = $1 ORDER BY kind',
      [report.id],
    );
    const [mail, image] = evidence.rows;
    expect(mail.kind).toBe('email');
    expect(mail.received_sha256.toString('hex')).toBe(sha256(Buffer.from(SCAM_EML)));
    expect(mail.stored_sha256.toString('hex')).toBe(sha256(Buffer.from(SCAM_EML))); // kept intact
    expect(image.kind).toBe('image');
    expect(image.received_sha256.toString('hex')).toBe(sha256(jpeg));
    const stored = await readFile(path.join(dataDir, 'evidence', image.storage_key));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('gps-marker-email'))).toBe(false);

    // The acknowledgement: report number and receipt code, threaded, with the reply token.
    const files = await outbox();
    expect(files).toHaveLength(1);
    const ack = await simpleParser(await readFile(path.join(dataDir, 'outbox', files[0] as string)));
    expect(ack.to && 'text' in ack.to ? ack.to.text : '').toContain('victim.one@example.com');
    expect(ack.subject).toContain(report.report_no);
    expect(ack.text).toMatch(/\d{4}-\d{4}-\d{4}-\d{4}/);
    expect(ack.inReplyTo).toBe(sent.messageId);
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    const replyTo = ack.replyTo?.value[0]?.address as string;
    expect(replyTo).toMatch(/^report\+r[0-9a-f]{48}@qinglang\.example$/);
    const receipt = /(\d{4}-\d{4}-\d{4}-\d{4})/.exec(ack.text ?? '')?.[1];
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/lookup',
      payload: { receiptCode: receipt },
    });
    expect(lookup.json().reportNo).toBe(report.report_no);

    // A reply to the acknowledgement: a message on the same report, not a new report, no second acknowledgement.
    const reply = await transport().sendMail({
      from: 'victim.one@example.com',
      to: replyTo,
      subject: `Re: ${ack.subject}`,
      inReplyTo: ack.messageId,
      references: [ack.messageId as string],
      text: '补充：对方还加了我的微信，账号 prize_888。\n\n> 您好：您通过电子邮件提交的举报已收到',
    });
    expect(reply.response).toMatch(/^250/);
    const messages = await t.db.pool.query(`SELECT direction, body FROM case_messages WHERE report_id = $1`, [
      report.id,
    ]);
    expect(messages.rows).toEqual([
      { direction: 'to_handler', body: '补充：对方还加了我的微信，账号 prize_888。' },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(1);

    // The same reply delivered again (a sender's retry) is stored once.
    const again = await transport().sendMail({
      envelope: { from: 'victim.one@example.com', to: [replyTo] },
      raw: [
        `From: victim.one@example.com`,
        `To: ${replyTo}`,
        `Subject: Re: follow-up`,
        `Message-ID: <retry-1@example.com>`,
        `In-Reply-To: ${ack.messageId}`,
        '',
        'second reply',
        '',
      ].join('\r\n'),
    });
    expect(again.response).toMatch(/^250/);
    await transport().sendMail({
      envelope: { from: 'victim.one@example.com', to: [replyTo] },
      raw: [
        `From: victim.one@example.com`,
        `To: ${replyTo}`,
        'Subject: Re: follow-up',
        'Message-ID: <retry-1@example.com>',
        '',
        'second reply',
        '',
      ].join('\r\n'),
    });
    expect(
      await count('SELECT count(*)::int AS n FROM case_messages WHERE report_id = $1', [report.id]),
    ).toBe(2);

    // A mail loop: an auto-reply to the acknowledgement is neither a message nor answered.
    const auto = await transport().sendMail({
      from: 'victim.one@example.com',
      to: replyTo,
      subject: `Automatic reply: ${ack.subject}`,
      headers: { 'Auto-Submitted': 'auto-replied' },
      inReplyTo: ack.messageId,
      text: 'I am out of the office until Monday.',
    });
    expect(auto.response).toMatch(/^250/);
    expect(
      await count('SELECT count(*)::int AS n FROM case_messages WHERE report_id = $1', [report.id]),
    ).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(1);
    expect(await outbox()).toHaveLength(1);
  });

  it('never acknowledges automatic mail or the null sender, and stores a retried mail once', async () => {
    const before = (await outbox()).length;
    const reports = await count('SELECT count(*)::int AS n FROM reports');
    await transport().sendMail({
      envelope: { from: '', to: ['report@qinglang.example'] },
      raw: [
        'From: MAILER-DAEMON@example.com',
        'To: report@qinglang.example',
        'Subject: Undelivered Mail',
        'Message-ID: <bounce-1@example.com>',
        '',
        'bounce',
        '',
      ].join('\r\n'),
    });
    await transport().sendMail({
      from: 'list@example.com',
      to: 'report@qinglang.example',
      subject: 'Newsletter: online safety tips',
      headers: { Precedence: 'bulk' },
      text: 'Monthly newsletter with online safety tips for everyone.',
    });
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(reports + 2);
    expect(await outbox()).toHaveLength(before);

    const raw = [
      'From: someone@example.com',
      'To: report@qinglang.example',
      'Subject: 赌博网站举报',
      'Message-ID: <dup-1@example.com>',
      '',
      '这个网站 bet-777.example 是赌博网站，请查处。',
      '',
    ].join('\r\n');
    const first = await transport().sendMail({
      envelope: { from: 'someone@example.com', to: ['report@qinglang.example'] },
      raw,
    });
    const second = await transport().sendMail({
      envelope: { from: 'someone@example.com', to: ['report@qinglang.example'] },
      raw,
    });
    expect(second.response).toBe(first.response);
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(reports + 3);
    expect(await outbox()).toHaveLength(before + 1);
  });
});
