import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  reportBody,
  staffClient,
  type TestApp,
  type TStaffClient,
} from '../../../../test/support/app.js';
import { verifyAudit } from '../../platform/audit/audit.js';
import type { TTestSession } from '../org/staff.testing.js';

let t: TestApp;
let sup: TTestSession & { id: string };
let asSup: TStaffClient;
let asHandler: TStaffClient;
beforeAll(async () => {
  t = await createTestApp();
  sup = await t.staffSession({
    username: 'tri.sup',
    departmentCode: 'GD',
    roles: ['supervisor'],
    totp: true,
  });
  asSup = staffClient(t.app, sup);
  asHandler = staffClient(
    t.app,
    await t.staffSession({ username: 'tri.h', departmentCode: 'GZ', roles: ['handler'] }),
  );
});
afterAll(() => t.close());

const PRIORITY = {
  id: 'test.smoke-signal',
  kind: 'priority',
  target: 'urgent',
  allOf: [['烽火台']],
  weight: 10,
  reasonZh: '提到烽火台',
  reasonEn: 'mentions a beacon tower',
  enabled: true,
};
const CATEGORY = {
  id: 'test.category-no-reason',
  kind: 'category',
  target: 'rumor',
  allOf: [['谣言测试词']],
  weight: 2,
  enabled: true,
};

const ruleOf = async (id: string) =>
  (await asSup.get('/api/v1/triage/rules')).json().rules.find((r: { id: string }) => r.id === id);
const audits = async (subject: string) =>
  (
    await t.db.pool.query<{ action: string; actor_id: string; payload: Record<string, unknown> }>(
      'SELECT action, actor_id, payload FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq',
      ['triage_rule', subject],
    )
  ).rows;

describe('triage rules', () => {
  it('adds a priority rule that then fires, recording who saved it', async () => {
    const rules = (await asSup.get('/api/v1/triage/rules')).json();
    expect(rules.rules.length).toBeGreaterThan(5);
    expect(rules.routing).toEqual({ routed: expect.any(Number), overridden: expect.any(Number) });
    expect(rules.rules[0]).toMatchObject({ updatedAt: expect.any(String), updatedBy: null });
    expect((await asSup.put('/api/v1/triage/rules', PRIORITY)).statusCode).toBe(200);
    expect(await ruleOf(PRIORITY.id)).toMatchObject({
      target: 'urgent',
      enabled: true,
      updatedBy: { id: sup.id, displayName: expect.any(String) },
    });
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

  it('needs reasons for priority rules only, naming the field in the caller’s language', async () => {
    expect((await asSup.put('/api/v1/triage/rules', CATEGORY)).statusCode).toBe(200);
    expect(await ruleOf(CATEGORY.id)).toMatchObject({ reasonZh: '', reasonEn: '' });

    const missing = { ...PRIORITY, id: 'test.no-reason', reasonEn: '  ' };
    const { reasonZh: _, ...noZh } = missing;
    const en = await asSup.put('/api/v1/triage/rules', noZh);
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toEqual([
      { path: 'reasonZh', message: expect.stringMatching(/priority rule needs a reason/) },
      { path: 'reasonEn', message: expect.stringMatching(/priority rule needs a reason/) },
    ]);
    const zh = await asSup.put('/api/v1/triage/rules', missing, { 'accept-language': 'zh-CN' });
    expect(zh.json().error.fields).toEqual([{ path: 'reasonEn', message: expect.stringMatching(/理由/) }]);

    const paths = async (rule: object) =>
      (await asSup.put('/api/v1/triage/rules', rule))
        .json()
        .error.fields.map((f: { path: string }) => f.path);
    expect(await paths({ ...PRIORITY, id: 'test.bad', target: 'rumor' })).toEqual(['target']);
    expect(await paths({ ...CATEGORY, id: 'test.bad', target: 'no_such_category' })).toEqual(['target']);
    expect(await paths({ ...CATEGORY, id: 'test.bad', weight: 2.5 })).toEqual(['weight']);
    expect(await ruleOf('test.no-reason')).toBeUndefined();
    expect(await ruleOf('test.bad')).toBeUndefined();
    expect(await audits('test.bad')).toEqual([]);
  });

  it('audits adding, changing and deleting, and lets only supervisors delete', async () => {
    const id = 'test.audited';
    const rule = { ...PRIORITY, id, allOf: [['审计测试词']] };
    expect((await asSup.put('/api/v1/triage/rules', rule)).statusCode).toBe(200);
    expect((await asSup.put('/api/v1/triage/rules', { ...rule, enabled: false, weight: 3 })).statusCode).toBe(
      200,
    );
    expect((await asHandler.delete(`/api/v1/triage/rules/${id}`)).statusCode).toBe(403);
    expect(await ruleOf(id)).toBeDefined();
    expect((await asSup.delete(`/api/v1/triage/rules/${id}`)).statusCode).toBe(200);
    expect(await ruleOf(id)).toBeUndefined();
    const gone = await asSup.delete(`/api/v1/triage/rules/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('triage_rule_not_found');

    expect(await audits(id)).toEqual([
      {
        action: 'triage.rule_added',
        actor_id: sup.id,
        payload: { kind: 'priority', target: 'urgent', enabled: true, cues: 1 },
      },
      {
        action: 'triage.rule_changed',
        actor_id: sup.id,
        payload: {
          kind: 'priority',
          target: 'urgent',
          enabled: false,
          cues: 1,
          changed: ['weight', 'enabled'],
        },
      },
      {
        action: 'triage.rule_deleted',
        actor_id: sup.id,
        payload: { kind: 'priority', target: 'urgent', enabled: false },
      },
    ]);
    expect((await verifyAudit(t.db.db)).ok).toBe(true);
  });
});
