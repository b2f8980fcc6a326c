import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { createTaskList } from '../../jobs.js';
import { localDate } from '../../platform/calendar/calendar.js';
import { createEmailChannel } from '../channels/email.service.js';
import type { TNoticeJob } from './reporter-notice.service.js';

let t: TestApp;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-ack-'));
  t = await createTestApp({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** What the minutely cron runs: deadlines of new cases, then acknowledgements. */
const slaOpen = () => createTaskList(t.services).sla_open?.({}, {} as never);

async function submit(overrides: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody(overrides) });
  if (res.statusCode !== 201) throw new Error(res.body);
  const { reportNo, receiptCode } = res.json() as { reportNo: string; receiptCode: string };
  const { rows } = await t.db.pool.query<{ id: string; case_id: string }>(
    'SELECT id, case_id FROM reports WHERE report_no = $1',
    [reportNo],
  );
  return { reportNo, receiptCode, reportId: rows[0]?.id ?? '', caseId: rows[0]?.case_id ?? '' };
}

/** Queued `notify_reporter` jobs (the worker does not run in this file). */
async function queued(): Promise<{ id: string; payload: TNoticeJob }[]> {
  const { rows } = await t.db.pool.query<{ id: string; payload: TNoticeJob }>(
    `SELECT j.id::text, j.payload FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks k ON k.id = j.task_id
      WHERE k.identifier = 'notify_reporter' ORDER BY j.id`,
  );
  return rows;
}
const queuedFor = async (reportId: string) => (await queued()).filter((j) => j.payload.reportId === reportId);

/** Runs the queued notices as the worker would, and removes the jobs. */
async function drain(): Promise<void> {
  for (const job of await queued()) {
    await t.services.reporterNotices.send(job.payload);
    await t.db.pool.query('DELETE FROM graphile_worker._private_jobs WHERE id = $1', [job.id]);
  }
}

async function outbox(): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  const mails = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const sms = (await readdir(path.join(dir, 'sms')).catch(() => [] as string[])).map((f) => `sms/${f}`);
  return Promise.all([...mails, ...sms].map((f) => readFile(path.join(dir, f), 'utf8')));
}

/** The mail bodies decoded (nodemailer writes quoted-printable or base64). */
function decoded(eml: string): string {
  if (!eml.includes('\n\n')) return eml;
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head ?? ''))
    return `${head}\n\n${Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')}`;
  const qp = body.replace(/=\r?\n/g, '').replace(/(=[0-9A-F]{2})+/g, (m) =>
    Buffer.from(
      m
        .slice(1)
        .split('=')
        .map((h) => Number.parseInt(h, 16)),
    ).toString('utf8'),
  );
  return `${head}\n\n${qp}`;
}
const messagesAbout = async (reportNo: string) =>
  (await outbox()).map(decoded).filter((m) => m.includes(reportNo));

const ackCount = async (reportId: string) =>
  (
    await t.db.pool.query(
      `SELECT 1 FROM reporter_notices WHERE report_id = $1 AND kind = 'acknowledgement' AND ref = ''`,
      [reportId],
    )
  ).rowCount;

