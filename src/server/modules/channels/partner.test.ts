import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffClient, type TestApp, type TStaffClient } from '../../../../test/support/app.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from '../../platform/crypto/webhook-signature.js';
import { AppError } from '../../platform/errors.js';
import { createPartnerService } from './partner.service.js';

let t: TestApp;
let admin: TStaffClient;
let handler: TStaffClient;

beforeAll(async () => {
  // The partner's webhook in these tests is a local server: allow private addresses here.
  t = await createTestApp({ PARTNER_WEBHOOK_ALLOW_PRIVATE: 'true' });
  admin = staffClient(
    t.app,
    await t.staffSession({ username: 'partner.admin', departmentCode: 'CN', roles: ['admin'], totp: true }),
    { lang: null },
  );
  handler = staffClient(
    t.app,
    await t.staffSession({ username: 'partner.handler', departmentCode: 'CN', roles: ['handler'] }),
    { lang: null },
  );
});
afterAll(async () => {
  await t?.close();
});

async function newPartner(trusted = false, key: { scopes?: string[]; rateLimit?: number } = {}) {
  const code = `p-${randomBytes(4).toString('hex')}`;
  const created = await admin.post('/api/v1/admin/partners', {
    code,
    name: `机构 ${code}`,
    trusted,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const k = await admin.post(`/api/v1/admin/partners/${id}/keys`, { rateLimit: 10_000, ...key });
  expect(k.statusCode, k.body).toBe(201);
  return { id, key: k.json().key as string, keyId: k.json().id as string };
}

const uniq = () => randomBytes(4).readUInt32BE(0).toString().padStart(10, '0');
const item = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  category: 'fraud',
  description: '平台风控发现该账号冒充电商客服，以退款理赔为由诱导用户下载屏幕共享软件并转账。',
  answers: { contactChannel: 'phone_call', amountLost: 1000 },
  targets: [`https://refund-${uniq()}.example.cn/`],
  regionCode: '440106',
  ...overrides,
});
const submit = (key: string | undefined, payload: object, idempotencyKey?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/partner/reports',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    payload,
  });
const reportCount = async () =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n as number;

