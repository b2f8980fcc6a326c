import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffClient, type TestApp, type TStaffClient } from '../../../../test/support/app.js';
import { createLogger } from '../../platform/logger.js';
import type { Runtime } from '../../runtime.js';
import { can, departmentPathScopeSql, inScope, permissionsOf, type TActor } from './access.policy.js';
import { createUserCommand } from './staff.cli.js';
import { formatDemoLogins, seedDemoStaff } from './staff.seed.js';
import { createTestStaff, signIn } from './staff.testing.js';

let t: TestApp;
let gdAdmin: TStaffClient;
const deps = () => ({ db: t.db.db, keys: t.keys, staff: t.services.staff });

beforeAll(async () => {
  t = await createTestApp();
  gdAdmin = staffClient(
    t.app,
    await t.staffSession({ username: 'admin.gd', departmentCode: 'GD', roles: ['admin'], totp: true }),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('the policy', () => {
  const actor: TActor = {
    id: 'x',
    username: 'x',
    displayName: 'x',
    roles: ['handler'],
    departmentId: 'd',
    departmentPath: 'cn.gd',
    permissions: permissionsOf(['handler']),
  };
  it('acts on the department subtree only', () => {
    expect(inScope(actor, 'cn.gd')).toBe(true);
    expect(inScope(actor, 'cn.gd.gz')).toBe(true);
    expect(inScope(actor, 'cn.gdx')).toBe(false);
    expect(inScope(actor, 'cn')).toBe(false);
    expect(can(actor, 'case.handle', 'cn.gd.sz')).toBe(true);
    expect(can(actor, 'case.handle', 'cn.zj')).toBe(false);
    expect(can(actor, 'user.manage', 'cn.gd')).toBe(false);
  });
  it('gives the SQL scope the same answer as inScope', async () => {
    const { rows } = await t.db.pool.query<{ code: string }>('SELECT code FROM departments ORDER BY code');
    const sqlScoped = await t.db.db.execute<{ code: string }>(
      sql`SELECT code FROM departments WHERE ${departmentPathScopeSql(actor, sql.raw('path'))} ORDER BY code`,
    );
    expect(sqlScoped.rows.map((r) => r.code)).toEqual(['GD', 'GZ', 'SZ']);
    expect(rows.length).toBeGreaterThan(3);
    const ids = await t.services.access.departmentIdsInScope(actor);
    expect(ids).toHaveLength(3);
  });
});

describe('staff administration', () => {
  it('creates a user in scope with a one-time password, refuses a department outside it', async () => {
    const created = await gdAdmin.post('/api/v1/staff/users', {
      username: 'New.Handler',
      departmentCode: 'SZ',
      roles: ['handler'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({
      username: 'new.handler',
      departmentCode: 'SZ',
      mustChangePassword: true,
    });
    const password = created.json().initialPassword as string;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const hash = await t.db.pool.query('SELECT password_hash FROM staff_users WHERE username = $1', [
      'new.handler',
    ]);
    expect(hash.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    await signIn(t.app, { id: '', username: 'new.handler', password });

    const outside = await gdAdmin.post('/api/v1/staff/users', {
      username: 'zj.x',
      departmentCode: 'ZJ',
      roles: ['handler'],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toBe('departmentCode');
    const weak = await gdAdmin.post('/api/v1/staff/users', {
      username: 'weak.one',
      departmentCode: 'GZ',
      roles: ['handler'],
      password: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
  });

  it('lists only users in scope and hides the others (404)', async () => {
    const zj = await createTestStaff(deps(), {
      username: 'handler.zj',
      departmentCode: 'ZJ',
      roles: ['handler'],
    });
    const gz = await createTestStaff(deps(), {
      username: 'handler.gz2',
      departmentCode: 'GZ',
      roles: ['handler'],
    });
    const list = await gdAdmin.get('/api/v1/staff/users');
    const names = list.json().users.map((u: { username: string }) => u.username);
    expect(names).toContain('handler.gz2');
    expect(names).not.toContain('handler.zj');
    expect((await gdAdmin.post(`/api/v1/staff/users/${zj.id}/disable`)).statusCode).toBe(404);
    expect((await gdAdmin.put(`/api/v1/staff/users/${zj.id}/roles`, { roles: ['admin'] })).statusCode).toBe(
      404,
    );
    const zjRow = await t.db.pool.query('SELECT roles, disabled_at FROM staff_users WHERE id = $1', [zj.id]);
    expect(zjRow.rows[0]).toEqual({ roles: ['handler'], disabled_at: null });

    // Disabling ends the user's sessions; role changes are audited with before and after.
    const session = await signIn(t.app, gz);
    expect((await gdAdmin.post(`/api/v1/staff/users/${gz.id}/disable`)).statusCode).toBe(200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/me',
      headers: { cookie: session.cookie },
    });
    expect(me.statusCode).toBe(401);
    expect(
      (await gdAdmin.put(`/api/v1/staff/users/${gz.id}/roles`, { roles: ['supervisor'] })).statusCode,
    ).toBe(200);
    const audit = await t.db.pool.query(
      `SELECT action, payload FROM audit_log WHERE subject_id = $1 ORDER BY seq`,
      [gz.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'staff.created',
      'staff.login',
      'staff.disabled',
      'staff.roles_changed',
    ]);
    expect(audit.rows[3].payload).toEqual({ from: ['handler'], to: ['supervisor'] });
  });
});

describe('qinglang create-user', () => {
  it('creates the first administrator with a generated password, printed once', async () => {
    const lines: string[] = [];
    const logs = new Writable({ write: (_c, _e, done) => done() });
    const runtime = {
      config: t.config,
      logger: createLogger('silent', logs),
      database: t.db,
      keys: t.keys,
      close: async () => {},
    } as Runtime;
    const code = await createUserCommand(
      runtime,
      { username: 'root', department: 'CN', roles: 'admin' },
      {},
      (x) => lines.push(x),
    );
    expect(code).toBe(0);
    const password = /initial password \(shown once\): (\S+)/.exec(lines.join(''))?.[1] ?? '';
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { username: 'root', password },
    });
    expect(login.json()).toMatchObject({ enrolmentRequired: true });
    const bad = await createUserCommand(
      runtime,
      { username: 'x2', department: 'CN', roles: 'king' },
      {},
      (x) => lines.push(x),
    );
    expect(bad).toBe(1);
    const env = await createUserCommand(
      runtime,
      { username: 'root2', department: 'GD', roles: 'admin,auditor' },
      { QINGLANG_PASSWORD: 'Sturdy-enough-passphrase-1' },
      (x) => lines.push(x),
    );
    expect(env).toBe(0);
    expect(lines.join('')).not.toContain('Sturdy-enough-passphrase-1');
  });
});

describe('demo accounts', () => {
  it('seeds one account per role once, with TOTP secrets for the roles that need them', async () => {
    const logins = await seedDemoStaff(deps());
    expect(logins.map((l) => l.username).sort()).toEqual(
      ['admin', 'auditor', 'editor', 'handler.gz', 'handler.sz', 'intake', 'reward', 'supervisor.gd'].sort(),
    );
    expect(
      logins
        .filter((l) => l.totpSecret)
        .map((l) => l.username)
        .sort(),
    ).toEqual(['admin', 'auditor', 'reward', 'supervisor.gd'].sort());
    expect(await seedDemoStaff(deps())).toEqual([]);
    const text = formatDemoLogins(logins);
    const sup = logins.find((l) => l.username === 'supervisor.gd');
    if (!sup?.totpSecret) throw new Error('no supervisor');
    expect(text).toContain(sup.password);
    const session = await signIn(t.app, {
      id: '',
      username: sup.username,
      password: sup.password,
      totpSecret: sup.totpSecret,
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/me',
      headers: { cookie: session.cookie },
    });
    expect(me.json()).toMatchObject({ stage: 'full', departmentCode: 'GD' });
    const dump = await t.db.pool.query('SELECT row_to_json(s)::text AS j FROM staff_users s');
    const all = dump.rows.map((r) => r.j).join('\n');
    for (const l of logins) {
      expect(all).not.toContain(l.password);
      if (l.totpSecret) expect(all).not.toContain(l.totpSecret);
    }
    expect(t.logs.join('')).not.toContain(sup.password);
  });
});
