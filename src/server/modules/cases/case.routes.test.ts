import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, staffClient, type TestApp } from '../../../../test/support/app.js';
import { verifyAudit } from '../../platform/audit/audit.js';
import type { TRole } from '../org/access.policy.js';
import type { TTestSession } from '../org/staff.testing.js';

let t: TestApp;
const sessions = new Map<string, TTestSession & { id: string }>();

async function staff(name: string, departmentCode: string, roles: TRole[]) {
  sessions.set(
    name,
    await t.staffSession({ username: name, departmentCode, roles, totp: roles.includes('supervisor') }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await staff('h.gz', 'GZ', ['handler']);
  await staff('h2.gz', 'GZ', ['handler']);
  await staff('h.sz', 'SZ', ['handler']);
  await staff('s.gd', 'GD', ['supervisor']);
  await staff('op.gd', 'GD', ['intake_operator']);
});
afterAll(() => t.close());

function as(who: string) {
  const s = sessions.get(who);
  if (!s) throw new Error(who);
  return staffClient(t.app, s);
}

async function newCase(
  description = '有人冒充快递客服打电话说包裹丢了要理赔，让我共享屏幕后转走了银行卡里的钱。',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: reportBody({ description }),
  });
  const { caseNo, receiptCode } = res.json();
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_no = $1', [caseNo]);
  return { id: rows[0]?.id ?? '', receiptCode: receiptCode as string };
}

const state = async (id: string) =>
  (await t.db.pool.query<{ state: string }>('SELECT state FROM cases WHERE id = $1', [id])).rows[0]?.state;

