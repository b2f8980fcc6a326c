import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { CRONTAB } from '../../jobs.js';
import {
  addDays,
  computeDue,
  localDate,
  startOfDay,
  workingDaysBetween,
} from '../../platform/calendar/calendar.js';
import type { TActor } from '../org/access.policy.js';
import { createTestStaff, type TTestStaff } from '../org/staff.testing.js';
import { createSlaService } from './sla.service.js';
import { createSlaSweep } from './sla.sweep.js';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let dataDir: string;
const staff: Record<string, TTestStaff> = {};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-sla-'));
  t = await createTestApp({ DATA_DIR: dataDir, SLA_SUPERVISION_GRACE_DAYS: '2' });
  const deps = { db: t.db.db, keys: t.keys, staff: t.services.staff };
  staff.gzSupervisor = await createTestStaff(deps, {
    username: 'sla.gz.sup',
    departmentCode: 'GZ',
    roles: ['supervisor'],
    totp: true,
  });
  staff.gdSupervisor = await createTestStaff(deps, {
    username: 'sla.gd.sup',
    departmentCode: 'GD',
    roles: ['supervisor'],
    totp: true,
  });
  staff.gdAdmin = await createTestStaff(deps, {
    username: 'sla.gd.admin',
    departmentCode: 'GD',
    roles: ['admin'],
    totp: true,
  });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function actor(name: string): Promise<TActor> {
  const a = await t.services.staff.actorById(staff[name]?.id ?? '');
  if (!a) throw new Error(name);
  return a;
}

let serial = 0;
async function submit(overrides: Record<string, unknown> = {}) {
  serial += 1;
  // A description of its own: identical reports would join one case (duplicate detection).
  const words = [
    '网站',
    '赌博',
    '谣言',
    '客服',
    '理赔',
    '转账',
    '直播',
    '平台',
    '账号',
    '链接',
    '短信',
    '游戏',
    '充值',
    '投资',
    '群聊',
    '视频',
    '兼职',
    '刷单',
    '贷款',
    '彩票',
  ];
  const pick = () => words[Math.floor(Math.random() * words.length)];
  const description = `测试举报 ${serial}：${Array.from({ length: 24 }, pick).join('')} ${Math.random().toString(36).slice(2)}`;
  // A registrable domain of its own: reports sharing a target (even a domain) join one case.
  const targets = [`https://sla${serial}x${Math.random().toString(36).slice(2, 10)}.cn/claim`];
  const payload = reportBody({ description, targets, ...overrides });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload });
  if (res.statusCode !== 201) throw new Error(res.body);
  const { rows } = await t.db.pool.query<{ case_id: string; id: string; opened_at: Date }>(
    'SELECT r.case_id, r.id, c.opened_at FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.report_no = $1',
    [res.json().reportNo],
  );
  const row = rows[0];
  if (!row) throw new Error('not stored');
  return { caseId: row.case_id, reportId: row.id, openedAt: row.opened_at, ...res.json() };
}

const deadlines = (caseId: string) => t.services.sla.forCase(caseId);
const stage = async (caseId: string, name: string) => (await deadlines(caseId)).find((d) => d.stage === name);

