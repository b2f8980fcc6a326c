import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RECEIPT_LOOKUP_LIMIT: '5', RECEIPT_LOOKUP_WINDOW_SECONDS: '600' });
});
afterAll(() => t.close());

const lookup = (receiptCode: unknown, ip = '203.0.113.7', lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/receipts/lookup',
    payload: { receiptCode },
    remoteAddress: ip,
    headers: { 'accept-language': lang },
  });

describe('POST /api/v1/receipts/lookup', () => {
  it('finds the report by its receipt code however it is typed, with the public timeline', async () => {
    const created = (
      await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() })
    ).json();
    for (const typed of [
      created.receiptCode,
      created.receiptCode.replaceAll('-', ' '),
      created.receiptCode.replaceAll('-', ''),
    ]) {
      const res = await lookup(typed, '198.51.100.1');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        reportNo: created.reportNo,
        status: 'received',
        statusLabel: '已接收',
        category: { code: 'fraud', name: '网络诈骗' },
      });
    }
    const en = (await lookup(created.receiptCode, '198.51.100.1', 'en')).json();
    expect(en.statusLabel).toBe('Received');
    expect(en.category.name).toBe('Online Fraud');
    expect(en.timeline).toEqual([
      { type: 'report_received', label: expect.stringMatching(/^Report received/), at: en.submittedAt },
    ]);
    expect(JSON.stringify(en)).not.toContain('冒充快递客服');
  });

  it('answers 404 for a wrong code and 400 for something that is not a code', async () => {
    const wrong = await lookup('0000-0000-0000-0000', '198.51.100.2');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('receipt_not_found');
    const bad = await lookup('abc', '198.51.100.2', 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'receiptCode', message: 'A receipt code is 16 digits.' },
    ]);
  });

  it('limits failed attempts per address (429 with Retry-After) without locking out other addresses', async () => {
    const created = (
      await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() })
    ).json();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await lookup(`1111-2222-3333-${String(i).padStart(4, '0')}`)).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    const limited = await lookup(created.receiptCode);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await lookup(created.receiptCode, '192.0.2.99')).statusCode).toBe(200);
    const { rows } = await t.db.pool.query<{ key: string }>('SELECT key FROM rate_limits');
    for (const row of rows) expect(row.key).not.toContain('203.0.113.7');
  });
});
