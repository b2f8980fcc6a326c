import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Logger, type Runner, run } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { createTaskList } from '../../jobs.js';
import { enqueueJob, listJobs, startWorker } from '../../platform/jobs/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { createTestStaff, issueTestSession, type TTestStaff } from '../org/staff.testing.js';

let t: TestApp;
let dataDir: string;
let worker: Runner | undefined;
let gate: () => void = () => {};
const hung = new Promise<void>((resolve) => {
  gate = resolve;
});
const ran: string[] = [];
const staff: Record<string, TTestStaff> = {};
const silent = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-notify-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  const deps = { db: t.db.db, keys: t.keys, staff: t.services.staff };
  staff.sup = await createTestStaff(deps, {
    username: 'n.gz.sup',
    departmentCode: 'GZ',
    roles: ['supervisor'],
    totp: true,
  });
  staff.admin = await createTestStaff(deps, {
    username: 'n.gd.admin',
    departmentCode: 'GD',
    roles: ['admin'],
    totp: true,
  });
  worker = await startWorker({
    pool: t.db.pool,
    logger: silent,
    concurrency: 2,
    crontab: '',
    tasks: {
      ...createTaskList(t.services),
      explode: async () => {
        throw new Error('the task failed on purpose');
      },
      finish: async (payload) => {
        ran.push((payload as { n: string }).n);
      },
    },
  });
});
afterAll(async () => {
  gate();
  await worker?.stop();
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function mails(): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
}

/** Decodes the quoted-printable / base64 body nodemailer wrote, for matching text. */
function decoded(eml: string): string {
  const [head, ...rest] = eml.split('\n\n');
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head ?? ''))
    return `${head}\n\n${Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')}`;
  const qp = body.replace(/=\r?\n/g, '').replace(/(=[0-9A-F]{2})+/g, (m) =>
    Buffer.from(
      m
        .split('=')
        .slice(1)
        .map((h) => Number.parseInt(h, 16)),
    ).toString('utf8'),
  );
  return `${head}\n\n${qp}`;
}

async function headers(who: string) {
  const s = await issueTestSession(t.db.db, staff[who]?.id ?? '');
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}

