import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body as object, headers });

async function departmentOf(reportNo: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ code: string }>(
    `SELECT d.code FROM reports r JOIN cases c ON c.id = r.case_id JOIN departments d ON d.id = c.department_id
      WHERE r.report_no = $1`,
    [reportNo],
  );
  return rows[0]?.code ?? '';
}

describe('POST /api/v1/reports', () => {
  it('stores an anonymous report with its case, first event and receipt, and acknowledges it', async () => {
    const before = await countRows(t.db);
    const payload = reportBody();
    const res = await post(payload);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.reportNo).toMatch(/^JB\d{8}-\d{6}$/);
    expect(body.caseNo).toMatch(/^AJ\d{8}-\d{6}$/);
    expect(body.receiptCode).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(body.status).toBe('received');
    const after = await countRows(t.db);
    expect(after).toEqual({
      reports: before.reports + 1,
      cases: before.cases + 1,
      case_events: before.case_events + 1,
      receipts: before.receipts + 1,
      reporter_identities: before.reporter_identities,
      audit_log: before.audit_log + 1,
    });
    const { rows } = await t.db.pool.query(
      `SELECT r.channel, r.category_code, r.targets, r.language, r.reporter_identity_id, c.state, c.priority,
              e.type, e.public
         FROM reports r JOIN cases c ON c.id = r.case_id JOIN case_events e ON e.case_id = c.id
        WHERE r.report_no = $1`,
      [body.reportNo],
    );
    expect(rows).toEqual([
      {
        channel: 'web',
        category_code: 'fraud',
        targets: payload.targets,
        language: 'zh-CN',
        reporter_identity_id: null,
        state: 'received',
        priority: 'high',
        type: 'report_received',
        public: true,
      },
    ]);
  });

  it('numbers reports consecutively within the day', async () => {
    const a = (await post(reportBody())).json().reportNo as string;
    const b = (await post(reportBody())).json().reportNo as string;
    expect(a.slice(0, 11)).toBe(b.slice(0, 11));
    expect(Number(b.slice(11))).toBe(Number(a.slice(11)) + 1);
  });

  it('seals a real-name identity and indexes it blindly', async () => {
    const res = await post(
      reportBody({ reporter: { name: '李四', phone: '+86 139-0000-1111', email: 'Li.Si@Example.com' } }),
    );
    expect(res.statusCode).toBe(201);
    const { rows } = await t.db.pool.query(
      `SELECT i.* FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id WHERE r.report_no = $1`,
      [res.json().reportNo],
    );
    const identity = rows[0];
    expect(identity.key_id).toBe(t.keys.master.id);
    expect(identity.phone_index).toEqual(t.keys.hmac('blind-index:phone', '13900001111'));
    expect(identity.email_index).toEqual(t.keys.hmac('blind-index:email', 'li.si@example.com'));
    expect(identity.id_number_index).toBeNull();
    expect(Buffer.from(identity.sealed).includes(Buffer.from('13900001111'))).toBe(false);
  });

  it.each([
    ['440106', 'fraud', 'GZ'],
    ['440300', 'gambling', 'SZ'],
    ['440300', 'infringement', 'GD'],
    ['330100', 'terror', 'CN'],
    ['510104', 'fraud', 'CN'],
    [undefined, 'rumor', 'CN'],
  ])('routes region %s / %s to %s', async (regionCode, category, department) => {
    const answers = category === 'fraud' ? { contactChannel: 'sms' } : {};
    const res = await post(reportBody({ regionCode, category, answers }));
    expect(res.statusCode).toBe(201);
    expect(await departmentOf(res.json().reportNo)).toBe(department);
  });
});

describe('POST /api/v1/reports validation', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['category', { category: 'no-such-thing' }, 'category'],
    ['category', { category: 42 }, 'category'],
    ['description', { description: '太短了' }, 'description'],
    ['description', { description: 'x'.repeat(10_001) }, 'description'],
    ['description', { description: undefined }, 'description'],
    ['answers', { answers: { contactChannel: 'carrier pigeon' } }, 'answers.contactChannel'],
    ['answers', { answers: { contactChannel: 'sms', amountLost: 'lots' } }, 'answers.amountLost'],
    ['answers', { answers: { contactChannel: 'sms', amountLost: -5 } }, 'answers.amountLost'],
    ['answers', { answers: { contactChannel: 'sms', shoeSize: 42 } }, 'answers.shoeSize'],
    ['answers', { answers: {} }, 'answers.contactChannel'],
    ['occurredAt', { occurredAt: 'yesterday' }, 'occurredAt'],
    ['occurredAt', { occurredAt: '2999-01-01T00:00:00+08:00' }, 'occurredAt'],
    ['regionCode', { regionCode: '44010' }, 'regionCode'],
    ['regionCode', { regionCode: '990000' }, 'regionCode'],
    ['targets', { targets: 'https://a.example' }, 'targets'],
    ['targets', { targets: [''] }, 'targets.0'],
    ['targets', { targets: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'targets'],
    ['reporter', { reporter: {} }, 'reporter'],
    ['reporter', { reporter: { phone: '12345' } }, 'reporter.phone'],
    ['reporter', { reporter: { email: 'not-an-email' } }, 'reporter.email'],
    ['reporter', { reporter: { idNumber: '110105194912310021' } }, 'reporter.idNumber'],
    ['reporter', { reporter: { name: 'x'.repeat(51) } }, 'reporter.name'],
    ['reporter', { reporter: { nickname: 'x' } }, 'reporter.nickname'],
    ['truthfulnessPledge', { truthfulnessPledge: false }, 'truthfulnessPledge'],
    ['truthfulnessPledge', { truthfulnessPledge: undefined }, 'truthfulnessPledge'],
    ['unknown field', { priority: 'urgent' }, 'priority'],
  ];

  it.each(cases)('refuses a bad %s (%j) naming %s, writing nothing', async (_name, override, path) => {
    const before = await countRows(t.db);
    const res = await post(reportBody(override), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f: { path: string }) => f.path)).toContain(path);
    for (const f of error.fields) expect(f.message).toMatch(/^[A-Z]/);
    expect(await countRows(t.db)).toEqual(before);
  });

  it('answers in the caller language and never echoes submitted identity', async () => {
    const zh = await post(reportBody({ reporter: { phone: '555-SECRET-99' } }));
    expect(zh.json().error.message).toBe('提交的内容有误，请按提示修改。');
    expect(zh.json().error.fields[0].message).toContain('手机号');
    expect(zh.body).not.toContain('SECRET');
    const en = await post(reportBody({ reporter: { phone: '555-SECRET-99' } }), {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(en.json().error.fields[0]).toEqual({
      path: 'reporter.phone',
      message: 'Enter a valid mobile or landline phone number.',
    });
  });

  it('refuses a body that is too large (413), not JSON (415) or malformed JSON (400)', async () => {
    const big = await post(reportBody({ description: '长'.repeat(400_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: 'category=fraud',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: 'category=fraud',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: '{"category": "fraud",',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });
});
