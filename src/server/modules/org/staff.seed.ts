import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { Db } from '../../platform/db/pool.js';
import { type TRole, totpRequired } from './access.policy.js';
import { TOTP_SEAL_CONTEXT } from './auth.service.js';
import { findStaffByUsername, updateStaff } from './staff.repository.js';
import type { StaffService } from './staff.service.js';
import { newTotpSecret, otpauthUri } from './totp.js';

/** One demo account per role, across the national centre, Guangdong, Guangzhou and Shenzhen. */
export const DEMO_STAFF: { username: string; displayName: string; departmentCode: string; roles: TRole[] }[] =
  [
    { username: 'admin', displayName: '系统管理员', departmentCode: 'CN', roles: ['admin'] },
    { username: 'supervisor.gd', displayName: '广东督办', departmentCode: 'GD', roles: ['supervisor'] },
    { username: 'handler.gz', displayName: '广州承办', departmentCode: 'GZ', roles: ['handler'] },
    { username: 'handler.sz', displayName: '深圳承办', departmentCode: 'SZ', roles: ['handler'] },
    { username: 'intake', displayName: '热线受理', departmentCode: 'CN', roles: ['intake_operator'] },
    { username: 'reward', displayName: '奖励专员', departmentCode: 'CN', roles: ['reward_officer'] },
    { username: 'editor', displayName: '宣传编辑', departmentCode: 'CN', roles: ['editor'] },
    { username: 'auditor', displayName: '审计员', departmentCode: 'CN', roles: ['auditor'] },
  ];

export interface TDemoLogin {
  username: string;
  password: string;
  departmentCode: string;
  roles: TRole[];
  totpSecret?: string;
  otpauthUri?: string;
}

/**
 * Creates the demo accounts that do not exist yet, with generated passwords and, for roles that require it,
 * an enrolled TOTP secret. Returns their logins so the caller can print them ONCE (never log them).
 */
export async function seedDemoStaff(deps: {
  db: Db;
  keys: DerivedKeys;
  staff: StaffService;
}): Promise<TDemoLogin[]> {
  const { db, keys, staff } = deps;
  const logins: TDemoLogin[] = [];
  for (const demo of DEMO_STAFF) {
    if (await findStaffByUsername(db, demo.username)) continue;
    const created = await staff.create(null, demo, 'en');
    const password = created.initialPassword;
    if (!password) continue;
    const login: TDemoLogin = {
      username: demo.username,
      password,
      departmentCode: demo.departmentCode,
      roles: demo.roles,
    };
    await updateStaff(db, created.user.id, { mustChangePassword: false });
    if (totpRequired(demo.roles)) {
      const secret = newTotpSecret();
      const sealed = seal(keys.master, TOTP_SEAL_CONTEXT, secret);
      await updateStaff(db, created.user.id, {
        totpKeyId: sealed.keyId,
        totpWrappedKey: sealed.wrappedKey,
        totpSealed: sealed.sealed,
        totpEnabledAt: new Date(),
      });
      login.totpSecret = secret;
      login.otpauthUri = otpauthUri(secret, demo.username);
    }
    logins.push(login);
  }
  return logins;
}

/** The demo logins as text for stdout. */
export function formatDemoLogins(logins: TDemoLogin[]): string {
  if (logins.length === 0) return '';
  const lines = logins.map((l) => {
    const base = `    ${l.username.padEnd(15)} ${l.password}  ${l.departmentCode.padEnd(3)} ${l.roles.join(',')}`;
    return l.totpSecret ? `${base}\n      TOTP secret: ${l.totpSecret}\n      ${l.otpauthUri}` : base;
  });
  return [
    '',
    '  Demo staff accounts (shown ONCE; passwords are stored only as argon2id hashes):',
    ...lines,
    '  Sign in: POST /api/v1/staff/session; accounts with a TOTP secret then POST /api/v1/staff/session/totp.',
    '',
  ].join('\n');
}