describe('notifications and jobs', () => {
  it('sends the acknowledgement and later updates to a consenting reporter, never the receipt code or the reported party', async () => {
    const target = `https://notify${Math.random().toString(36).slice(2, 10)}.cn/pay`;
    const body = reportBody({
      description: `通知测试：${Math.random().toString(36)} 某平台直播间诱导充值后拉黑，客服失联。`,
      targets: [target],
      reporter: { name: '王五', email: 'wang.wu@example.org', contactConsent: true },
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
    // What the minutely `sla_open` cron does (this worker runs no crontab): open the deadlines, queue the notices.
    await enqueueJob(t.db.db, 'sla_open', {});
    expect(res.statusCode, res.body).toBe(201);
    const { reportNo, receiptCode } = res.json();
    const ack = decoded(await until(async () => (await mails()).find((m) => decoded(m).includes(reportNo))));
    expect(ack).toContain('To: wang.wu@example.org');
    expect(ack).toContain(`您的举报 ${reportNo} 已收到`);
    for (const secret of [receiptCode, receiptCode.replace(/-/g, ''), target, '直播间诱导充值']) {
      expect(ack).not.toContain(secret);
    }
    const { rows } = await t.db.pool.query<{ case_id: string }>(
      'SELECT case_id FROM reports WHERE report_no = $1',
      [reportNo],
    );
    const caseId = rows[0]?.case_id;
    // Deadlines were computed by the same job run (the trigger queued it in the intake statement).
    expect((await t.services.sla.forCase(caseId ?? '')).length).toBeGreaterThan(0);

    const h = await headers('sup');
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/transitions/accept`,
      headers: h,
      payload: {},
    });
    expect(accept.statusCode, accept.body).toBe(200);
    await until(async () => ((await mails()).some((m) => decoded(m).includes('已受理')) ? true : undefined));
    const all = (await mails()).map(decoded);
    expect(all.filter((m) => m.includes(reportNo))).toHaveLength(2);
    for (const m of all) expect(m).not.toContain(receiptCode.replace(/-/g, ''));
    const deadlines = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/deadlines`,
      headers: h,
    });
    expect(deadlines.json().deadlines.find((d: { stage: string }) => d.stage === 'handling').status).toBe(
      'running',
    );

    // A supervisor extends the handling period; the reason reaches the reporter.
    const extend = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/extension`,
      headers: h,
      payload: { days: 30, reason: '需协调多个平台调取交易记录' },
    });
    expect(extend.statusCode, extend.body).toBe(200);
    const extended = await until(async () =>
      (await mails()).map(decoded).find((m) => m.includes('需协调多个平台调取交易记录')),
    );
    expect(extended).toContain(reportNo);
    expect(extended).not.toContain(receiptCode.replace(/-/g, ''));
    const { rows: notices } = await t.db.pool.query(
      'SELECT kind, channel, status FROM reporter_notices ORDER BY id',
    );
    expect(notices).toEqual([
      { kind: 'acknowledgement', channel: 'email', status: 'sent' },
      { kind: 'acceptance', channel: 'email', status: 'sent' },
      { kind: 'extension', channel: 'email', status: 'sent' },
    ]);
  });

  it('sends nothing to a reporter who did not agree to be contacted', async () => {
    const body = reportBody({
      description: `无同意测试：${Math.random().toString(36)} 网络兼职刷单骗局，先返利后卷款。`,
      targets: [`https://noconsent${Math.random().toString(36).slice(2, 10)}.cn/`],
      reporter: { name: '赵六', email: 'zhao.liu@example.org' },
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
    // What the minutely `sla_open` cron does (this worker runs no crontab): open the deadlines, queue the notices.
    await enqueueJob(t.db.db, 'sla_open', {});
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await t.db.pool.query<{ contact_consent: boolean }>(
      'SELECT contact_consent FROM reports WHERE report_no = $1',
      [res.json().reportNo],
    );
    expect(rows[0]?.contact_consent).toBe(false);
    await until(async () =>
      (await t.db.pool.query('SELECT 1 FROM sla_pending_cases')).rowCount === 0 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await mails()).some((m) => m.includes('zhao.liu@example.org'))).toBe(false);
  });

  it('keeps admin templates to the placeholders their kind allows', async () => {
    const h = await headers('admin');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/notification-templates',
      headers: h,
      payload: {
        kind: 'acceptance',
        language: 'zh-CN',
        channel: 'email',
        subject: '{reportNo}',
        body: '{receiptCode}',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('template_placeholder_not_allowed');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/notification-templates',
      headers: h,
    });
    // No notice carries the receipt code: only its HMAC is stored, and the first answer already gave it.
    for (const kind of Object.keys(list.json().placeholders))
      expect(list.json().placeholders[kind]).not.toContain('receiptCode');
    expect(list.json().placeholders.acknowledgement).toContain('deadlines');
    const ack = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/notification-templates',
      headers: h,
      payload: {
        kind: 'acknowledgement',
        language: 'en',
        channel: 'sms',
        subject: '',
        body: 'Report {reportNo}, code {receiptCode}',
      },
    });
    expect(ack.statusCode).toBe(400);
  });

  it('tells staff in the console and by e-mail as they chose, with an unread count', async () => {
    const h = await headers('sup');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: h,
      payload: { email: 'sup@centre.example', emailMode: 'immediate', language: 'en' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const note = {
      kind: 'sla_overdue',
      caseId: null,
      params: { caseNo: 'AJ-TEST-1', stage: 'handling', dueAt: 'x' },
    };
    await t.db.db.transaction((tx) =>
      t.services.notifications.notify(tx, { ...note, staffIds: [staff.sup?.id ?? ''], dedupKey: 'test:1' }),
    );
    // The same key again: nothing new.
    await t.db.db.transaction((tx) =>
      t.services.notifications.notify(tx, { ...note, staffIds: [staff.sup?.id ?? ''], dedupKey: 'test:1' }),
    );
    const mail = await until(async () => (await mails()).map(decoded).find((m) => m.includes('AJ-TEST-1')));
    expect(mail).toContain('To: sup@centre.example');
    expect(mail).toContain('the handling deadline passed');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: h });
    expect(list.json().items.filter((i: { text: string }) => i.text.includes('AJ-TEST-1'))).toHaveLength(1);
    const unread = list.json().unread;
    expect(unread).toBeGreaterThanOrEqual(1);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: h,
      payload: { all: true },
    });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: h });
    expect(after.json().unread).toBe(0);
  });

  it('retries a job that throws, then shows it failed with its error to admins', async () => {
    await enqueueJob(t.db.db, 'explode', {}, { maxAttempts: 2 });
    const failed = await until(async () => {
      const job = (await listJobs(t.db.db, 50)).find((j) => j.task === 'explode');
      return job?.state === 'failed' ? job : undefined;
    });
    expect(failed.attempts).toBe(2);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: await headers('admin'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().jobs.find((j: { task: string }) => j.task === 'explode')).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: expect.stringContaining('on purpose'),
    });
  });

  it('loses nothing when a worker dies mid-job: the job runs again elsewhere', async () => {
    // A first worker takes the job and never finishes (as if its process died while running it).
    const dead = await startWorker({
      pool: t.db.pool,
      logger: silent,
      concurrency: 1,
      crontab: '',
      tasks: { stuck: () => hung },
    });
    await enqueueJob(t.db.db, 'stuck', { n: 'one' });
    await until(async () =>
      (await listJobs(t.db.db, 50)).some((j) => j.task === 'stuck' && j.state === 'running')
        ? true
        : undefined,
    );
    // The dead worker's lock expires (graphile-worker treats locks older than 4 hours as abandoned).
    await t.db.pool.query(
      `UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '5 hours'
        WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'stuck')`,
    );
    // A new worker (a restarted process) sweeps abandoned locks; here every second instead of every 8–10 minutes.
    const second = await run({
      pgPool: t.db.pool,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 200,
      minResetLockedInterval: 1000,
      maxResetLockedInterval: 1500,
      logger: new Logger(() => () => {}),
      taskList: { stuck: async (payload) => void ran.push(`recovered:${(payload as { n: string }).n}`) },
    });
    try {
      await until(async () => (ran.includes('recovered:one') ? true : undefined));
      await until(async () =>
        (await listJobs(t.db.db, 50)).some((j) => j.task === 'stuck') ? undefined : true,
      );
    } finally {
      gate();
      await second.stop();
      await dead.stop();
    }
  });
});