describe('partner API', () => {
  it('takes a batch of 999 good items and 1 bad: 999 reports, one itemised error; a retry creates nothing', async () => {
    const p = await newPartner();
    const items = Array.from({ length: 1000 }, (_, i) => item(`ref-${i}`));
    items[500] = { ...item('ref-500'), description: '短' } as never; // too short: invalid
    const before = await reportCount();
    const started = Date.now();
    const batchKey = `batch-${uniq()}-key`;
    const res = await submit(p.key, { reports: items }, batchKey);
    const elapsed = Date.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect([body.created, body.replayed, body.failed]).toEqual([999, 0, 1]);
    expect(body.items).toHaveLength(1000);
    const bad = body.items.filter((i: { status: string }) => i.status !== 'created');
    expect(bad).toEqual([
      {
        index: 500,
        reference: 'ref-500',
        status: 'invalid',
        error: { code: 'validation_failed', fields: [expect.objectContaining({ path: 'description' })] },
      },
    ]);
    expect(body.items[0]).toMatchObject({
      index: 0,
      reference: 'ref-0',
      status: 'created',
      reportNo: expect.stringMatching(/^JB/),
    });
    expect(await reportCount()).toBe(before + 999);
    const links = await t.db.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT r.channel) AS channels, min(r.channel) AS channel
         FROM partner_reports pr JOIN reports r ON r.id = pr.report_id WHERE pr.partner_id = $1`,
      [p.id],
    );
    expect(links.rows[0]).toMatchObject({ n: 999, channel: 'partner' });
    console.info(`partner batch of 1000: ${elapsed} ms`);

    const retry = await submit(p.key, { reports: items }, batchKey);
    expect(retry.statusCode).toBe(200);
    expect([retry.json().created, retry.json().replayed, retry.json().failed]).toEqual([0, 999, 1]);
    expect(retry.json().items[7].reportNo).toBe(body.items[7].reportNo);
    expect(await reportCount()).toBe(before + 999);
  }, 120_000);

  it('authenticates by key: missing/unknown/revoked 401, missing scope 403, rate limit 429', async () => {
    expect((await submit(undefined, item('x'))).statusCode).toBe(401);
    expect((await submit(`qlp_${'A'.repeat(43)}`, item('x'))).statusCode).toBe(401);
    const p = await newPartner(false, { scopes: ['outcomes'], rateLimit: 2 });
    const scoped = await submit(p.key, item('x'));
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().error.code).toBe('partner_scope_missing');
    const outcomes = (key: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/partner/outcomes',
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await outcomes(p.key)).statusCode).toBe(200);
    expect((await outcomes(p.key)).statusCode).toBe(200);
    const limited = await outcomes(p.key);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();

    const q = await newPartner();
    expect((await submit(q.key, item('single'))).json().created).toBe(1);
    const revoked = await admin.post(`/api/v1/admin/partners/${q.id}/keys/${q.keyId}/revoke`);
    expect(revoked.statusCode).toBe(204);
    expect((await submit(q.key, item('after-revoke'))).statusCode).toBe(401);
    const { rows } = await t.db.pool.query('SELECT secret_hash FROM partner_keys WHERE id = $1', [q.keyId]);
    expect(rows[0].secret_hash.toString('hex')).not.toContain(Buffer.from(q.key).toString('hex'));
  });

  it('raises trusted flaggers’ priority; tells the partner the decision by signed webhook; tracks precision', async () => {
    const trusted = await newPartner(true);
    const plain = await newPartner(false);
    const other = (ref: string, description: string) =>
      item(ref, { category: 'other', answers: {}, description, targets: [`https://shop${uniq()}.net/post`] });
    const a = (
      await submit(trusted.key, other('t-1', '该网页发布了与实际情况不符的商品宣传信息，请核查处理。'))
    ).json().items[0];
    const b = (
      await submit(plain.key, other('p-1', 'A forum post spreads misleading claims about a shop.'))
    ).json().items[0];
    const priority = async (reportNo: string) =>
      (
        await t.db.pool.query(
          'SELECT c.id, c.priority FROM reports r JOIN cases c ON c.id = r.case_id WHERE r.report_no = $1',
          [reportNo],
        )
      ).rows[0];
    expect((await priority(a.reportNo)).priority).toBe('high');
    expect((await priority(b.reportNo)).id).not.toBe((await priority(a.reportNo)).id);
    expect((await priority(b.reportNo)).priority).not.toBe('high');

    // The partner's webhook: a local server that records what it receives.
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let fail = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = fail ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const set = await admin.patch(`/api/v1/admin/partners/${trusted.id}`, { webhookUrl: url });
      expect(set.statusCode, set.body).toBe(200);
      const secret = set.json().webhookSecret as string;
      expect(secret).toMatch(/^whsec_/);

      const caseId = (await priority(a.reportNo)).id as string;
      for (const [path, payload] of [
        ['claim', undefined],
        ['transitions/accept', {}],
        ['transitions/start_verification', {}],
        ['transitions/decide', { outcome: 'substantiated', findings: '经核查，举报属实，已责令平台下架。' }],
      ] as const) {
        const res = await handler.post(`/api/v1/cases/${caseId}/${path}`, payload ?? {});
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      }
      const { rows } = await t.db.pool.query(
        `SELECT d.id, d.status FROM partner_webhook_deliveries d WHERE d.partner_id = $1`,
        [trusted.id],
      );
      expect(rows).toEqual([{ id: expect.any(String), status: 'pending' }]);
      const job = await t.db.pool.query(
        `SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
          WHERE k.identifier = 'partner_webhook' AND j.payload->>'deliveryId' = $1`,
        [rows[0].id],
      );
      expect(job.rows[0].n).toBe(1);

      await expect(t.services.partners.deliver(rows[0].id, false)).rejects.toThrow(/HTTP 500/);
      // While it is retried, the console shows when the queue will try again (the job's run_at).
      const { rows: runAt } = await t.db.pool.query(
        'SELECT run_at FROM graphile_worker._private_jobs WHERE key = $1',
        [`partner_webhook:${rows[0].id}`],
      );
      const retrying = await admin.get(`/api/v1/admin/partners/${trusted.id}/deliveries`);
      expect(retrying.json().deliveries[0]).toMatchObject({
        status: 'pending',
        nextAttemptAt: (runAt[0].run_at as Date).toISOString(),
      });
      fail = false;
      await t.services.partners.deliver(rows[0].id, false);
      expect(received).toHaveLength(2);
      const last = received[1] as (typeof received)[number];
      const check = verifyWebhook(
        secret,
        {
          timestamp: last.headers[TIMESTAMP_HEADER] as string,
          signature: last.headers[SIGNATURE_HEADER] as string,
        },
        last.body,
      );
      expect(check).toBe('ok');
      expect(
        verifyWebhook(
          secret,
          {
            timestamp: last.headers[TIMESTAMP_HEADER] as string,
            signature: last.headers[SIGNATURE_HEADER] as string,
          },
          last.body.replace('substantiated', 'unsubstantiated'),
        ),
      ).toBe('invalid');
      expect(JSON.parse(last.body)).toMatchObject({
        event: 'report.decided',
        reference: 't-1',
        reportNo: a.reportNo,
        outcome: 'substantiated',
      });

      const log = await admin.get(`/api/v1/admin/partners/${trusted.id}/deliveries`);
      expect(log.statusCode, log.body).toBe(200);
      expect(log.json().deliveries[0]).toMatchObject({
        status: 'delivered',
        nextAttemptAt: null,
        attempts: 2,
        reference: 't-1',
        reportNo: a.reportNo,
        caseNo: expect.stringMatching(/^AJ/),
      });
      expect(log.json().deliveries[0].log.map((l: { statusCode: number }) => l.statusCode)).toEqual([
        500, 204,
      ]);

      const list = await admin.get('/api/v1/admin/partners');
      const mine = list.json().partners.find((x: { id: string }) => x.id === trusted.id);
      expect(mine).toMatchObject({ trusted: true, reports: 1, decided: 1, substantiated: 1, precision: 1 });
      expect(JSON.stringify(list.json())).not.toContain(trusted.key);

      const outcomes = await t.app.inject({
        method: 'GET',
        url: '/api/v1/partner/outcomes?references=t-1',
        headers: { authorization: `Bearer ${trusted.key}` },
      });
      expect(outcomes.json().items).toEqual([
        expect.objectContaining({
          reference: 't-1',
          reportNo: a.reportNo,
          state: 'decided',
          outcome: 'substantiated',
        }),
      ]);
    } finally {
      server.close();
    }
  });
});

describe('webhook addresses', () => {
  it('refuses a loopback, private or unresolvable address when it is saved, in the caller’s language', async () => {
    const { id } = await newPartner();
    const strict = createPartnerService({
      db: t.db.db,
      keys: t.keys,
      intake: t.services.intake,
      rateLimiter: t.services.rateLimiter,
      webhookTimeoutMs: 1000,
    });
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.1.2.3/hook',
      'https://no-such-host.invalid/hook',
    ]) {
      const refused = await strict.update('admin', 'en', id, { webhookUrl: url }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).fields?.[0]?.path).toBe('webhookUrl');
      expect((refused as AppError).fields?.[0]?.message).toMatch(/public internet/);
    }
    const zh = await strict.update('admin', 'zh-CN', id, { webhookUrl: 'http://[::1]/x' }).catch((e) => e);
    expect((zh as AppError).fields?.[0]?.message).toMatch(/公网/);
    const { rows } = await t.db.pool.query(`SELECT webhook_url FROM partner_organisations WHERE id = $1`, [
      id,
    ]);
    expect(rows[0]?.webhook_url).toBeNull();
  });
});