describe('deadline engine', () => {
  it('opens each case with the rules in force: queued by the intake’s own statement, opened by the minutely job', async () => {
    const c = await submit();
    const { rows: pending } = await t.db.pool.query('SELECT 1 FROM sla_pending_cases WHERE case_id = $1', [
      c.caseId,
    ]);
    expect(pending).toHaveLength(1);
    expect(CRONTAB).toMatch(/^\* \* \* \* \* sla_open/m);
    await t.services.sla.openPending();
    const acceptance = await stage(c.caseId, 'acceptance');
    expect(acceptance).toMatchObject({ status: 'running', unit: 'calendar_days', amount: 15 });
    expect(acceptance?.dueAt).toEqual(
      computeDue({ start: c.openedAt, unit: 'calendar_days', amount: 15, timeZone: TZ }),
    );
    expect(await stage(c.caseId, 'handling')).toMatchObject({ status: 'pending', dueAt: null, amount: 60 });
    // An urgent report is accepted within 24 hours, whatever its category's rule.
    const urgent = await submit();
    await t.db.pool.query(`UPDATE cases SET priority = 'urgent' WHERE id = $1`, [urgent.caseId]);
    await t.services.sla.openPending();
    const u = await stage(urgent.caseId, 'acceptance');
    expect(u).toMatchObject({ unit: 'hours', amount: 24 });
    expect(u?.dueAt?.getTime()).toBe(urgent.openedAt.getTime() + 24 * 3_600_000);
  });

  it('moves the deadline exactly when the clock pauses and when a supervisor extends it', async () => {
    const c = await submit();
    await t.services.sla.openPending();
    let now = new Date('2025-08-01T02:00:00Z'); // 10:00 in Beijing
    const sla = createSlaService({
      db: t.db.db,
      departments: t.services.departments,
      cases: t.services.cases,
      timeZone: TZ,
      clock: () => now,
    });
    const change = (action: string) =>
      t.db.db.transaction((tx) =>
        sla.onCaseChange(tx, {
          caseId: c.caseId,
          action,
          from: '',
          to: '',
          actorId: staff.gzSupervisor?.id ?? '',
        }),
      );
    await change('accept');
    // 60 days from 1 August: 30 September (a Tuesday), until the end of that day in Beijing.
    expect(await stage(c.caseId, 'handling')).toMatchObject({
      status: 'running',
      dueAt: new Date('2025-09-30T16:00:00Z'),
    });
    expect((await stage(c.caseId, 'acceptance'))?.status).toBe('met');
    now = new Date('2025-08-11T02:00:00Z');
    await change('request_info');
    expect(await stage(c.caseId, 'handling')).toMatchObject({ status: 'paused', pausedAt: now });
    now = new Date('2025-08-21T02:00:00Z');
    await change('resume_verification');
    // Paused for exactly 10 days: due 10 days later.
    expect(await stage(c.caseId, 'handling')).toMatchObject({
      status: 'running',
      dueAt: new Date('2025-10-10T16:00:00Z'),
    });

    const supervisor = await actor('gzSupervisor');
    const kase = { id: c.caseId, departmentPath: 'cn.gd.gz', state: 'verifying' };
    const told: string[] = [];
    const tell = async (_tx: unknown, reason: string) => {
      told.push(reason);
    };
    await expect(sla.extend(supervisor, kase, { days: 31, reason: '案情复杂' }, tell)).rejects.toMatchObject({
      code: 'sla_extension_too_long',
    });
    const handler = await actor('gdAdmin');
    await expect(sla.extend(handler, kase, { days: 10, reason: '案情复杂' }, tell)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const extended = await sla.extend(supervisor, kase, { days: 30, reason: '需协调多个平台核查' }, tell);
    // 10 October + 30 days = 9 November, a Sunday: the period ends on Monday 10 November.
    expect(extended.dueAt).toEqual(new Date('2025-11-10T16:00:00Z'));
    expect(await stage(c.caseId, 'handling')).toMatchObject({ dueAt: extended.dueAt, extensions: 1 });
    expect(told).toEqual(['需协调多个平台核查']);
    await expect(sla.extend(supervisor, kase, { days: 5, reason: '再延' }, tell)).rejects.toMatchObject({
      code: 'sla_extension_used',
    });
    const timeline = await t.services.caseWorkflow.timeline(c.caseId);
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['sla_paused', 'sla_resumed', 'deadline_extended']),
    );
    expect(timeline.find((e) => e.type === 'deadline_extended')?.public).toBe(true);
  });

  it('restarts a paused clock from the moment the reporter answers', async () => {
    const c = await submit();
    await t.services.sla.openPending();
    let now = new Date('2025-08-01T02:00:00Z');
    const sla = createSlaService({
      db: t.db.db,
      departments: t.services.departments,
      cases: t.services.cases,
      timeZone: TZ,
      clock: () => now,
    });
    const change = (action: string) =>
      t.db.db.transaction((tx) =>
        sla.onCaseChange(tx, {
          caseId: c.caseId,
          action,
          from: '',
          to: '',
          actorId: staff.gzSupervisor?.id ?? '',
        }),
      );
    await change('accept');
    now = new Date('2025-08-11T02:00:00Z');
    await change('request_info');
    const paused = await stage(c.caseId, 'handling');
    expect(await t.services.sla.resumeAnswered()).toBe(0); // no answer yet
    await t.db.db.transaction((tx) =>
      t.services.cases.recordEvent(tx, c.caseId, {
        type: 'reporter_supplement',
        actorType: 'reporter',
        public: true,
      }),
    );
    const { rows } = await t.db.pool.query<{ at: Date }>(
      `SELECT at FROM case_events WHERE case_id = $1 AND type = 'reporter_supplement'`,
      [c.caseId],
    );
    const answeredAt = rows[0]?.at as Date;
    expect(await t.services.sla.resumeAnswered()).toBe(1);
    const resumed = await stage(c.caseId, 'handling');
    expect(resumed?.status).toBe('running');
    // Calendar-day rule: the due time moves by exactly the paused time (pause → answer).
    expect(resumed?.dueAt?.getTime()).toBe(
      (paused?.dueAt?.getTime() ?? 0) + (answeredAt.getTime() - now.getTime()),
    );
    expect(await t.services.sla.resumeAnswered()).toBe(0);
  });

  it('with a fake clock, a case left alone gets the reminder, then the overdue flag, then a 督办 item — each once', async () => {
    const c = await submit();
    await t.services.sla.openPending();
    const acceptance = await stage(c.caseId, 'acceptance');
    const due = acceptance?.dueAt as Date;
    const sweep = createSlaSweep({
      db: t.db.db,
      sla: t.services.sla,
      cases: t.services.cases,
      departments: t.services.departments,
      notifications: t.services.notifications,
      graceWorkingDays: 2,
    });
    const dueDate = localDate(new Date(due.getTime() - 1), TZ);
    let day = localDate(c.openedAt, TZ);
    while (workingDaysBetween(day, dueDate) > 3) day = addDays(day, 1);
    const noticesOf = async (who: string) => {
      const { rows } = await t.db.pool.query<{ kind: string; params: Record<string, string> }>(
        `SELECT kind, params FROM staff_notifications WHERE staff_id = $1 AND case_id = $2 AND params->>'stage' = 'acceptance'
          ORDER BY id`,
        [staff[who]?.id, c.caseId],
      );
      return rows.map((r) => `${r.kind}${r.params.days ? `:${r.params.days}` : ''}`);
    };
    const twice = async (at: Date) => {
      await sweep.run(at);
      await sweep.run(at);
    };

    await twice(new Date(startOfDay(day, TZ).getTime() + 3_600_000));
    expect(await noticesOf('gzSupervisor')).toEqual(['sla_reminder:3']);
    await twice(new Date(due.getTime() - 3_600_000));
    expect(await noticesOf('gzSupervisor')).toEqual(['sla_reminder:3', 'sla_reminder:1']);
    expect((await stage(c.caseId, 'acceptance'))?.overdue).toBe(false);

    await twice(new Date(due.getTime() + 3_600_000));
    expect(await noticesOf('gzSupervisor')).toEqual(['sla_reminder:3', 'sla_reminder:1', 'sla_overdue']);
    const { rows: flagged } = await t.db.pool.query(
      `SELECT overdue_at FROM case_deadlines WHERE case_id = $1 AND stage = 'acceptance' AND overdue_at IS NOT NULL`,
      [c.caseId],
    );
    expect(flagged).toHaveLength(1);
    const items = () =>
      t.db.pool.query(
        `SELECT s.* FROM supervision_items s JOIN case_deadlines d ON d.id = s.deadline_id
          WHERE s.case_id = $1 AND d.stage = 'acceptance'`,
        [c.caseId],
      );
    expect((await items()).rows).toHaveLength(0); // within the grace period
    expect(await noticesOf('gdSupervisor')).toEqual([]);

    let later = dueDate;
    while (workingDaysBetween(dueDate, later) < 2) later = addDays(later, 1);
    await twice(new Date(startOfDay(later, TZ).getTime() + 3_600_000));
    await twice(new Date(startOfDay(addDays(later, 3), TZ).getTime()));
    const opened = (await items()).rows;
    expect(opened).toHaveLength(1);
    expect(await noticesOf('gdSupervisor')).toEqual(['supervision_opened']);
    expect(await noticesOf('gzSupervisor')).toEqual(['sla_reminder:3', 'sla_reminder:1', 'sla_overdue']);
    const events = (await t.services.caseWorkflow.timeline(c.caseId)).map((e) => e.type);
    expect(events.filter((e) => e === 'sla_supervision_opened').length).toBeGreaterThanOrEqual(1);

    // The superior department's supervisor sees it on the console home and in the notification list.
    const session = await issueSession('gdSupervisor');
    const home = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: session });
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().supervisor.supervisionItems.map((i: { caseNo: string }) => i.caseNo)).toContain(
      c.caseNo,
    );
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: session });
    expect(list.json().unread).toBeGreaterThanOrEqual(1);
    expect(list.json().items[0].text).toContain(c.caseNo);

    // Only the superior department resolves it, once.
    const itemId = opened[0]?.id as string;
    const resolve = async (who: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/supervision-items/${itemId}/resolve`,
        headers: await issueSession(who),
        payload: { note: '已电话督促，限三日内受理' },
      });
    expect((await resolve('gzSupervisor')).statusCode).toBe(404);
    expect((await resolve('gdSupervisor')).statusCode).toBe(200);
    expect((await resolve('gdSupervisor')).statusCode).toBe(409);
  });

  it('offers due-soon and overdue queues with the next deadline on each item', async () => {
    const late = await submit();
    const soon = await submit();
    const later = await submit();
    await t.services.sla.openPending();
    const setDue = (caseId: string, offsetMs: number) =>
      t.db.pool.query(
        `UPDATE case_deadlines SET due_at = now() + $2 * interval '1 millisecond'
          WHERE case_id = $1 AND status = 'running'`,
        [caseId, offsetMs],
      );
    await setDue(late.caseId, -3_600_000);
    await setDue(soon.caseId, 3_600_000);
    await setDue(later.caseId, 40 * 86_400_000);
    const h = await issueSession('gzSupervisor');
    const queue = async (name: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases?queue=${name}&limit=100`,
        headers: h,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as {
        id: string;
        overdue: boolean;
        nextDueAt: string | null;
        nextStage: string;
      }[];
    };
    const overdue = await queue('overdue');
    expect(overdue.map((i) => i.id)).toContain(late.caseId);
    expect(overdue.map((i) => i.id)).not.toContain(soon.caseId);
    expect(overdue.find((i) => i.id === late.caseId)?.overdue).toBe(true);
    const dueSoon = (await queue('due_soon')).map((i) => i.id);
    expect(dueSoon).toContain(soon.caseId);
    expect(dueSoon).not.toContain(late.caseId);
    expect(dueSoon).not.toContain(later.caseId);
    const item = (await queue('all')).find((i) => i.id === later.caseId);
    expect(item?.nextDueAt).not.toBeNull();
    expect(item?.overdue).toBe(false);
  });

  it('applies a rule edit to new cases only, and refuses to lengthen an inherited rule', async () => {
    const before = await submit({ regionCode: '440300' });
    const admin = await actor('gdAdmin');
    await expect(
      t.services.slaAdmin.setRule(admin, {
        departmentCode: 'SZ',
        stage: 'acceptance',
        unit: 'calendar_days',
        amount: 20,
        allowLonger: false,
        extensionsAllowed: 0,
        extensionMaxDays: 0,
        source: '试图延长',
      }),
    ).rejects.toMatchObject({ code: 'sla_rule_longer_than_inherited' });
    await t.services.slaAdmin.setRule(admin, {
      departmentCode: 'SZ',
      stage: 'acceptance',
      unit: 'working_days',
      amount: 5,
      allowLonger: false,
      extensionsAllowed: 0,
      extensionMaxDays: 0,
      source: '深圳市中心工作规范：5 个工作日内受理',
    });
    const after = await submit({ regionCode: '440300' });
    // Both cases get their deadlines in the same job run, after the edit: the old case keeps the old rule.
    await t.services.sla.openPending();
    expect(await stage(before.caseId, 'acceptance')).toMatchObject({ unit: 'calendar_days', amount: 15 });
    expect(await stage(after.caseId, 'acceptance')).toMatchObject({ unit: 'working_days', amount: 5 });
  });
});

async function issueSession(who: string): Promise<Record<string, string>> {
  const { issueTestSession } = await import('../org/staff.testing.js');
  const s = await issueTestSession(t.db.db, staff[who]?.id ?? '');
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
