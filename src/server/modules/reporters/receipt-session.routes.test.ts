import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { caseMessagesForStaff, replyToReporter } from '../cases/followup.service.js';
import { multipart } from '../evidence/evidence.fixtures.js';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'qinglang-receipt-test-'));
  t = await createTestApp({ RECEIPT_BACKOFF_BASE_MS: '0', DATA_DIR: dataDir });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface TReporterSession {
  reportNo: string;
  reportId: string;
  caseId: string;
  cookie: string;
  csrfToken: string;
}

async function submitAndOpen(ip = '198.51.100.20'): Promise<TReporterSession> {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
  expect(created.statusCode).toBe(201);
  const { receiptCode, reportNo } = created.json();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/receipts/session',
    payload: { receiptCode },
    remoteAddress: ip,
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().reportNo).toBe(reportNo);
  const setCookie = String(res.headers['set-cookie']);
  expect(setCookie).toMatch(/^qinglang_receipt=/);
  expect(setCookie).toMatch(/Path=\/api\/v1\/receipt;/);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const { rows } = await t.db.pool.query<{ id: string; case_id: string }>(
    'SELECT id, case_id FROM reports WHERE report_no = $1',
    [reportNo],
  );
  return {
    reportNo,
    reportId: rows[0]?.id ?? '',
    caseId: rows[0]?.case_id ?? '',
    cookie: setCookie.split(';')[0] ?? '',
    csrfToken: res.json().csrfToken,
  };
}

const read = (s: { cookie?: string }, lang = 'en') =>
  t.app.inject({
    method: 'GET',
    url: '/api/v1/receipt/report',
    headers: { ...(s.cookie ? { cookie: s.cookie } : {}), 'accept-language': lang },
  });

