import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { freePort } from '../../platform/db/embedded.js';
import { openDatabase } from '../../platform/db/pool.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('intake atomicity', () => {
  it('writes nothing when the transaction fails at its last statement, and answers 503 for a lost connection', async () => {
    // The audit entry is the last row the intake transaction writes; make it fail as a dropped connection would.
    await t.db.pool.query(`
      CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated connection loss' USING ERRCODE = '08006'; END $$;
      CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit();`);
    try {
      const before = await countRows(t.db);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportBody({ reporter: { name: '王五', phone: '13700002222' } }),
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('service_unavailable');
      expect(await countRows(t.db)).toEqual(before);
    } finally {
      await t.db.pool.query('DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit();');
    }
  });

  it('hides an unexpected failure behind a 500 without details, and logs no row values', async () => {
    await t.db.pool.query(`
      CREATE FUNCTION fail_report() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'boom %', NEW.description; END $$;
      CREATE TRIGGER fail_report BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION fail_report();`);
    try {
      const before = await countRows(t.db);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportBody({ reporter: { name: '赵六', phone: '13700003333' } }),
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: 'internal', message: '服务器内部错误，请稍后重试。' });
      expect(await countRows(t.db)).toEqual(before);
      const logs = t.logs.join('');
      expect(logs).toContain('request failed');
      expect(logs).not.toContain('13700003333');
      expect(logs).not.toContain('赵六');
      expect(logs).not.toContain('冒充快递客服');
    } finally {
      await t.db.pool.query('DROP TRIGGER fail_report ON reports; DROP FUNCTION fail_report();');
    }
  });

  it('answers 503 with Retry-After when the database cannot be reached at all', async () => {
    const dead = openDatabase(`postgres://postgres:x@127.0.0.1:${await freePort()}/none`, 2);
    const offline = await createTestApp({}, { database: dead });
    try {
      const res = await offline.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      const lookup = await offline.app.inject({
        method: 'POST',
        url: '/api/v1/receipts/lookup',
        payload: { receiptCode: '1234-5678-9012-3456' },
      });
      expect(lookup.statusCode).toBe(503);
      const ready = await offline.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      const live = await offline.app.inject({ method: 'GET', url: '/healthz' });
      expect(live.statusCode).toBe(200);
    } finally {
      await offline.close();
      await dead.close();
    }
  });
});
