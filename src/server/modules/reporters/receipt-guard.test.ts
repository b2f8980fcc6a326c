import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { backoffMs, createReceiptGuard } from './receipt-guard.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    RECEIPT_LOOKUP_LIMIT: '20',
    RECEIPT_LOOKUP_WINDOW_SECONDS: '600',
    RECEIPT_BACKOFF_BASE_MS: '1',
    RECEIPT_BACKOFF_MAX_MS: '2',
    RECEIPT_AUDIT_AFTER_FAILURES: '5',
  });
});
afterAll(() => t.close());

const attempt = (url: string, receiptCode: string, ip: string) =>
  t.app.inject({ method: 'POST', url, payload: { receiptCode }, remoteAddress: ip });
const wrongCode = (i: number) => `9${String(i).padStart(15, '0')}`;
const failuresMetric = async () =>
  (await t.services.metrics.receiptFailures.get()).values.reduce((a, v) => a + v.value, 0);

describe('receipt-code guessing', () => {
  it('ends 1,000 wrong codes from one address in 429s while the right code works from another', async () => {
    const { receiptCode } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() })
    ).json();
    const metricBefore = await failuresMetric();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const url = i % 2 ? '/api/v1/receipts/session' : '/api/v1/receipts/lookup';
      const res = await attempt(url, wrongCode(i), '203.0.113.50');
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 404: 20, 429: 980 });
    expect(await failuresMetric()).toBe(metricBefore + 20);
    expect((await attempt('/api/v1/receipts/lookup', receiptCode, '203.0.113.50')).statusCode).toBe(429);
    expect((await attempt('/api/v1/receipts/lookup', receiptCode, '192.0.2.10')).statusCode).toBe(200);
    expect((await attempt('/api/v1/receipts/session', receiptCode, '192.0.2.10')).statusCode).toBe(200);
  });

  it('does not let successes use up an address (many honest people behind one CGNAT address)', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() })).json()
          .receiptCode,
      );
    }
    for (let i = 0; i < 60; i++) {
      const res = await attempt('/api/v1/receipts/lookup', codes[i % codes.length] ?? '', '100.64.0.1');
      expect(res.statusCode).toBe(200);
    }
  });

  it('audits a success after many failures from that address, without code or address', async () => {
    const { receiptCode, reportNo } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() })
    ).json();
    for (let i = 0; i < 6; i++)
      await attempt('/api/v1/receipts/lookup', wrongCode(5000 + i), '198.51.100.77');
    expect((await attempt('/api/v1/receipts/session', receiptCode, '198.51.100.77')).statusCode).toBe(200);
    const { rows } = await t.db.pool.query<{ subject_id: string; payload: Record<string, unknown> }>(
      `SELECT subject_id, payload FROM audit_log WHERE action = 'receipt.success_after_failures'`,
    );
    const { rows: report } = await t.db.pool.query<{ id: string }>(
      'SELECT id FROM reports WHERE report_no = $1',
      [reportNo],
    );
    expect(rows).toEqual([{ subject_id: report[0]?.id, payload: { failures: 6, windowSeconds: 600 } }]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('198.51.100.77');
    expect(text).not.toContain(receiptCode.replaceAll('-', ''));
  });

  it('slows an address down before it is refused, and caps guessing across all addresses', async () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, 250, 4000))).toEqual([0, 0, 250, 500, 1000, 4000]);
    const delays: number[] = [];
    const guard = createReceiptGuard({
      db: t.db.db,
      rateLimiter: t.services.rateLimiter,
      addressRule: { name: 'test-address', limit: 100, windowSeconds: 60 },
      globalRule: { name: 'test-global', limit: 10, windowSeconds: 60 },
      backoffBaseMs: 100,
      backoffMaxMs: 1000,
      auditAfterFailures: 1000,
      onFailure: () => {},
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    const miss = async () => undefined;
    const codes: (number | string)[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        await guard.attempt('10.0.0.1', miss).then(
          () => 'ok',
          (e: { status: number }) => e.status,
        ),
      );
    }
    expect(codes).toEqual([404, 404, 404, 404, 404, 404]);
    expect(delays).toEqual([100, 200, 400, 800]);
    for (let i = 0; i < 4; i++) await guard.attempt(`10.0.1.${i}`, miss).catch(() => {});
    // Ten failures in the window from five addresses: a fresh address is refused too.
    const refused = await guard.attempt('10.0.9.9', async () => ({ reportId: 'x' })).catch((e) => e);
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
