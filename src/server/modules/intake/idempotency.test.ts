import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { hashIdempotencyKey } from './idempotency.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (key: string | undefined, body: unknown = reportBody()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: body as object,
    headers: key ? { 'idempotency-key': key } : {},
  });

const reportCount = async () =>
  Number((await t.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM reports')).rows[0]?.n);

describe('Idempotency-Key on POST /api/v1/reports', () => {
  it('answers a retry after a lost answer (timeout) with the same 201 body and stores one report', async () => {
    const key = crypto.randomUUID();
    const before = await reportCount();
    const first = await post(key); // the client never saw this answer: its request timed out
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await reportCount()).toBe(before + 1);
  });

  it('answers retries of several different keys arriving together each with its own report', async () => {
    const keys = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const firsts = await Promise.all(keys.slice(0, 2).map((k) => post(k)));
    // Looked up together (one statement): two known keys, one new.
    const retries = await Promise.all(keys.map((k) => post(k)));
    expect(retries.map((r) => r.headers['idempotent-replayed'])).toEqual(['true', 'true', undefined]);
    expect(retries[0]?.json()).toEqual(firsts[0]?.json());
    expect(retries[1]?.json()).toEqual(firsts[1]?.json());
    expect(retries[2]?.json().reportNo).not.toBe(firsts[0]?.json().reportNo);
  });

  it('lets concurrent duplicates of one submission create exactly one report, all answered alike', async () => {
    const key = crypto.randomUUID();
    const before = await reportCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(key)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const bodies = answers.map((a) => a.json());
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(await reportCount()).toBe(before + 1);
    const { rows } = await t.db.pool.query(
      'SELECT count(*)::int AS n FROM intake_idempotency WHERE key_hash = $1',
      [hashIdempotencyKey(key)],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('duplicates racing into the same intake statement: one commits, the rest roll back and get its answer', async () => {
    const key = crypto.randomUUID();
    const before = await reportCount();
    const input = {
      channel: 'web' as const,
      category: 'fraud',
      description: '同一份举报因为网络超时被客户端重复提交了好几次。',
      answers: { contactChannel: 'sms' },
      targets: ['https://fake-shop.example.cn'],
      language: 'zh-CN' as const,
      idempotencyKey: key,
    };
    // No replay look-up first (the route does one): every copy reaches the write and races on the key.
    const results = await Promise.all(Array.from({ length: 6 }, () => t.services.intake.submit(input)));
    expect(new Set(results.map((r) => r.reportNo)).size).toBe(1);
    expect(new Set(results.map((r) => r.receiptCode)).size).toBe(1);
    expect(await reportCount()).toBe(before + 1);
  });

  it('the replayed receipt code opens the report, and it is stored sealed, never in plain text', async () => {
    const key = crypto.randomUUID();
    await post(key);
    const replay = (await post(key)).json();
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/session',
      payload: { receiptCode: replay.receiptCode },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json().reportNo).toBe(replay.reportNo);
    const { rows } = await t.db.pool.query<{ sealed: Buffer; key_hash: Buffer }>(
      'SELECT sealed, key_hash FROM intake_idempotency WHERE key_hash = $1',
      [hashIdempotencyKey(key)],
    );
    const digits = replay.receiptCode.replace(/-/g, '');
    expect(rows[0]?.sealed.toString('latin1')).not.toContain(digits);
    expect(rows[0]?.key_hash.toString('latin1')).not.toContain(key);
  });

  it('different keys and no key create separate reports; a malformed key is refused', async () => {
    const before = await reportCount();
    const a = await post(crypto.randomUUID());
    const b = await post(crypto.randomUUID());
    const c = await post(undefined);
    const d = await post(undefined);
    expect(new Set([a, b, c, d].map((r) => r.json().reportNo)).size).toBe(4);
    expect(await reportCount()).toBe(before + 4);
    const bad = await post('short');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toContain('idempotency-key');
  });

  it('a key whose 24 hours are over is forgotten: the next use creates a new report', async () => {
    const key = crypto.randomUUID();
    const first = (await post(key)).json();
    await t.db.pool.query(
      `UPDATE intake_idempotency SET expires_at = now() - interval '1 second' WHERE key_hash = $1`,
      [hashIdempotencyKey(key)],
    );
    const again = await post(key);
    expect(again.statusCode).toBe(201);
    expect(again.json().reportNo).not.toBe(first.reportNo);
  });
});
