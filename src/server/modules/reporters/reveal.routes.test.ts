import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, staffClient, type TestApp } from '../../../../test/support/app.js';
import { uniqueIdentity } from '../../../../test/support/pii.js';
import type { TRole } from '../org/access.policy.js';
import type { TTestSession } from '../org/staff.testing.js';

let t: TestApp;
const who = new Map<string, TTestSession>();

beforeAll(async () => {
  t = await createTestApp();
  const people: [string, string, TRole[]][] = [
    ['rv.h.gz', 'GZ', ['handler']],
    ['rv.h.sz', 'SZ', ['handler']],
    ['rv.aud', 'GD', ['auditor']],
    ['rv.sup', 'GD', ['supervisor']],
    ['rv.both', 'GD', ['handler', 'supervisor']],
  ];
  for (const [name, dept, roles] of people) {
    who.set(name, await t.staffSession({ username: name, departmentCode: dept, roles, totp: true }));
  }
});
afterAll(() => t.close());

function as(name: string) {
  const s = who.get(name);
  if (!s) throw new Error(name);
  return staffClient(t.app, s);
}

async function report(reporter?: ReturnType<typeof uniqueIdentity>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: reportBody(reporter ? { reporter } : {}),
  });
  const { rows } = await t.db.pool.query<{ id: string; case_id: string }>(
    'SELECT id, case_id FROM reports WHERE report_no = $1',
    [res.json().reportNo],
  );
  return {
    reportId: rows[0]?.id ?? '',
    caseId: rows[0]?.case_id ?? '',
    receiptCode: res.json().receiptCode as string,
  };
}

const REASON = '核实举报人身份以便电话回访取证';

describe('reporter identity for staff', () => {
  it('is masked on the case page and revealed only with permission, a reason and an audit entry', async () => {
    const identity = uniqueIdentity();
    const r = await report(identity);
    const page = await as('rv.h.gz').get(`/api/v1/cases/${r.caseId}`);
    const masked = page.json().reports[0].reporter;
    expect(masked.phone).toBe(`${identity.phone.slice(0, 3)}****${identity.phone.slice(-4)}`);
    expect(masked.name).toMatch(/^.\*+$/);
    expect(page.json().reports[0].sameReporterToday).toBe(1);
    await report(identity); // the same person again: linked by blind index, nothing decrypted
    const again = (await as('rv.h.gz').get(`/api/v1/cases/${r.caseId}`)).json();
    expect(again.reports[0].sameReporterToday).toBe(2);
    for (const value of Object.values(identity)) expect(page.body).not.toContain(value);

    expect((await as('rv.h.gz').post(`/api/v1/reports/${r.reportId}/reveal`, {})).statusCode).toBe(400);
    expect(
      (await as('rv.h.gz').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: 'short' })).statusCode,
    ).toBe(400);
    expect(
      (await as('rv.aud').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON })).statusCode,
    ).toBe(403);
    expect(
      (await as('rv.h.sz').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON })).statusCode,
    ).toBe(404);
    const { rows: before } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'reporter.revealed'`,
    );
    expect(before[0].n).toBe(0);

    const revealed = await as('rv.h.gz').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ status: 'revealed', identity });
    const { rows: audit } = await t.db.pool.query(
      `SELECT reason, subject_id FROM audit_log WHERE action = 'reporter.revealed'`,
    );
    expect(audit).toEqual([{ reason: REASON, subject_id: r.reportId }]);
    const timeline = (await as('rv.sup').get(`/api/v1/cases/${r.caseId}`)).json().timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'identity_revealed')).toMatchObject({
      public: false,
      payload: { reason: REASON },
    });
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/lookup',
      payload: { receiptCode: r.receiptCode },
    });
    expect(lookup.body).not.toContain('identity_revealed');
    const logs = t.logs.join('');
    for (const value of Object.values(identity)) expect(logs).not.toContain(value);
  });

  it('answers 404 for an anonymous report', async () => {
    const r = await report();
    expect(
      (await as('rv.h.gz').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON })).json().error
        .code,
    ).toBe('no_identity');
  });

  it('needs a second person where the department requires it, and an approval is used once', async () => {
    await t.db.pool.query(`UPDATE departments SET reveal_needs_approval = true WHERE code = 'GZ'`);
    t.services.departments.invalidate();
    const identity = uniqueIdentity();
    const r = await report(identity);
    const asked = await as('rv.h.gz').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON });
    expect(asked.statusCode).toBe(202);
    const { requestId } = asked.json();
    expect(asked.body).not.toContain(identity.phone);
    expect(
      (await as('rv.h.gz').post(`/api/v1/reveal-requests/${requestId}/reveal`, {})).json().error.code,
    ).toBe('reveal_request_closed');

    const own = await as('rv.both').post(`/api/v1/reports/${r.reportId}/reveal`, { reason: REASON });
    expect(
      (
        await as('rv.both').post(`/api/v1/reveal-requests/${own.json().requestId}/decision`, {
          approve: true,
        })
      ).json().error.code,
    ).toBe('reveal_self_approval');

    const pending = (await as('rv.sup').get('/api/v1/reveal-requests')).json().items;
    expect(pending.map((p: { id: string }) => p.id)).toContain(requestId);
    expect(
      (
        await as('rv.sup').post(`/api/v1/reveal-requests/${requestId}/decision`, {
          approve: true,
          note: '同意',
        })
      ).json(),
    ).toEqual({ status: 'approved' });
    expect((await as('rv.sup').post(`/api/v1/reveal-requests/${requestId}/reveal`, {})).statusCode).toBe(403);
    const used = await as('rv.h.gz').post(`/api/v1/reveal-requests/${requestId}/reveal`, {});
    expect(used.json()).toEqual({ status: 'revealed', identity });
    expect((await as('rv.h.gz').post(`/api/v1/reveal-requests/${requestId}/reveal`, {})).statusCode).toBe(
      409,
    );
    await t.db.pool.query(`UPDATE departments SET reveal_needs_approval = false WHERE code = 'GZ'`);
    t.services.departments.invalidate();
  });
});
