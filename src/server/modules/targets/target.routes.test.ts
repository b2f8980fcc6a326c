import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { createTestStaff, issueTestSession, type TTestSession } from '../org/staff.testing.js';

let t: TestApp;
let sup: TTestSession;
beforeAll(async () => {
  t = await createTestApp();
  const user = await createTestStaff(
    { db: t.db.db, keys: t.keys, staff: t.services.staff },
    { username: 'tg.sup', departmentCode: 'GD', roles: ['supervisor'], totp: true },
  );
  sup = await issueTestSession(t.db.db, user.id);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: sup.cookie, 'x-csrf-token': sup.csrf },
    ...(payload ? { payload } : {}),
  });

describe('the target registry and editable rules', () => {
  it('shows a target reported twice, in one case, and lets a supervisor confirm it as harmful', async () => {
    for (const text of [
      '点开链接 https://WWW.Fake-Refund-Center.cn/Login?utm_source=sms 要求输入银行卡',
      '又收到短信 fake-refund-center.cn/login 冒充客服退款',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportBody({ description: text, targets: [] }),
      });
      expect(res.statusCode).toBe(201);
    }
    const found = (await call('GET', '/api/v1/targets?kind=domain&limit=200')).json().items;
    const entry = found.find((e: { normalized: string }) => e.normalized === 'fake-refund-center.cn');
    expect(entry).toMatchObject({ reportCount: 2, caseCount: 1, status: 'unverified' });
    expect(
      (await call('PUT', '/api/v1/targets/status', { key: entry.key, status: 'confirmed_harmful' }))
        .statusCode,
    ).toBe(200);
    const again = (await call('GET', `/api/v1/targets?key=${encodeURIComponent(entry.key)}`)).json().items;
    expect(again[0].status).toBe('confirmed_harmful');
  });

  it('lists and replaces the editable lists, and adds a triage rule that then fires', async () => {
    const lists = (await call('GET', '/api/v1/targets/lists')).json();
    expect(Object.keys(lists).length).toBeGreaterThan(1);
    const rules = (await call('GET', '/api/v1/triage/rules')).json();
    expect(rules.rules.length).toBeGreaterThan(5);
    expect(rules.routing).toEqual({ routed: expect.any(Number), overridden: expect.any(Number) });
    const rule = {
      id: 'test.smoke-signal',
      kind: 'priority',
      target: 'urgent',
      allOf: [['烽火台']],
      weight: 10,
      reasonZh: '提到烽火台',
      reasonEn: 'mentions a beacon tower',
      enabled: true,
    };
    expect((await call('PUT', '/api/v1/triage/rules', rule)).statusCode).toBe(200);
    const saved = (await call('GET', '/api/v1/triage/rules'))
      .json()
      .rules.find((r: { id: string }) => r.id === rule.id);
    expect(saved).toMatchObject({ target: 'urgent', enabled: true });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: reportBody({
        category: 'rumor',
        answers: {},
        description: '有人在群里说城郊烽火台附近发生了重大事故，纯属编造',
      }),
    });
    const { rows } = await t.db.pool.query(
      'SELECT t.suggested_priority, t.reasons FROM report_triage t JOIN reports r ON r.id = t.report_id WHERE r.report_no = $1',
      [res.json().reportNo],
    );
    expect(rows[0].suggested_priority).toBe('urgent');
    expect(JSON.stringify(rows[0].reasons)).toContain('烽火台');
  });
});
