import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { createTestStaff, signIn, staffCookie, TEST_PASSWORD, type TTestStaff } from './staff.testing.js';
import { currentTotpCode } from './totp.js';

let t: TestApp;
const deps = () => ({ db: t.db.db, keys: t.keys, staff: t.services.staff });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (username: string, password: string, lang = 'en') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/session',
    headers: { 'accept-language': lang },
    payload: { username, password },
  });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie } });
const auditCount = async (action: string) =>
  (await t.db.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]
    .n as number;

describe('sign-in and sign-out', () => {
  let user: TTestStaff;
  beforeAll(async () => {
    user = await createTestStaff(deps(), { username: 'handler.a', departmentCode: 'GZ', roles: ['handler'] });
  });

  it('signs in, shows /me with a CSRF token, signs out', async () => {
    const before = await auditCount('staff.login');
    const res = await login('Handler.A', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfaRequired: false, enrolmentRequired: false });
    const setCookie = res.cookies.find((c) => c.name === 'qinglang_staff');
    expect(setCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const cookie = staffCookie(res) ?? '';
    const profile = await me(cookie);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ username: 'handler.a', departmentCode: 'GZ', stage: 'full' });
    expect(profile.json().permissions).toContain('case.handle');
    expect(profile.json().csrfToken).toBe(res.json().csrfToken);
    expect(await auditCount('staff.login')).toBe(before + 1);

    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/staff/session',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login('handler.a', 'not-the-password-at-all');
    const unknown = await login('nobody.here', 'not-the-password-at-all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(staffCookie(wrong)).toBeUndefined();
    await t.db.pool.query('DELETE FROM staff_login_throttle');
  });

  it('gives a new session token on every sign-in (no fixation)', async () => {
    const first = staffCookie(await login('handler.a', TEST_PASSWORD));
    const second = staffCookie(await login('handler.a', TEST_PASSWORD));
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('answers 429 with Retry-After after 5 failures, doubling the lock, alike for unknown names', async () => {
    for (const name of ['handler.a', 'ghost.user']) {
      for (let i = 0; i < 4; i++) expect((await login(name, 'wrong-password-xx')).statusCode).toBe(401);
      const locking = await login(name, 'wrong-password-xx');
      expect(locking.statusCode).toBe(429);
      const retry = Number(locking.headers['retry-after']);
      expect(retry).toBeGreaterThan(55);
      expect(retry).toBeLessThanOrEqual(60);
      // Even the right password is refused while locked.
      const locked = await login(name, TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('rate_limited');
    }
    expect(await auditCount('staff.locked')).toBe(2);
    // Let the lock run out; the next 5 failures lock for twice as long.
    await t.db.pool.query(`UPDATE staff_login_throttle SET locked_until = now() - interval '1 second'`);
    for (let i = 0; i < 4; i++) expect((await login('handler.a', 'wrong-password-xx')).statusCode).toBe(401);
    const again = await login('handler.a', 'wrong-password-xx');
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(115);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(120);
    // After the lock, a successful sign-in clears the count.
    await t.db.pool.query(`UPDATE staff_login_throttle SET locked_until = now() - interval '1 second'`);
    expect((await login('handler.a', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM staff_login_throttle')).rows[0].n).toBe(1);
    await t.db.pool.query('DELETE FROM staff_login_throttle');
  });

  it('refuses state-changing requests without or with a wrong CSRF token, changing nothing', async () => {
    const session = await signIn(t.app, user);
    for (const headers of [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': 'forged' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/me/password',
        headers,
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'Another-long-passphrase-77' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
      const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/staff/session', headers });
      expect(out.statusCode).toBe(403);
    }
    expect((await me(session.cookie)).statusCode).toBe(200);
    expect((await login('handler.a', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends sessions after 30 idle minutes and after 12 hours', async () => {
    const idle = await signIn(t.app, user);
    await t.db.pool.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE subject_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect((await me(idle.cookie)).statusCode).toBe(401);
    const old = await signIn(t.app, user);
    await t.db.pool.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE subject_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect((await me(old.cookie)).statusCode).toBe(401);
    const fresh = await signIn(t.app, user);
    expect((await me(fresh.cookie)).statusCode).toBe(200);
  });

  it('signs out everywhere', async () => {
    const a = await signIn(t.app, user);
    const b = await signIn(t.app, user);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/me/sign-out-everywhere',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await me(a.cookie)).statusCode).toBe(401);
    expect((await me(b.cookie)).statusCode).toBe(401);
    expect(await auditCount('staff.sign_out_everywhere')).toBe(1);
  });

  it('enforces password rules with field errors in the caller’s language', async () => {
    const s = await signIn(t.app, user);
    const change = (newPassword: string, lang: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/me/password',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': lang },
        payload: { currentPassword: TEST_PASSWORD, newPassword },
      });
    const short = await change('short', 'en');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([
      { path: 'newPassword', message: expect.stringContaining('12') },
    ]);
    const named = await change('my-handler.a-password', 'zh-CN');
    expect(named.json().error.fields[0].message).toBe('密码不能包含用户名。');
    const common = await change('password1234', 'en');
    expect(common.json().error.fields[0].message).toContain('too common');
    const ok = await change('Another-long-passphrase-77', 'en');
    expect(ok.statusCode).toBe(200);
    expect(staffCookie(ok)).not.toBe(s.cookie);
    expect((await me(s.cookie)).statusCode).toBe(401);
    expect((await login('handler.a', 'Another-long-passphrase-77')).statusCode).toBe(200);
    expect((await login('handler.a', TEST_PASSWORD)).statusCode).toBe(401);
    await t.db.pool.query('DELETE FROM staff_login_throttle');
  });
});

describe('two-factor authentication', () => {
  it('makes a supervisor enrol before anything else, then signs in with TOTP and recovery codes', async () => {
    const sup = await createTestStaff(deps(), {
      username: 'sup.a',
      departmentCode: 'GD',
      roles: ['supervisor'],
    });
    const first = await login('sup.a', TEST_PASSWORD);
    expect(first.json()).toMatchObject({ mfaRequired: false, enrolmentRequired: true });
    const enrolCookie = staffCookie(first) ?? '';
    const csrf = first.json().csrfToken as string;
    const headers = { cookie: enrolCookie, 'x-csrf-token': csrf };
    // Only the enrolment endpoints (and /me) are reachable.
    expect((await me(enrolCookie)).json()).toMatchObject({ stage: 'enrol', permissions: [] });
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/me/sign-out-everywhere',
      headers,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('totp_enrolment_required');

    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/staff/me/totp/setup', headers });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toContain('otpauth://totp/');
    // Sealed at rest: the secret is nowhere in the row.
    const raw = await t.db.pool.query('SELECT row_to_json(s)::text AS j FROM staff_users s WHERE id = $1', [
      sup.id,
    ]);
    expect(raw.rows[0].j).not.toContain(secret);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/me/totp/confirm',
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/me/totp/confirm',
      headers,
      payload: { code: currentTotpCode(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // New token after completing 2FA; the enrolment session is gone.
    const fullCookie = staffCookie(confirm) ?? '';
    expect(fullCookie).not.toBe(enrolCookie);
    expect((await me(enrolCookie)).statusCode).toBe(401);
    expect((await me(fullCookie)).json().stage).toBe('full');

    // Next sign-in: password, then TOTP (a code already used is refused: no replay).
    const pw = await login('sup.a', TEST_PASSWORD);
    expect(pw.json()).toMatchObject({ mfaRequired: true, enrolmentRequired: false });
    const pending = { cookie: staffCookie(pw) ?? '', 'x-csrf-token': pw.json().csrfToken };
    expect((await me(pending.cookie)).json().stage).toBe('mfa');
    const guarded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/me/totp/setup',
      headers: pending,
    });
    expect(guarded.statusCode).toBe(401);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session/totp',
      headers: pending,
      payload: { code: currentTotpCode(secret) },
    });
    expect(replay.statusCode).toBe(401);
    const totp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/session/totp',
      headers: pending,
      payload: { code: currentTotpCode(secret, Date.now() + 30_000) },
    });
    expect(totp.statusCode).toBe(200);
    expect(staffCookie(totp)).not.toBe(pending.cookie);
    expect((await me(pending.cookie)).statusCode).toBe(401);
    expect((await me(staffCookie(totp) ?? '')).json().stage).toBe('full');

    // A recovery code works once.
    const redeemCode = async () => {
      const p = await login('sup.a', TEST_PASSWORD);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/session/totp',
        headers: { cookie: staffCookie(p) ?? '', 'x-csrf-token': p.json().csrfToken },
        payload: { code: recoveryCodes[3].toUpperCase() },
      });
    };
    expect((await redeemCode()).statusCode).toBe(200);
    const reused = await redeemCode();
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('invalid_code');
    expect(await auditCount('staff.totp_enrolled')).toBe(1);
    await t.db.pool.query('DELETE FROM staff_login_throttle');
  });
});
