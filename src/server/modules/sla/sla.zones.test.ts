import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { computeDue, localDateTime } from '../../platform/calendar/calendar.js';
import type { Runtime } from '../../runtime.js';
import type { TActor } from '../org/access.policy.js';
import { createTestStaff, issueTestSession, type TTestStaff } from '../org/staff.testing.js';
import { addWorkingDaysCommand, calendarOfDepartment, isWorkingDayCommand } from './calendar.cli.js';
import { createSlaService } from './sla.service.js';

const BERLIN = 'Europe/Berlin';
let t: TestApp;
const staff: Record<string, TTestStaff> = {};

beforeAll(async () => {
  t = await createTestApp();
  const deps = { db: t.db.db, keys: t.keys, staff: t.services.staff };
  const make = (username: string, departmentCode: string, role: 'admin' | 'supervisor') =>
    createTestStaff(deps, { username, departmentCode, roles: [role], totp: true });
  staff.zjAdmin = await make('tz.zj.admin', 'ZJ', 'admin');
  staff.gdAdmin = await make('tz.gd.admin', 'GD', 'admin');
  staff.zjSupervisor = await make('tz.zj.sup', 'ZJ', 'supervisor');
  staff.cnAdmin = await make('tz.cn.admin', 'CN', 'admin');
  staff.cnSupervisor = await make('tz.cn.sup', 'CN', 'supervisor');
});
afterAll(async () => {
  await t?.close();
});

