import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { SessionService, TSession } from '../../platform/sessions/session.service.js';
import { inScope, type TActor, type TPermission } from './access.policy.js';
import { effectiveStage, toActor } from './auth.service.js';
import type { DepartmentService } from './department.service.js';
import { findStaffById } from './staff.repository.js';
import { STAFF_SESSION, type TSessionStage } from './staff.session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member (set by `requireStaff`). */
    actor?: TActor;
    /** Their session (set by `requireStaff`). */
    staffSession?: TSession;
    /** How far their sign-in got (set by `requireStaff`). */
    staffStage?: TSessionStage;
  }
}

export interface TRequireStaffOptions {
  /** Also admit a session that still has to enrol in TOTP (only the enrolment endpoints and /me). */
  allowEnrolment?: boolean;
  /** Also admit a session whose TOTP code is outstanding (only /me and sign-out). */
  allowPendingMfa?: boolean;
}

/** The actor `requireStaff` attached; throws 401 when the route forgot the guard. */
export function actorOf(request: FastifyRequest): TActor {
  if (!request.actor) throw new AppError('unauthenticated', 401);
  return request.actor;
}

export function sessionOf(request: FastifyRequest): TSession {
  if (!request.staffSession) throw new AppError('unauthenticated', 401);
  return request.staffSession;
}

/**
 * The access layer for staff routes. `requireStaff(permission?)` is a preHandler that resolves the session
 * (CSRF-checked for state-changing methods), insists on completed two-factor authentication where the account's
 * roles demand it, loads the actor and checks the permission: 401 `unauthenticated`, 401 `mfa_required`,
 * 403 `totp_enrolment_required`, 403 `forbidden`, 403 `csrf_failed`.
 */
export function createAccessGuard(deps: {
  db: Db;
  sessions: SessionService;
  departments: DepartmentService;
}) {
  const { db, sessions, departments } = deps;

  function requireStaff(
    permission?: TPermission,
    options: TRequireStaffOptions = {},
  ): preHandlerAsyncHookHandler {
    return async (request: FastifyRequest, _reply: FastifyReply) => {
      const session = await sessions.resolve(request, STAFF_SESSION);
      if (!session) throw new AppError('unauthenticated', 401);
      const user = await findStaffById(db, session.subjectId);
      if (!user || user.disabledAt) {
        await sessions.revokeAll('staff', session.subjectId);
        throw new AppError('unauthenticated', 401);
      }
      const stage = effectiveStage(session, user);
      if (stage === 'mfa' && !options.allowPendingMfa) throw new AppError('mfa_required', 401);
      if (stage === 'enrol' && !options.allowEnrolment) throw new AppError('totp_enrolment_required', 403);
      const actor = toActor(user);
      if (permission && !actor.permissions.includes(permission)) throw new AppError('forbidden', 403);
      request.actor = actor;
      request.staffSession = session;
      request.staffStage = stage;
    };
  }

  return {
    requireStaff,
    /** Ids of the departments in the actor's subtree (from the cached tree), for `IN (…)` filters. */
    async departmentIdsInScope(actor: Pick<TActor, 'departmentPath'>): Promise<string[]> {
      return (await departments.all()).filter((d) => inScope(actor, d.path)).map((d) => d.id);
    },
  };
}

export type AccessGuard = ReturnType<typeof createAccessGuard>;
