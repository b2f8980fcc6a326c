import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { multipart, png } from '../evidence/evidence.fixtures.js';
import { ACCESS_MATRIX, collectRoutes, type TMatrixFixtures, type TMatrixRow } from './access.matrix.js';
import { ROLE_PERMISSIONS, ROLES, type TRole } from './access.policy.js';
import { createTestStaff, issueTestSession, type TTestStaff } from './staff.testing.js';

let t: TestApp;
let counter = 0;
const actors = new Map<TRole, TTestStaff>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    actors.set(
      role,
      await createTestStaff(
        { db: t.db.db, keys: t.keys, staff: t.services.staff },
        { username: `matrix.${role}`, departmentCode: 'GD', roles: [role], totp: true },
      ),
    );
  }
});
afterAll(async () => {
  await t?.close();
});

const fixtures: TMatrixFixtures = {
  staffInScope: async () => newStaff('GZ'),
  staffOutOfScope: async () => newStaff('ZJ'),
  caseInScope: async () => (await newReport('440106')).caseId,
  caseOutOfScope: async () => (await newReport('330100')).caseId,
  reportInScope: async () => (await newReport('440106')).reportId,
  reportOfCase: async (caseId) => {
    const { rows } = await t.db.pool.query<{ id: string }>(
      'SELECT id FROM reports WHERE case_id = $1 LIMIT 1',
      [caseId],
    );
    return rows[0]?.id ?? '';
  },
  reportOutOfScope: async () => (await newReport('330100')).reportId,
  evidenceInScope: async () => (await newReport('440106', true)).evidenceId,
  evidenceOutOfScope: async () => (await newReport('330100', true)).evidenceId,
};

/** A report (and its case, and optionally a photo as evidence) routed by its region. */
async function newReport(regionCode: string, withFile = false) {
  const body = reportBody({ regionCode, reporter: { name: '矩阵测试', phone: '13700007777' } });
  const res = withFile
    ? await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        ...(await multipart([
          { name: 'report', value: JSON.stringify(body) },
          { name: 'file', filename: 'photo.png', type: 'image/png', data: await png() },
        ])),
      })
    : await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body });
  if (res.statusCode !== 201) throw new Error(res.body);
  const { rows } = await t.db.pool.query<{ case_id: string; id: string; evidence_id: string }>(
    `SELECT r.case_id, r.id, (SELECT e.id FROM evidence e WHERE e.report_id = r.id LIMIT 1) AS evidence_id
       FROM reports r WHERE r.report_no = $1`,
    [res.json().reportNo],
  );
  const row = rows[0];
  if (!row) throw new Error('report not stored');
  return { caseId: row.case_id, reportId: row.id, evidenceId: row.evidence_id };
}
async function newStaff(departmentCode: string): Promise<string> {
  counter += 1;
  const user = await createTestStaff(
    { db: t.db.db, keys: t.keys, staff: t.services.staff },
    { username: `target.${counter}`, departmentCode, roles: ['handler'] },
  );
  return user.id;
}

function expected(row: TMatrixRow, role: TRole): number {
  if (row.access === 'public' || row.access === 'staff' || row.access === 'enrolment') return row.allowed;
  return ROLE_PERMISSIONS[role].includes(row.access) ? row.allowed : 403;
}

async function send(row: TMatrixRow, role: TRole | undefined, target: 'in' | 'out') {
  const build = target === 'out' ? row.outOfScope : row.request;
  const req = build ? await build(fixtures) : { url: row.route };
  const headers: Record<string, string> = {};
  if (role) {
    const actor = actors.get(role);
    if (!actor) throw new Error(role);
    const session = await issueTestSession(t.db.db, actor.id);
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return t.app.inject({
    method: row.method,
    url: req.url,
    headers,
    ...(req.payload === undefined ? {} : { payload: req.payload as object }),
  });
}

describe('authorisation matrix', () => {
  it('lists every route of the app (add a row to ACCESS_MATRIX for a new route)', () => {
    const listed = ACCESS_MATRIX.map((r) => `${r.method} ${r.route}`).sort();
    expect(collectRoutes(t.app)).toEqual(listed);
  });

  const protectedRows = ACCESS_MATRIX.filter((r) => r.access !== 'public');

  it.each(protectedRows.map((r) => [`${r.method} ${r.route}`, r] as const))(
    '%s: 401 without a session',
    async (_, row) => {
      const res = await send(row, undefined, 'in');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    },
  );

  const cells = protectedRows.flatMap((row) =>
    ROLES.map((role) => [`${row.method} ${row.route} as ${role}`, row, role] as const),
  );
  it.each(cells)('%s', async (_, row, role) => {
    const res = await send(row, role, 'in');
    expect(res.statusCode, res.body).toBe(expected(row, role));
    if (row.outOfScope) {
      const out = await send(row, role, 'out');
      const allowed = expected(row, role) !== 403;
      expect(out.statusCode, out.body).toBe(allowed ? (row.outOfScopeStatus ?? 404) : 403);
    }
  });

  it('answers an out-of-scope resource exactly like a missing one', async () => {
    const admin = actors.get('admin');
    if (!admin) throw new Error('admin');
    const session = await issueTestSession(t.db.db, admin.id);
    const get = (id: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/staff/users/${id}`, headers: { cookie: session.cookie } });
    const outside = await get(await newStaff('HZ'));
    const missing = await get('00000000-0000-4000-8000-000000000000');
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
  });

  it('keeps a signed-in supervisor who has not enrolled in TOTP to the enrolment endpoints', async () => {
    const sup = await createTestStaff(
      { db: t.db.db, keys: t.keys, staff: t.services.staff },
      { username: 'matrix.unenrolled', departmentCode: 'GD', roles: ['supervisor', 'admin'] },
    );
    for (const row of protectedRows) {
      const session = await issueTestSession(t.db.db, sup.id, 'full');
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
      const req = row.request ? await row.request(fixtures) : { url: row.route };
      const res = await t.app.inject({
        method: row.method,
        url: req.url,
        headers,
        ...(req.payload === undefined ? {} : { payload: req.payload as object }),
      });
      if (row.access === 'enrolment') expect(res.statusCode, `${row.method} ${row.route}`).not.toBe(403);
      else expect(res.json().error?.code, `${row.method} ${row.route}`).toBe('totp_enrolment_required');
    }
  });
});
