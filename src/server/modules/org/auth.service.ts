import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/audit.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal, unseal } from '../../platform/crypto/seal.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { translate } from '../../platform/i18n/translate.js';
import type { SessionService, TSession } from '../../platform/sessions/session.service.js';
import { permissionsOf, type TActor, type TRole, totpRequired } from './access.policy.js';
import { assertPasswordAcceptable, hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import {
  claimTotpStep,
  clearFailures,
  findStaffById,
  findStaffByUsername,
  lockedSeconds,
  recordFailure,
  redeemRecoveryCode,
  replaceRecoveryCodes,
  type TStaffWithDepartment,
  updateStaff,
} from './staff.repository.js';
import { LOCKOUT, STAFF_SESSION, type TSessionStage } from './staff.session.js';
import { hashRecoveryCode, matchTotpStep, newRecoveryCodes, newTotpSecret, otpauthUri } from './totp.js';

export const TOTP_SEAL_CONTEXT = 'staff-totp';

function tooManyAttempts(seconds: number): AppError {
  return new AppError('rate_limited', 429, { retryAfter: seconds }, undefined, {
    'retry-after': String(seconds),
  });
}

export function toActor(user: TStaffWithDepartment): TActor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as TRole[],
    departmentId: user.departmentId,
    departmentPath: user.departmentPath,
    permissions: permissionsOf(user.roles),
  };
}

/** The stage a session is really at, given the account as it is now. */
export function effectiveStage(session: TSession, user: TStaffWithDepartment): TSessionStage {
  if (session.data.stage === 'mfa') return 'mfa';
  if (totpRequired(user.roles) && !user.totpEnabledAt) return 'enrol';
  return 'full';
}

