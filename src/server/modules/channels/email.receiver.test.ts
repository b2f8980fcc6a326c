import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { proxiedEmailChannel, type TcpProxy } from './channels.fixtures.js';
import { type SmtpReceiver, startSmtpReceiver } from './email.receiver.js';
import type { EmailChannel } from './email.service.js';

let t: TestApp;
let dataDir: string;
let proxy: TcpProxy;
let proxied: Awaited<ReturnType<typeof proxiedEmailChannel>>;
let channel: EmailChannel;
let receiver: SmtpReceiver;
const outcomes: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-smtp-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  const logger = pino({ level: 'silent' });
  proxied = await proxiedEmailChannel(t, logger);
  ({ proxy, channel } = proxied);
  receiver = await startSmtpReceiver({
    channel,
    host: '127.0.0.1',
    port: 0,
    maxBytes: 1024 * 1024,
    logger,
    onMail: (o) => outcomes.push(o),
  });
});
afterAll(async () => {
  await receiver?.close();
  await proxied?.close();
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.pool.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;
async function outbox(): Promise<number> {
  await channel.flush();
  return (await readdir(path.join(dataDir, 'outbox')).catch(() => [])).filter((f) => f.endsWith('.eml'))
    .length;
}

/** A hand-driven SMTP session: `step(line)` sends a line and resolves with the server's (last) reply line. */
async function smtpSession(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  let waiting: ((line: string) => void) | undefined;
  socket.on('data', (d) => {
    buffer += d.toString();
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (m && waiting) {
      const line = buffer.trim().split('\r\n').pop() as string;
      buffer = '';
      const w = waiting;
      waiting = undefined;
      w(line);
    }
  });
  const reply = () => new Promise<string>((resolve) => (waiting = resolve));
  await reply(); // greeting
  return {
    step(line: string) {
      const r = reply();
      socket.write(`${line}\r\n`);
      return r;
    },
    end: () => socket.end(),
  };
}

const MAIL = [
  'From: outage.victim@example.com',
  'To: report@qinglang.example',
  'Subject: 举报：冒充公检法诈骗',
  'Message-ID: <outage-1@example.com>',
  '',
  '对方自称公安局民警，说我涉嫌洗钱，要求把存款转到“安全账户”。',
].join('\r\n');

describe('SMTP receiver and the database', () => {
  it('answers 451 when the database stops during the transaction; the retried mail is stored once after restart', async () => {
    const s = await smtpSession(receiver.port);
    expect(await s.step('EHLO sender.example')).toMatch(/^250 /);
    expect(await s.step('MAIL FROM:<outage.victim@example.com>')).toMatch(/^250 /);
    expect(await s.step('RCPT TO:<report@qinglang.example>')).toMatch(/^250 /);
    expect(await s.step('DATA')).toMatch(/^354 /);
    await proxy.stop(); // the database goes away mid-transaction
    try {
      expect(await s.step(`${MAIL}\r\n.`)).toMatch(/^451 4\.3\.0 /);
    } finally {
      await proxy.start();
    }
    s.end();
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM receipts')).toBe(0);
    expect(await outbox()).toBe(0);

    // The sending server retries (same mail, same Message-ID), and again after a lost answer.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
    const envelope = { from: 'outage.victim@example.com', to: ['report@qinglang.example'] };
    const first = await transport.sendMail({ envelope, raw: `${MAIL}\r\n` });
    expect(first.response).toMatch(/^250 .*JB\d{8}-\d{6}/);
    const second = await transport.sendMail({ envelope, raw: `${MAIL}\r\n` });
    expect(second.response).toBe(first.response);
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(1);
    expect(await outbox()).toBe(1);
    expect(outcomes).toEqual(['refused_451', 'report', 'report']);
  });

  it('turns an HTML-only mail into plain text (no markup, no script) in the report', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'html.sender@example.com',
      to: 'report@qinglang.example',
      subject: 'HTML report',
      html: '<p>Fake <b>bank</b> site: <a href="https://bank-login.example">bank-login.example</a></p><script>alert("x")</script><style>p{color:red}</style>',
    });
    const { rows } = await t.db.pool.query<{ description: string }>(
      `SELECT description FROM reports WHERE description LIKE 'HTML report%'`,
    );
    expect(rows).toHaveLength(1);
    const text = rows[0]?.description ?? '';
    expect(text).toContain('Fake bank site');
    expect(text).toContain('bank-login.example');
    expect(text).not.toMatch(/<\/?[a-z]+/i);
    expect(text).not.toContain('alert(');
    expect(text).not.toContain('color:red');
  });
});