describe('the case workflow', () => {
  it('takes a case from received to closed, refusing every forbidden step without changing anything', async () => {
    const c = await newCase();
    const gz = as('h.gz');

    const queue = (await gz.get('/api/v1/cases?queue=unassigned')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await as('h.sz').get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect(
      (await as('h.sz').get('/api/v1/cases?queue=all')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(c.id);

    const detailRes = await gz.get(`/api/v1/cases/${c.id}`);
    const detail = detailRes.json();
    expect(detail.actions).toEqual(
      expect.arrayContaining(['accept', 'not_accept', 'claim', 'note', 'reply', 'transfer']),
    );
    expect(detail.actions).not.toContain('assign');
    expect(detail.reports[0]).toMatchObject({ hasIdentity: false, channel: 'web' });

    // Wrong state, missing field, not the assignee, not permitted: each refused, nothing changes.
    expect(
      (
        await gz.post(`/api/v1/cases/${c.id}/transitions/decide`, { outcome: 'substantiated', findings: 'x' })
      ).json().error.code,
    ).toBe('invalid_state');
    expect(
      (await gz.post(`/api/v1/cases/${c.id}/transitions/not_accept`, {})).json().error.fields[0].path,
    ).toBe('reason');
    expect((await as('op.gd').post(`/api/v1/cases/${c.id}/transitions/accept`, {})).statusCode).toBe(403);
    expect((await gz.post(`/api/v1/cases/${c.id}/transitions/fly_away`, {})).statusCode).toBe(404);
    expect(await state(c.id)).toBe('received');

    expect(
      (await gz.post(`/api/v1/cases/${c.id}/transitions/accept`, { note: '属于诈骗类举报' })).json(),
    ).toEqual({ state: 'accepted' });
    const notMine = await gz.post(`/api/v1/cases/${c.id}/transitions/start_verification`, {});
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('not_assignee');
    expect((await gz.post(`/api/v1/cases/${c.id}/claim`, {})).statusCode).toBe(200);
    expect((await as('h2.gz').post(`/api/v1/cases/${c.id}/claim`, {})).statusCode).toBe(403);
    expect((await gz.post(`/api/v1/cases/${c.id}/transitions/start_verification`, {})).json().state).toBe(
      'verifying',
    );
    expect(
      (await as('h2.gz').post(`/api/v1/cases/${c.id}/transitions/request_info`, { question: 'x' }))
        .statusCode,
    ).toBe(403);

    const ask = await gz.post(`/api/v1/cases/${c.id}/transitions/request_info`, {
      question: '请提供转账记录截图。',
    });
    expect(ask.json().state).toBe('awaiting_info');
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/session',
      payload: { receiptCode: c.receiptCode },
    });
    const receiptCookie = session.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/receipt/report', headers: { cookie: receiptCookie } })
    ).json();
    expect(JSON.stringify(mine)).toContain('请提供转账记录截图');

    expect((await gz.post(`/api/v1/cases/${c.id}/transitions/resume_verification`, {})).json().state).toBe(
      'verifying',
    );
    expect(
      (await gz.post(`/api/v1/cases/${c.id}/transitions/decide`, { outcome: 'maybe', findings: '核实' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await gz.post(`/api/v1/cases/${c.id}/transitions/decide`, {
          outcome: 'substantiated',
          findings: '核实属实',
        })
      ).json().state,
    ).toBe('decided');
    const early = await gz.post(`/api/v1/cases/${c.id}/transitions/close`, { feedback: '已办结' });
    expect(early.json().error.code).toBe('close_needs_action');
    expect(await state(c.id)).toBe('decided');
    expect(
      (
        await gz.post(`/api/v1/cases/${c.id}/transitions/record_action`, { actions: '已通知平台关停账号' })
      ).json().state,
    ).toBe('actioned');
    expect(
      (
        await gz.post(`/api/v1/cases/${c.id}/transitions/close`, { feedback: '您举报的问题已核实处置。' })
      ).json().state,
    ).toBe('closed');

    expect(
      (
        await gz.post(`/api/v1/cases/${c.id}/transitions/reopen`, {
          kind: 'review',
          reason: '举报人申请复查',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await as('s.gd').post(`/api/v1/cases/${c.id}/transitions/reopen`, {
          kind: 'review',
          reason: '举报人申请复查',
        })
      ).json().state,
    ).toBe('reopened');

    const timeline = (await as('s.gd').get(`/api/v1/cases/${c.id}`))
      .json()
      .timeline.map((e: { type: string }) => e.type);
    const names = (await as('s.gd').get(`/api/v1/cases/${c.id}`)).json().staffNames;
    expect(Object.values(names)).toContain('h.gz');
    expect(timeline).toEqual([
      'report_received',
      'case_accept',
      'case_assigned',
      'case_start_verification',
      'case_request_info',
      'handler_reply',
      'case_resume_verification',
      'case_decide',
      'case_record_action',
      'case_close',
      'handler_reply',
      'case_reopen',
    ]);
    expect(await verifyAudit(t.db.db)).toMatchObject({ ok: true });
  });

  it('transfers with a reason; the previous department keeps read-only access', async () => {
    const c = await newCase();
    expect(
      (
        await as('h.gz').post(`/api/v1/cases/${c.id}/transfer`, {
          departmentCode: 'SZ',
          reason: '涉案网站在深圳注册',
        })
      ).statusCode,
    ).toBe(200);
    const sz = (await as('h.sz').get(`/api/v1/cases/${c.id}`)).json();
    expect(sz.department.code).toBe('SZ');
    expect(sz.actions).toContain('accept');
    const gz = (await as('h.gz').get(`/api/v1/cases/${c.id}`)).json();
    expect(gz).toMatchObject({ readOnly: true, actions: [] });
    expect((await as('h.gz').post(`/api/v1/cases/${c.id}/transitions/accept`, {})).statusCode).toBe(403);
  });

  it('lets a supervisor assign only to staff who can handle the case, and notes stay internal', async () => {
    const c = await newCase();
    const sup = as('s.gd');
    const bad = await sup.post(`/api/v1/cases/${c.id}/assign`, { assigneeId: sessions.get('h.sz')?.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toMatch(/cannot handle/);
    expect(
      (await sup.post(`/api/v1/cases/${c.id}/assign`, { assigneeId: sessions.get('h2.gz')?.id })).statusCode,
    ).toBe(200);
    expect(
      (await as('h2.gz').get('/api/v1/cases?queue=mine')).json().items.map((i: { id: string }) => i.id),
    ).toContain(c.id);
    expect(
      (await as('h2.gz').post(`/api/v1/cases/${c.id}/notes`, { body: '内部备注：疑似团伙作案' })).statusCode,
    ).toBe(201);
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/session',
      payload: { receiptCode: c.receiptCode },
    });
    const cookie = session.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const reporterView = await t.app.inject({
      method: 'GET',
      url: '/api/v1/receipt/report',
      headers: { cookie },
    });
    expect(reporterView.body).not.toContain('内部备注');
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipt/supplements',
      headers: { cookie, 'x-csrf-token': session.json().csrfToken },
      payload: { details: '补充：对方还用了另一个收款账户' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const page = (await as('h2.gz').get(`/api/v1/cases/${c.id}`)).json();
    expect(page.reports[0].supplements).toEqual([
      { details: '补充：对方还用了另一个收款账户', answers: null, at: expect.any(String) },
    ]);
  });

  it('searches descriptions with Chinese segmentation and highlights the match, page by page', async () => {
    await newCase('对方自称是某证券公司的投资顾问，拉我进群推荐虚拟货币项目，充值后无法提现。');
    const found = (await as('h.gz').get(`/api/v1/cases?q=${encodeURIComponent('虚拟货币')}`)).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].highlight).toContain('«虚拟»«货币»');
    const page1 = (await as('h.gz').get('/api/v1/cases?limit=2')).json();
    const page2 = (await as('h.gz').get(`/api/v1/cases?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page2.items.map((i: { id: string }) => i.id)).not.toContain(page1.items[0].id);
  });
});
