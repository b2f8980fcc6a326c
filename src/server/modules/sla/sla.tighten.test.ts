import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, staffClient, type TestApp } from '../../../../test/support/app.js';
import type { TTestSession } from '../org/staff.testing.js';

let t: TestApp;
let admin: TTestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.staffSession({
    username: 'tighten.admin',
    departmentCode: 'CN',
    roles: ['admin'],
    totp: true,
  });
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const uniq = () => randomBytes(5).toString('hex');

async function submitWeb(overrides: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { reportNo: string; caseNo: string };
}

async function caseIdOf(caseNo: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_no = $1', [caseNo]);
  return rows[0]?.id ?? '';
}

async function stagesOf(caseId: string) {
  const { rows } = await t.db.pool.query<{
    stage: string;
    status: string;
    due_at: Date | null;
    unit: string;
    amount: number;
  }>('SELECT stage, status, due_at, unit, amount FROM case_deadlines WHERE case_id = $1', [caseId]);
  return new Map(rows.map((r) => [r.stage, r]));
}

async function tightenedEvents(caseId: string) {
  const { rows } = await t.db.pool.query<{ payload: { stages: { stage: string }[]; priority: string } }>(
    `SELECT payload FROM case_events WHERE case_id = $1 AND type = 'sla_tightened'`,
    [caseId],
  );
  return rows.map((r) => r.payload);
}

describe('deadlines of a case that becomes stricter after it opened', () => {
  it('an urgent report joining a normal case shortens its acceptance to 24 hours from then, once', async () => {
    const site = `https://lipei-${uniq()}.cn/claim`;
    const first = await submitWeb({ targets: [site] });
    const caseId = await caseIdOf(first.caseNo);
    await t.services.sla.openPending();
    const before = await stagesOf(caseId);
    expect(before.get('acceptance')).toMatchObject({ status: 'running', unit: 'calendar_days', amount: 15 });
    const handlingBefore = before.get('handling');

    const joined = await submitWeb({
      targets: [site],
      description: '同一个理赔网站，对方知道我女儿才12岁，现在拿她的裸照威胁我们继续转账，否则发到网上。',
    });
    expect(joined.caseNo).toBe(first.caseNo);
    const { rows } = await t.db.pool.query('SELECT priority FROM cases WHERE id = $1', [caseId]);
    expect(rows[0].priority).toBe('urgent');
    const raisedAt = Date.now();
    expect(await t.services.sla.openPending()).toBeGreaterThanOrEqual(1);

    const after = await stagesOf(caseId);
    const acceptance = after.get('acceptance');
    expect(acceptance).toMatchObject({ status: 'running', unit: 'hours', amount: 24 });
    const due = acceptance?.due_at?.getTime() ?? 0;
    expect(due).toBeGreaterThan(raisedAt + 23 * HOUR);
    expect(due).toBeLessThanOrEqual(raisedAt + 24 * HOUR + 60_000);
    // Stages whose rule did not get stricter keep theirs; nothing got longer.
    expect(after.get('handling')).toMatchObject({
      unit: handlingBefore?.unit,
      amount: handlingBefore?.amount,
    });
    expect(after.get('acknowledgement')?.due_at).toEqual(before.get('acknowledgement')?.due_at);
    const events = await tightenedEvents(caseId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      priority: 'urgent',
      stages: [expect.objectContaining({ stage: 'acceptance' })],
    });

    // Lowering the priority later queues nothing and lengthens nothing.
    await t.db.pool.query(`UPDATE cases SET priority = 'normal' WHERE id = $1`, [caseId]);
    const { rows: queued } = await t.db.pool.query('SELECT 1 FROM sla_pending_cases WHERE case_id = $1', [
      caseId,
    ]);
    expect(queued).toHaveLength(0);
  });

  it('a trusted flagger’s report joining a case shortens its acceptance too', async () => {
    const code = `tf-${uniq()}`;
    const asAdmin = staffClient(t.app, admin, { lang: null });
    const partner = await asAdmin.post('/api/v1/admin/partners', {
      code,
      name: `可信机构 ${code}`,
      trusted: true,
    });
    expect(partner.statusCode, partner.body).toBe(201);
    const key = await asAdmin.post(`/api/v1/admin/partners/${partner.json().id}/keys`, { rateLimit: 1000 });
    expect(key.statusCode, key.body).toBe(201);

    const site = `https://refund-${uniq()}.cn/`;
    const first = await submitWeb({ targets: [site] });
    const caseId = await caseIdOf(first.caseNo);
    await t.services.sla.openPending();
    expect((await stagesOf(caseId)).get('acceptance')).toMatchObject({ unit: 'calendar_days', amount: 15 });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner/reports',
      headers: { authorization: `Bearer ${key.json().key}` },
      payload: {
        reports: [
          {
            reference: `ref-${uniq()}`,
            category: 'fraud',
            description: '平台风控发现该网站冒充电商客服，以退款理赔为由诱导用户下载屏幕共享软件并转账。',
            answers: { contactChannel: 'phone_call', amountLost: 1000 },
            targets: [site],
            regionCode: '440106',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ status: 'created', caseNo: first.caseNo });
    await t.services.sla.openPending();
    expect((await stagesOf(caseId)).get('acceptance')).toMatchObject({ unit: 'hours', amount: 24 });
    expect(await tightenedEvents(caseId)).toEqual([
      expect.objectContaining({ stages: [expect.objectContaining({ stage: 'acceptance' })] }),
    ]);
  });
});
