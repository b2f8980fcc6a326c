import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  reportBody,
  staffClient,
  type TestApp,
  type TStaffClient,
} from '../../../../test/support/app.js';
import { verifyAudit } from '../../platform/audit/audit.js';

let t: TestApp;
let sup: TStaffClient;
let supId: string;
let handler: TStaffClient;
beforeAll(async () => {
  t = await createTestApp();
  const user = await t.staffSession({
    username: 'tg.sup',
    departmentCode: 'GD',
    roles: ['supervisor'],
    totp: true,
  });
  sup = staffClient(t.app, user);
  supId = user.id;
  handler = staffClient(
    t.app,
    await t.staffSession({ username: 'tg.h', departmentCode: 'GZ', roles: ['handler'] }),
  );
});
afterAll(() => t.close());

const audits = async (action: string, subject: string) =>
  (
    await t.db.pool.query<{ actor_id: string; payload: Record<string, unknown> }>(
      'SELECT actor_id, payload FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY seq',
      [action, subject],
    )
  ).rows;

describe('the target registry and editable lists', () => {
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
    const found = (await sup.get('/api/v1/targets?kind=domain&q=fake-refund-center')).json().items;
    expect(found).toHaveLength(1);
    const [entry] = found;
    expect(entry).toMatchObject({ reportCount: 2, caseCount: 1, status: 'unverified' });
    expect(entry.cases).toEqual([{ id: expect.any(String), caseNo: expect.stringMatching(/^AJ/) }]);
    expect(
      (await sup.put('/api/v1/targets/status', { key: entry.key, status: 'confirmed_harmful' })).statusCode,
    ).toBe(200);
    const again = (await sup.get(`/api/v1/targets?q=${encodeURIComponent(entry.key)}`)).json().items;
    expect(again[0].status).toBe('confirmed_harmful');
  });

  it('refuses bad list entries by their index, in the caller’s language, changing nothing', async () => {
    const put = (list: string, values: string[], lang = 'en') =>
      sup.put(`/api/v1/targets/lists/${encodeURIComponent(list)}`, { values }, { 'accept-language': lang });
    const fields = async (list: string, values: string[], lang = 'en') => {
      const res = await put(list, values, lang);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields as { path: string; message: string }[];
    };
    const paths = async (list: string, values: string[]) => (await fields(list, values)).map((f) => f.path);
    const before = (await sup.get('/api/v1/targets/lists')).json();

    expect(await paths('generic', ['domain|ok.cn', 'bogus|x', 'ok.cn', 'app|', 'domain|ok.cn'])).toEqual([
      'values.1',
      'values.2',
      'values.3',
      'values.4',
    ]);
    expect(await paths('category_compat', ['fraud|pyramid', 'fraud|nope', 'fraud', 'a|b|c'])).toEqual([
      'values.1',
      'values.2',
      'values.3',
    ]);
    expect(await paths('tracking_param', ['utm_*', 'a b', '*', 'x*y', 'a=b', 'ok'])).toEqual([
      'values.1',
      'values.2',
      'values.3',
      'values.4',
    ]);
    expect(await paths('default_handle_platform', ['weibo', 'qq'])).toEqual(['values']);
    expect(await paths('default_handle_platform', ['myspace'])).toEqual(['values.0']);
    expect(await paths('platform:qq', [])).toEqual(['values']);
    expect(await paths('card_cue', ['卡号', '-'])).toEqual(['values.1']);
    const [en] = await fields('tracking_param', ['a b']);
    const [zh] = await fields('tracking_param', ['a b'], 'zh-CN');
    expect(en?.message).toMatch(/parameter name/);
    expect(zh?.message).toMatch(/参数名/);
    expect((await put('no_such_list', ['x'])).statusCode).toBe(404);
    expect((await sup.get('/api/v1/targets/lists')).json()).toEqual(before);
  });

  it('replaces a list with an audit entry of counts; an emptied list stays listed and editable', async () => {
    const before = (await sup.get('/api/v1/targets/lists')).json();
    const ok = await sup.put('/api/v1/targets/lists/tracking_param', {
      values: ['utm_*', 'spm', 'e2e_ref', 'ref_*'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const [entry] = await audits('target.list_replaced', 'tracking_param');
    const kept = (before.tracking_param as string[]).filter((v) => ['utm_*', 'spm'].includes(v)).length;
    expect(entry).toEqual({
      actor_id: supId,
      payload: {
        before: before.tracking_param.length,
        after: 4,
        added: 4 - kept,
        removed: before.tracking_param.length - kept,
      },
    });
    expect(
      (await sup.put('/api/v1/targets/lists/default_handle_platform', { values: ['qq'] })).statusCode,
    ).toBe(200);

    expect((await sup.put('/api/v1/targets/lists/card_cue', { values: [] })).statusCode).toBe(200);
    expect((await sup.get('/api/v1/targets/lists')).json().card_cue).toEqual([]);
    expect((await sup.put('/api/v1/targets/lists/card_cue', { values: ['卡号'] })).statusCode).toBe(200);
    const lists = (await sup.get('/api/v1/targets/lists')).json();
    expect(lists).toMatchObject({ card_cue: ['卡号'], default_handle_platform: ['qq'] });
    expect(await audits('target.list_replaced', 'card_cue')).toHaveLength(2);
    expect((await verifyAudit(t.db.db)).ok).toBe(true);

    const refused = await handler.put('/api/v1/targets/lists/card_cue', { values: ['卡'] });
    expect(refused.statusCode).toBe(403);
  });
});
