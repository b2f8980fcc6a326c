import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and documentation', () => {
  it('reports liveness and readiness with migrations applied', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.migrations).toMatch(/^(\d+)\/\1 applied$/);
  });

  it('is not ready while a migration is missing', async () => {
    await t.db.pool.query(
      'DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)',
    );
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
  });

  it('serves the OpenAPI document generated from the route schemas, and its UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/reports', '/api/v1/receipts/lookup', '/api/v1/categories'])
      expect(doc.paths).toHaveProperty(p);
    expect(doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].schema).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes with the error shape, in the caller language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here?x=1',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'route_not_found', message: 'No such endpoint: GET /api/v1/nothing-here' },
    });
  });
});

describe('metrics', () => {
  it('counts receipt failures and reports, readable from loopback only', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/lookup',
      payload: { receiptCode: '0000-0000-0000-0001' },
    });
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toMatch(/qinglang_receipt_code_failures_total 1/);
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(404);
  });
});