async function headers(who: string) {
  const s = await issueTestSession(t.db.db, staff[who]?.id ?? '');
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
async function actor(who: string): Promise<TActor> {
  const a = await t.services.staff.actorById(staff[who]?.id ?? '');
  if (!a) throw new Error(who);
  return a;
}
const patchZone = async (who: string, code: string, timeZone: string) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/v1/admin/departments/${code}`,
    headers: await headers(who),
    payload: { timeZone },
  });
async function caseOf(reportNo: string) {
  const { rows } = await t.db.pool.query<{
    case_id: string;
    opened_at: Date;
    dept: string;
    priority: string;
  }>(
    `SELECT r.case_id, c.opened_at, d.code AS dept, c.priority FROM reports r JOIN cases c ON c.id = r.case_id
       JOIN departments d ON d.id = c.department_id WHERE r.report_no = $1`,
    [reportNo],
  );
  const row = rows[0];
  if (!row) throw new Error('not stored');
  return { caseId: row.case_id, openedAt: row.opened_at, dept: row.dept, priority: row.priority };
}
const stage = async (caseId: string, name: string) =>
  (await t.services.sla.forCase(caseId)).find((d) => d.stage === name);

describe('per-department time zone', () => {
  it('lets an administrator of the subtree set it: IANA names only, audited', async () => {
    expect((await patchZone('zjAdmin', 'NB', 'Mars/Olympus')).json().error).toMatchObject({
      code: 'validation_failed',
      fields: [expect.objectContaining({ path: 'timeZone' })],
    });
    expect((await patchZone('gdAdmin', 'NB', BERLIN)).statusCode).toBe(404);
    expect((await patchZone('zjSupervisor', 'NB', BERLIN)).statusCode).toBe(403);
    const ok = await patchZone('zjAdmin', 'NB', BERLIN);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'NB', timeZone: BERLIN, parentCode: 'ZJ' });
    const { rows } = await t.db.pool.query<{ payload: unknown }>(
      `SELECT a.payload FROM audit_log a JOIN departments d ON d.id::text = a.subject_id
        WHERE a.action = 'department.time_zone_set' AND d.code = 'NB'`,
    );
    expect(rows.map((r) => r.payload)).toEqual([{ from: 'Asia/Shanghai', to: BERLIN }]);
    const tree = await t.app.inject({
      method: 'GET',
      url: '/api/v1/departments',
      headers: await headers('zjSupervisor'),
    });
    const zones = Object.fromEntries(
      tree.json().departments.map((d: { code: string; timeZone: string }) => [d.code, d.timeZone]),
    );
    expect(zones).toMatchObject({ NB: BERLIN, ZJ: 'Asia/Shanghai', CN: 'Asia/Shanghai' });
  });

  it('ends a Berlin centre’s deadlines at the end of ITS working day', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: reportBody({ regionCode: '330200' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = await caseOf(res.json().reportNo);
    expect(c.dept).toBe('NB');
    await t.services.sla.openPending();
    for (const [name, unit, amount] of [
      ['acknowledgement', 'working_days', 1],
      ['acceptance', 'calendar_days', 15],
    ] as const) {
      const due = (await stage(c.caseId, name))?.dueAt as Date;
      expect(due).toEqual(computeDue({ start: c.openedAt, unit, amount, timeZone: BERLIN }));
      expect(localDateTime(due, BERLIN)).toMatch(/ 00:00$/);
      expect(localDateTime(due, 'Asia/Shanghai')).not.toMatch(/ 00:00$/);
    }

    // Accepted at 22:00 in Berlin on 29 September 2025 (already 30 September in Beijing): 60 days run to
    // Friday 28 November, ending at midnight in Berlin (CET) — in Beijing it would be Monday 1 December.
    const at = new Date('2025-09-29T20:00:00Z');
    const sla = createSlaService({
      db: t.db.db,
      departments: t.services.departments,
      cases: t.services.cases,
      timeZone: 'Asia/Shanghai',
      clock: () => at,
    });
    await t.db.db.transaction((tx) =>
      sla.onCaseChange(tx, { caseId: c.caseId, action: 'accept', from: '', to: '', actorId: '' }),
    );
    expect((await stage(c.caseId, 'handling'))?.dueAt?.toISOString()).toBe('2025-11-28T23:00:00.000Z');
  });

  it('has `calendar add-working-days --department` use the department’s zone and closures', async () => {
    const runtime = { database: t.db } as unknown as Runtime;
    let nb = await calendarOfDepartment(runtime, 'NB');
    expect(nb.timeZone).toBe(BERLIN);
    // 22:00 in Berlin on 29 September is 04:00 on 30 September in Beijing, the eve of 国庆.
    expect(addWorkingDaysCommand('2025-09-29T20:00:00Z', '1', nb)).toBe(
      '2025-09-30 (ends 2025-09-30T22:00:00.000Z, Europe/Berlin)\n',
    );
    expect(addWorkingDaysCommand('2025-09-29T20:00:00Z', '1')).toBe('2025-10-09\n');
    await t.services.slaAdmin.addClosure(await actor('zjAdmin'), {
      departmentCode: 'NB',
      day: '2025-09-30',
      reason: '停电闭馆',
    });
    nb = await calendarOfDepartment(runtime, 'NB');
    expect(isWorkingDayCommand('2025-09-30', nb).working).toBe(false);
    expect(addWorkingDaysCommand('2025-09-29T20:00:00Z', '1', nb)).toBe(
      '2025-10-09 (ends 2025-10-09T22:00:00.000Z, Europe/Berlin)\n',
    );
    expect(() => addWorkingDaysCommand('2025-09-29T20:00:00', '1', nb)).toThrow(/not a date/);
  });
});

describe('trusted flaggers', () => {
  async function partner(trusted: boolean) {
    const h = await headers('cnAdmin');
    const code = `tz-${randomBytes(4).toString('hex')}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/partners',
      headers: h,
      payload: { code, name: `机构 ${code}`, trusted },
    });
    expect(created.statusCode, created.body).toBe(201);
    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/partners/${created.json().id}/keys`,
      headers: h,
      payload: { rateLimit: 1000 },
    });
    expect(key.statusCode, key.body).toBe(201);
    return key.json().key as string;
  }
  async function report(key: string, description: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner/reports',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        reports: [
          {
            reference: `ref-${randomBytes(4).toString('hex')}`,
            category: 'fraud',
            description,
            answers: { contactChannel: 'phone_call', amountLost: 1000 },
            targets: [`https://refund${randomBytes(5).toString('hex')}.cn/`],
            regionCode: '440106',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return caseOf(res.json().items[0].reportNo);
  }
  const ruleOf = async (caseId: string) =>
    (
      await t.db.pool.query<{ trusted_flagger: boolean; source: string }>(
        `SELECT r.trusted_flagger, r.source FROM case_deadlines d JOIN sla_rules r ON r.id = d.rule_id
          WHERE d.case_id = $1 AND d.stage = 'acceptance'`,
        [caseId],
      )
    ).rows[0];

  it('gives a trusted flagger’s report the 24-hour acceptance rule, with its source; not any partner', async () => {
    const trusted = await report(
      await partner(true),
      '平台风控发现该账号冒充电商客服，以退款理赔为由诱导用户下载屏幕共享软件并转账。',
    );
    const ordinary = await report(
      await partner(false),
      '用户投诉某直播间主播诱导未成年人大额打赏，并私下引导添加社交账号进行线下交易。',
    );
    expect(ordinary.caseId).not.toBe(trusted.caseId);
    expect(trusted.priority).not.toBe('urgent');
    await t.services.sla.openPending();
    const fast = await stage(trusted.caseId, 'acceptance');
    expect(fast).toMatchObject({ unit: 'hours', amount: 24 });
    expect(fast?.dueAt?.getTime()).toBe(trusted.openedAt.getTime() + 24 * 3_600_000);
    expect(await ruleOf(trusted.caseId)).toMatchObject({
      trusted_flagger: true,
      source: expect.stringContaining('可信标记者'),
    });
    expect(await stage(ordinary.caseId, 'acceptance')).toMatchObject({ unit: 'calendar_days', amount: 15 });
    expect((await ruleOf(ordinary.caseId))?.trusted_flagger).toBe(false);

    const rules = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sla/rules',
      headers: await headers('cnSupervisor'),
    });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json().rules.filter((r: { trustedFlagger: boolean }) => r.trustedFlagger)).toEqual([
      expect.objectContaining({
        stage: 'acceptance',
        unit: 'hours',
        amount: 24,
        channel: null,
        departmentCode: null,
        source: expect.stringContaining('可信标记者'),
      }),
    ]);
  });
});