describe('acknowledgement of every consenting reporter', () => {
  it('acknowledges a report that joins an existing case, with its own number and the deadlines, once', async () => {
    const target = `https://ack-join-${Math.random().toString(36).slice(2, 10)}.cn/pay`;
    const first = await submit({
      targets: [target],
      reporter: { name: '钱一', email: 'qian.yi@example.org', contactConsent: true },
    });
    await slaOpen();
    await drain();
    const second = await submit({
      targets: [target],
      reporter: { name: '孙二', phone: '13900001111', contactConsent: true },
    });
    expect(second.caseId).toBe(first.caseId);
    const { rows: events } = await t.db.pool.query<{ type: string }>(
      'SELECT type FROM case_events WHERE case_id = $1 ORDER BY id',
      [first.caseId],
    );
    expect(events.map((e) => e.type)).toContain('report_joined');

    // No new case: nothing is queued for the deadline engine; the acknowledgement scan still finds it.
    await slaOpen();
    await slaOpen();
    const jobs = await queuedFor(second.reportId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.payload).toMatchObject({ kind: 'acknowledgement', ref: '' });
    expect(jobs[0]?.payload.params.acceptanceDue).toBeDefined();
    expect(await queuedFor(first.reportId)).toHaveLength(0);
    await drain();

    const acceptance = (await t.services.sla.forCase(first.caseId)).find((d) => d.stage === 'acceptance');
    if (!acceptance?.dueAt) throw new Error('no acceptance deadline');
    const dueDay = localDate(new Date(acceptance.dueAt.getTime() - 1), 'Asia/Shanghai');
    const [sms] = await messagesAbout(second.reportNo);
    expect(sms).toContain(second.reportNo);
    expect(sms).toContain(`是否受理的决定将于 ${dueDay} 24:00（北京时间）前作出`);
    expect(sms).toContain('受理后 60 日内办结');
    for (const secret of [second.receiptCode, second.receiptCode.replace(/-/g, ''), target])
      expect(sms).not.toContain(secret);
    const [mail] = await messagesAbout(first.reportNo);
    expect(mail).toContain('To: qian.yi@example.org');
    expect(mail).toContain(`是否受理的决定将于 ${dueDay} 24:00（北京时间）前作出`);
    expect(mail).not.toContain(first.receiptCode.replace(/-/g, ''));
    expect(await messagesAbout(first.reportNo)).toHaveLength(1);

    // Seen again by later scans (the window overlaps): never queued or sent twice.
    await slaOpen();
    expect(await queued()).toHaveLength(0);
    expect(await ackCount(second.reportId)).toBe(1);
    expect(await ackCount(first.reportId)).toBe(1);
  });

  it('waits for the deadlines of a case not yet opened, and does not pass a transaction still running', async () => {
    const c = await submit({ reporter: { phone: '13900002222', contactConsent: true } });
    // The scan alone (the deadline engine has not run): the report is held, not acknowledged without deadlines.
    await t.services.sla.acknowledgeNew();
    expect(await queuedFor(c.reportId)).toHaveLength(0);
    const { rows: cursor } = await t.db.pool.query<{ held: boolean }>(
      `SELECT at <= (SELECT submitted_at FROM reports WHERE id = $1) AS held FROM reporter_ack_cursor`,
      [c.reportId],
    );
    expect(cursor[0]?.held).toBe(true);
    await t.services.sla.openPending();
    await t.services.sla.acknowledgeNew();
    expect(await queuedFor(c.reportId)).toHaveLength(1);
    await drain();

    // A transaction that started before the scan and commits after it: the cursor stays before its start,
    // so its reports (submitted_at = its start) are still in the next window.
    const client = await t.db.pool.connect();
    let late: Awaited<ReturnType<typeof submit>> | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ started: Date }>('SELECT now() AS started');
      const started = rows[0]?.started as Date;
      await new Promise((r) => setTimeout(r, 50));
      late = await submit({ reporter: { phone: '13900003333', contactConsent: true } });
      await slaOpen();
      const { rows: at } = await t.db.pool.query<{ at: Date }>('SELECT at FROM reporter_ack_cursor');
      expect(at[0]?.at.getTime()).toBeLessThanOrEqual(started.getTime());
      expect(await queuedFor(late.reportId)).toHaveLength(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await slaOpen();
    const { rows: after } = await t.db.pool.query<{ moved: boolean }>(
      `SELECT at > now() - interval '1 minute' AS moved FROM reporter_ack_cursor`,
    );
    expect(after[0]?.moved).toBe(true);
    expect(await queuedFor(late?.reportId ?? '')).toHaveLength(1);
    await drain();
  });

  it('leaves e-mail reports to the e-mail channel, whose own acknowledgement carries the receipt code', async () => {
    const channel = createEmailChannel({
      db: t.db.db,
      keys: t.keys,
      intake: t.services.intake,
      evidence: t.services.evidence,
      mailer: t.services.mailer,
      reportAddresses: t.config.REPORT_ADDRESSES,
      logger: pino({ level: 'silent' }),
    });
    const raw = Buffer.from(
      [
        'From: Zhou <zhou.san@example.org>',
        `To: ${t.config.REPORT_ADDRESSES[0]}`,
        'Subject: =?UTF-8?B?5Li+5oql6K+I6aqX572R56uZ?=',
        `Message-ID: <ack-${Date.now()}@example.org>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `冒充客服的网站 https://mail-ack-${Math.random().toString(36).slice(2, 8)}.cn 骗走了我五千元。`,
        '',
      ].join('\r\n'),
    );
    const handled = await channel.handle(raw, {
      from: 'zhou.san@example.org',
      to: [t.config.REPORT_ADDRESSES[0] ?? ''],
    });
    await channel.flush();
    if (handled.kind !== 'report') throw new Error(handled.kind);
    const { rows } = await t.db.pool.query<{ id: string; channel: string; contact_consent: boolean }>(
      'SELECT id, channel, contact_consent FROM reports WHERE report_no = $1',
      [handled.reportNo],
    );
    expect(rows[0]).toMatchObject({ channel: 'email', contact_consent: true });
    await slaOpen();
    expect(await queuedFor(rows[0]?.id ?? '')).toHaveLength(0);
    const mails = await messagesAbout(handled.reportNo);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('To: zhou.san@example.org');
  });
});