/** Sign-in, two-factor authentication, sign-out and the signed-in user's own password and TOTP. */
export function createAuthService(deps: { db: Db; keys: DerivedKeys; sessions: SessionService }) {
  const { db, keys, sessions } = deps;
  const throttleKey = (username: string) => keys.hmac('rate-limit', `staff-login:${username.toLowerCase()}`);

  function totpSecretOf(user: TStaffWithDepartment): string | undefined {
    if (!user.totpKeyId || !user.totpWrappedKey || !user.totpSealed) return undefined;
    return unseal<string>(keys.master, TOTP_SEAL_CONTEXT, {
      keyId: user.totpKeyId,
      wrappedKey: user.totpWrappedKey,
      sealed: user.totpSealed,
    });
  }

  /** Counts a failure for the user name; throws 429 when this failure locks it, else `failure`. */
  async function fail(
    username: string,
    userId: string | null,
    action: string,
    failure: AppError,
  ): Promise<never> {
    const locked = await db.transaction(async (tx) => {
      const seconds = await recordFailure(
        tx,
        throttleKey(username),
        LOCKOUT.threshold,
        LOCKOUT.baseSeconds,
        LOCKOUT.capSeconds,
      );
      const subject = { actorType: 'system' as const, subjectType: 'staff_user', subjectId: userId };
      await recordAudit(tx, { ...subject, action, payload: { knownUser: userId !== null } });
      if (seconds > 0) await recordAudit(tx, { ...subject, action: 'staff.locked', payload: { seconds } });
      return seconds;
    });
    throw locked > 0 ? tooManyAttempts(locked) : failure;
  }

  async function assertNotLocked(username: string): Promise<void> {
    const locked = await lockedSeconds(db, throttleKey(username));
    if (locked > 0) throw tooManyAttempts(locked);
  }

  async function startStage(reply: FastifyReply, user: TStaffWithDepartment, stage: TSessionStage) {
    return sessions.start(reply, STAFF_SESSION, user.id, { stage });
  }

  return {
    totpSecretOf,

    async login(reply: FastifyReply, username: string, password: string, ip: string) {
      const name = username.trim().toLowerCase();
      await assertNotLocked(name);
      const user = await findStaffByUsername(db, name);
      let ok = false;
      if (user) ok = await verifyPassword(user.passwordHash, password);
      else await verifyAgainstDummy(password);
      if (!user || !ok || user.disabledAt) {
        return fail(name, user?.id ?? null, 'staff.login_failed', new AppError('invalid_credentials', 401));
      }
      const stage: TSessionStage = user.totpEnabledAt ? 'mfa' : totpRequired(user.roles) ? 'enrol' : 'full';
      await db.transaction(async (tx) => {
        await clearFailures(tx, throttleKey(name));
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: user.id,
          action: stage === 'mfa' ? 'staff.password_accepted' : 'staff.login',
          subjectType: 'staff_user',
          subjectId: user.id,
          payload: { ip, stage },
        });
      });
      const session = await startStage(reply, user, stage);
      return {
        mfaRequired: stage === 'mfa',
        enrolmentRequired: stage === 'enrol',
        csrfToken: session.csrfToken,
      };
    },

    /** Completes sign-in with a TOTP code or an unused recovery code; issues a new session token. */
    async completeMfa(request: FastifyRequest, reply: FastifyReply, code: string, ip: string) {
      const session = await sessions.resolve(request, STAFF_SESSION);
      if (!session) throw new AppError('unauthenticated', 401);
      const user = await findStaffById(db, session.subjectId);
      if (!user || user.disabledAt) throw new AppError('unauthenticated', 401);
      if (session.data.stage !== 'mfa') throw new AppError('mfa_not_pending', 409);
      await assertNotLocked(user.username);
      const secret = totpSecretOf(user);
      let method: 'totp' | 'recovery_code' = 'totp';
      let ok = false;
      const trimmed = code.trim();
      if (/^\d{6}$/.test(trimmed)) {
        const step = secret === undefined ? undefined : matchTotpStep(secret, trimmed);
        ok = step !== undefined && (await claimTotpStep(db, user.id, step));
      } else {
        method = 'recovery_code';
        ok = await redeemRecoveryCode(db, user.id, hashRecoveryCode(trimmed));
      }
      if (!ok) return fail(user.username, user.id, 'staff.mfa_failed', new AppError('invalid_code', 401));
      await db.transaction(async (tx) => {
        await clearFailures(tx, throttleKey(user.username));
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: user.id,
          action: 'staff.login',
          subjectType: 'staff_user',
          subjectId: user.id,
          payload: { ip, stage: 'full', method },
        });
      });
      await sessions.end(reply, STAFF_SESSION, session);
      const next = await startStage(reply, user, 'full');
      return { csrfToken: next.csrfToken };
    },

    async logout(reply: FastifyReply, session: TSession | undefined): Promise<void> {
      await sessions.end(reply, STAFF_SESSION, session);
    },

    async signOutEverywhere(reply: FastifyReply, actorId: string): Promise<{ sessionsEnded: number }> {
      const ended = await db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorType: 'staff',
          actorId,
          action: 'staff.sign_out_everywhere',
          subjectType: 'staff_user',
          subjectId: actorId,
        });
        return sessions.revokeAll('staff', actorId);
      });
      await sessions.end(reply, STAFF_SESSION, undefined);
      return { sessionsEnded: ended };
    },

    /** Changes the signed-in user's password; every other session ends, this one gets a new token. */
    async changePassword(
      reply: FastifyReply,
      session: TSession,
      input: { currentPassword: string; newPassword: string },
      lang: TLanguage,
    ) {
      const user = await findStaffById(db, session.subjectId);
      if (!user) throw new AppError('unauthenticated', 401);
      await assertNotLocked(user.username);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        const fields = [{ path: 'currentPassword', message: translate(lang, 'field.password_wrong') }];
        return fail(
          user.username,
          user.id,
          'staff.password_change_failed',
          new AppError('validation_failed', 400, {}, fields),
        );
      }
      assertPasswordAcceptable(input.newPassword, user.username, lang, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: new Date(),
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: user.id,
          action: 'staff.password_changed',
          subjectType: 'staff_user',
          subjectId: user.id,
        });
      });
      await sessions.revokeAll('staff', user.id);
      const next = await startStage(reply, user, effectiveStage(session, user));
      return { csrfToken: next.csrfToken };
    },

    /** Starts (or restarts) TOTP enrolment: a new pending secret, sealed at rest. */
    async setupTotp(userId: string) {
      const user = await findStaffById(db, userId);
      if (!user) throw new AppError('unauthenticated', 401);
      if (user.totpEnabledAt) throw new AppError('totp_already_enabled', 409);
      const secret = newTotpSecret();
      const sealed = seal(keys.master, TOTP_SEAL_CONTEXT, secret);
      await updateStaff(db, user.id, {
        totpKeyId: sealed.keyId,
        totpWrappedKey: sealed.wrappedKey,
        totpSealed: sealed.sealed,
        totpLastStep: null,
      });
      return { secret, otpauthUri: otpauthUri(secret, user.username) };
    },

    /** Confirms enrolment with a current code; returns ten recovery codes (once) and a new session token. */
    async confirmTotp(reply: FastifyReply, session: TSession, code: string, lang: TLanguage) {
      const user = await findStaffById(db, session.subjectId);
      if (!user) throw new AppError('unauthenticated', 401);
      if (user.totpEnabledAt) throw new AppError('totp_already_enabled', 409);
      const secret = totpSecretOf(user);
      if (!secret) throw new AppError('totp_not_pending', 409);
      const step = matchTotpStep(secret, code.trim());
      if (step === undefined) {
        const fields = [{ path: 'code', message: translate(lang, 'field.totp_code_invalid') }];
        throw new AppError('validation_failed', 400, {}, fields);
      }
      const recoveryCodes = newRecoveryCodes();
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, { totpEnabledAt: new Date(), totpLastStep: step });
        await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: user.id,
          action: 'staff.totp_enrolled',
          subjectType: 'staff_user',
          subjectId: user.id,
        });
      });
      await sessions.end(reply, STAFF_SESSION, session);
      const next = await startStage(reply, user, 'full');
      return { recoveryCodes, csrfToken: next.csrfToken };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
