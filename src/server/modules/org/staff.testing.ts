import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { Db } from '../../platform/db/pool.js';
import { sessions } from '../../platform/sessions/session.tables.js';
import type { TRole } from './access.policy.js';
import { TOTP_SEAL_CONTEXT } from './auth.service.js';
import { updateStaff } from './staff.repository.js';
import type { StaffService } from './staff.service.js';
import { STAFF_SESSION, type TSessionStage } from './staff.session.js';
import { currentTotpCode, newTotpSecret } from './totp.js';

/** Test helpers for staff accounts and sessions (used by this module's tests and other modules' matrices). */

export const TEST_PASSWORD = 'Violet-harbour-lantern-42';

export interface TTestStaff {
  id: string;
  username: string;
  password: string;
  totpSecret?: string;
}

export interface TTestStaffInput {
  username: string;
  departmentCode: string;
  roles: TRole[];
  totp?: boolean;
  password?: string;
}

/** Creates an account (TOTP enrolled when asked) directly through the service. */
export async function createTestStaff(
  deps: { db: Db; keys: DerivedKeys; staff: StaffService },
  input: TTestStaffInput,
): Promise<TTestStaff> {
  const password = input.password ?? TEST_PASSWORD;
  const created = await deps.staff.create(
    null,
    { username: input.username, departmentCode: input.departmentCode, roles: input.roles, password },
    'en',
  );
  const user: TTestStaff = { id: created.user.id, username: created.user.username, password };
  if (input.totp) {
    const secret = newTotpSecret();
    const sealed = seal(deps.keys.master, TOTP_SEAL_CONTEXT, secret);
    await updateStaff(deps.db, user.id, {
      totpKeyId: sealed.keyId,
      totpWrappedKey: sealed.wrappedKey,
      totpSealed: sealed.sealed,
      totpEnabledAt: new Date(),
    });
    user.totpSecret = secret;
  }
  return user;
}

export interface TTestSession {
  cookie: string;
  csrf: string;
}

/** A session row written directly (bypassing sign-in), for authorisation tests. */
export async function issueTestSession(
  db: Db,
  userId: string,
  stage: TSessionStage = 'full',
): Promise<TTestSession> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: createHash('sha256').update(token, 'utf8').digest(),
    kind: 'staff',
    subjectId: userId,
    csrfToken: csrf,
    data: { stage },
    idleSeconds: STAFF_SESSION.idleSeconds,
    expiresAt: new Date(Date.now() + STAFF_SESSION.absoluteSeconds * 1000),
  });
  return { cookie: `${STAFF_SESSION.cookieName}=${token}`, csrf };
}

/** The staff session cookie a response set (`name=value`), or undefined. */
export function staffCookie(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === STAFF_SESSION.cookieName && c.value);
  return cookie ? `${cookie.name}=${cookie.value}` : undefined;
}

/** Signs in over HTTP (with a TOTP code `stepOffset` steps from now when the account has a secret). */
export async function signIn(
  app: FastifyInstance,
  user: TTestStaff,
  stepOffset = 0,
): Promise<TTestSession & { login: LightMyRequestResponse }> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/session',
    payload: { username: user.username, password: user.password },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  let cookie = staffCookie(login) ?? '';
  let csrf = login.json<{ csrfToken: string }>().csrfToken;
  if (login.json<{ mfaRequired: boolean }>().mfaRequired && user.totpSecret) {
    const code = currentTotpCode(user.totpSecret, Date.now() + stepOffset * 30_000);
    const mfa = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/session/totp',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { code },
    });
    if (mfa.statusCode !== 200) throw new Error(`TOTP failed: ${mfa.statusCode} ${mfa.body}`);
    cookie = staffCookie(mfa) ?? '';
    csrf = mfa.json<{ csrfToken: string }>().csrfToken;
  }
  return { cookie, csrf, login };
}