const post = (s: { cookie?: string; csrfToken?: string }, path: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/receipt/${path}`,
    payload: payload as object,
    headers: {
      ...(s.cookie ? { cookie: s.cookie } : {}),
      ...(s.csrfToken ? { 'x-csrf-token': s.csrfToken } : {}),
      'accept-language': 'en',
    },
  });

const count = async (table: string) =>
  (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? -1;

describe('receipt session', () => {
  it('is scoped to its one report: A reads A, never B', async () => {
    const a = await submitAndOpen();
    const b = await submitAndOpen();
    const viewA = (await read(a)).json();
    expect(viewA.reportNo).toBe(a.reportNo);
    expect(viewA.status).toBe('received');
    expect(viewA.timeline.map((e: { type: string }) => e.type)).toEqual(['report_received']);
    await post(a, 'messages', { body: 'only for A' });
    expect(JSON.stringify((await read(b)).json())).not.toContain('only for A');
    expect((await read(b)).json().reportNo).toBe(b.reportNo);
  });

  it('answers 401 without a cookie, with an unknown one, and once expired or idle too long', async () => {
    const noCookie = await read({});
    expect(noCookie.statusCode).toBe(401);
    expect(noCookie.json().error.code).toBe('receipt_session_required');
    expect((await read({ cookie: 'qinglang_receipt=forged' })).statusCode).toBe(401);
    expect((await post({}, 'messages', { body: 'hi' })).statusCode).toBe(401);

    const expired = await submitAndOpen();
    expect((await read(expired)).statusCode).toBe(200);
    await t.db.pool.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE subject_id = $1`,
      [expired.reportId],
    );
    expect((await read(expired)).statusCode).toBe(401);

    const idle = await submitAndOpen();
    await t.db.pool.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE subject_id = $1`,
      [idle.reportId],
    );
    expect((await read(idle)).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token (403) and writes nothing', async () => {
    const s = await submitAndOpen();
    const before = await Promise.all(
      ['case_messages', 'report_supplements', 'case_events', 'audit_log'].map(count),
    );
    const noToken = await post({ cookie: s.cookie }, 'messages', { body: 'hello' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const wrong = await post({ cookie: s.cookie, csrfToken: `${s.csrfToken}x` }, 'supplements', {
      details: 'more',
    });
    expect(wrong.statusCode).toBe(403);
    const after = await Promise.all(
      ['case_messages', 'report_supplements', 'case_events', 'audit_log'].map(count),
    );
    expect(after).toEqual(before);
  });

  it('round-trips a message, a supplement and a staff reply, each with a public event and an audit entry', async () => {
    const s = await submitAndOpen();
    const auditBefore = await count('audit_log');
    expect((await post(s, 'messages', { body: '  我又收到了一个诈骗电话。 ' })).statusCode).toBe(201);
    const supplement = await post(s, 'supplements', {
      details: '对方又换了一个号码。',
      answers: { amountLost: 4500 },
    });
    expect(supplement.statusCode).toBe(201);
    const staffId = randomUUID();
    await replyToReporter(t.db.db, {
      caseId: s.caseId,
      reportId: s.reportId,
      staffId,
      body: '已收到，正在核查。',
    });

    const view = (await read(s)).json();
    expect(view.messages).toEqual([
      { direction: 'to_handler', body: '我又收到了一个诈骗电话。', at: expect.any(String) },
      { direction: 'to_reporter', body: '已收到，正在核查。', at: expect.any(String) },
    ]);
    expect(view.supplements).toEqual([
      { details: '对方又换了一个号码。', answers: { amountLost: 4500 }, at: expect.any(String) },
    ]);
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual([
      'report_received',
      'reporter_message',
      'reporter_supplement',
      'handler_reply',
    ]);
    expect(view.timeline[3].label).toBe('The case handler replied');
    expect(JSON.stringify(view)).not.toContain(staffId);

    const { rows } = await t.db.pool.query<{ action: string; payload: unknown }>(
      'SELECT action, payload FROM audit_log ORDER BY seq DESC LIMIT 3',
    );
    expect(rows.map((r) => r.action).sort()).toEqual([
      'case.message_from_reporter',
      'case.reply_to_reporter',
      'report.supplemented',
    ]);
    expect(JSON.stringify(rows)).not.toContain('诈骗电话');
    expect(await count('audit_log')).toBe(auditBefore + 3);

    const forStaff = await caseMessagesForStaff(t.db.db, s.caseId);
    expect(forStaff.map((m) => [m.direction, m.authorType, m.authorId])).toEqual([
      ['to_handler', 'reporter', null],
      ['to_reporter', 'staff', staffId],
    ]);
  });

  it('refuses a staff reply to a report of another case', async () => {
    const a = await submitAndOpen();
    const b = await submitAndOpen();
    await expect(
      replyToReporter(t.db.db, { caseId: a.caseId, reportId: b.reportId, staffId: randomUUID(), body: 'x' }),
    ).rejects.toMatchObject({ code: 'case_not_found', status: 404 });
  });

  it('validates messages and supplements with field errors like the intake', async () => {
    const s = await submitAndOpen();
    const empty = await post(s, 'messages', { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ path: 'body', message: 'Must be at least 1 characters.' }]);
    expect((await post(s, 'messages', { body: 'x'.repeat(5001) })).statusCode).toBe(400);

    const badAnswers = await post(s, 'supplements', { answers: { amountLost: 'lots', nope: 1 } });
    expect(badAnswers.statusCode).toBe(400);
    expect(badAnswers.json().error.fields).toEqual(
      expect.arrayContaining([
        { path: 'answers.amountLost', message: 'Enter a number.' },
        { path: 'answers.nope', message: expect.stringContaining('nope') },
      ]),
    );
    const nothing = await post(s, 'supplements', {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.fields).toEqual([
      { path: 'details', message: 'Add details or answer at least one question.' },
    ]);
    expect((await read(s)).json().supplements).toEqual([]);
  });

  it('adds evidence files to the report (CSRF required), with a public event and an audit entry', async () => {
    const s = await submitAndOpen();
    const form = await multipart([
      { name: 'file', filename: '新的截图说明.txt', data: Buffer.from('对方又发来了新的收款账户。\n') },
    ]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipt/evidence',
      payload: form.payload,
      headers: { ...form.headers, cookie: s.cookie },
    });
    expect(refused.statusCode).toBe(403);
    expect(await count('evidence')).toBe(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipt/evidence',
      payload: form.payload,
      headers: { ...form.headers, cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ count: 1 });
    const { rows } = await t.db.pool.query<{ report_id: string; source: string }>(
      'SELECT report_id, source FROM evidence',
    );
    expect(rows).toEqual([{ report_id: s.reportId, source: 'reporter' }]);
    const view = (await read(s)).json();
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['report_received', 'evidence_added']);
    const audit = await t.db.pool.query('SELECT 1 FROM audit_log WHERE action = $1 AND subject_id = $2', [
      'evidence.added',
      s.reportId,
    ]);
    expect(audit.rowCount).toBe(1);
  });
});
