import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import type { TRole } from '../org/access.policy.js';
import { createTestStaff, issueTestSession } from '../org/staff.testing.js';

let t: TestApp;
const ids = new Map<string, string>();

async function staff(username: string, departmentCode: string, roles: TRole[]) {
  const user = await createTestStaff(
    { db: t.db.db, keys: t.keys, staff: t.services.staff },
    { username, departmentCode, roles, totp: roles.includes('supervisor') },
  );
  ids.set(username, user.id);
  return user.id;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('GET /api/v1/cases/:id/assignees', () => {
  it('lists the active handlers whose scope covers the case and the supervisor’s scope covers', async () => {
    const supervisor = await staff('s.gd', 'GD', ['supervisor']);
    await staff('h.gz', 'GZ', ['handler']);
    await staff('h.gd', 'GD', ['handler']);
    await staff('h.sz', 'SZ', ['handler']); // another city: does not cover a GZ case
    await staff('h.cn', 'CN', ['handler']); // covers it, but outside the supervisor's scope
    await staff('op.gz', 'GZ', ['intake_operator']); // cannot handle cases
    const gone = await staff('h.gone', 'GZ', ['handler']);
    await t.db.pool.query('UPDATE staff_users SET disabled_at = now() WHERE id = $1', [gone]);

    const report = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
    expect(report.statusCode).toBe(201);
    const { rows } = await t.db.pool.query<{ id: string; path: string }>(
      'SELECT c.id, d.path::text AS path FROM cases c JOIN departments d ON d.id = c.department_id WHERE c.case_no = $1',
      [report.json().caseNo],
    );
    const c = rows[0];
    if (!c) throw new Error('no case');
    expect(c.path.startsWith('cn.gd.gz')).toBe(true);

    const session = await issueTestSession(t.db.db, supervisor);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/assignees`,
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(200);
    const got = (res.json() as { assignees: { id: string; displayName: string }[] }).assignees;
    // The supervisor holds case.handle too: they may assign it to themselves.
    expect(got.map((a) => a.id).sort()).toEqual([ids.get('h.gd'), ids.get('h.gz'), supervisor].sort());
    expect(got.every((a) => typeof a.displayName === 'string' && a.displayName.length > 0)).toBe(true);

    // A handler may not list them (no case.assign).
    const handler = await issueTestSession(t.db.db, ids.get('h.gz') ?? '');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/assignees`,
      headers: { cookie: handler.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });
});
