import { recordAudit } from '../../platform/audit/audit.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { CaseService } from '../cases/case.service.js';
import { can, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import type { TReporterIdentity } from './identity.js';
import { maskIdentity } from './mask.js';
import { IDENTITY_CONTEXT } from './reporter.service.js';
import {
  findRevealRequest,
  findSealedIdentityOfReport,
  insertRevealRequest,
  listPendingRequests,
  sameReporterCount,
  setRevealStatus,
} from './reveal.repository.js';

const REQUEST_LIFETIME_MS = 7 * 86_400_000;
const APPROVAL_LIFETIME_MS = 60 * 60_000;

export interface TReportContext {
  caseId: string;
  departmentId: string;
  departmentPath: string;
}

export interface RevealDeps {
  db: Db;
  keys: DerivedKeys;
  departments: DepartmentService;
  cases: CaseService;
  /** The report's case and department, after checking the actor may see it (404 otherwise). */
  reportContext: (actor: TActor, reportId: string) => Promise<TReportContext>;
}

/**
 * Reporter identity for staff: masked by default; revealed only with `reporter.reveal`, a written reason and an
 * audit entry (and, where the department requires it, a second person's approval). Every reveal is on the
 * case timeline (internal, for supervisors).
 */
export function createRevealService(deps: RevealDeps) {
  const { db, keys } = deps;

  async function identityOf(reportId: string): Promise<TReporterIdentity | undefined> {
    const sealed = await findSealedIdentityOfReport(db, reportId);
    return sealed ? keys.unseal<TReporterIdentity>(IDENTITY_CONTEXT, sealed) : undefined;
  }

  async function needsApproval(departmentId: string): Promise<boolean> {
    return (await deps.departments.all()).find((d) => d.id === departmentId)?.revealNeedsApproval ?? false;
  }

  async function disclose(
    actor: TActor,
    reportId: string,
    caseId: string,
    reason: string,
    extra: Record<string, unknown>,
  ) {
    const identity = await identityOf(reportId);
    if (!identity) throw new AppError('no_identity', 404);
    await db.transaction(async (tx) => {
      await deps.cases.recordEvent(tx, caseId, {
        type: 'identity_revealed',
        actorType: 'staff',
        actorId: actor.id,
        payload: { reportId, reason, ...extra },
        public: false,
      });
      await recordAudit(tx, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'reporter.revealed',
        subjectType: 'report',
        subjectId: reportId,
        reason,
        payload: { caseId, ...extra },
      });
    });
    return identity;
  }

  return {
    /** The masked identity of a report (null when anonymous), for the case page. */
    async masked(reportId: string): Promise<TReporterIdentity | null> {
      const identity = await identityOf(reportId);
      return identity ? maskIdentity(identity) : null;
    },

    /** Reports by the same real-name reporter in the last 24 hours (blind indexes; nothing decrypted). */
    sameReporterToday: (reportId: string) => sameReporterCount(db, reportId, 24),

    /** Reveal, or (where approval is required) ask for it. */
    async reveal(actor: TActor, reportId: string, reason: string) {
      const ctx = await deps.reportContext(actor, reportId);
      if (!can(actor, 'reporter.reveal', ctx.departmentPath)) throw new AppError('forbidden', 403);
      if (!(await findSealedIdentityOfReport(db, reportId))) throw new AppError('no_identity', 404);
      if (await needsApproval(ctx.departmentId)) {
        const request = await db.transaction(async (tx) => {
          const row = await insertRevealRequest(tx, {
            reportId,
            caseId: ctx.caseId,
            requestedBy: actor.id,
            reason,
            expiresAt: new Date(Date.now() + REQUEST_LIFETIME_MS),
          });
          await deps.cases.recordEvent(tx, ctx.caseId, {
            type: 'identity_reveal_requested',
            actorType: 'staff',
            actorId: actor.id,
            payload: { reportId, requestId: row.id, reason },
            public: false,
          });
          await recordAudit(tx, {
            actorType: 'staff',
            actorId: actor.id,
            action: 'reporter.reveal_requested',
            subjectType: 'report',
            subjectId: reportId,
            reason,
            payload: { requestId: row.id },
          });
          return row;
        });
        return { status: 'pending' as const, requestId: request.id };
      }
      return {
        status: 'revealed' as const,
        identity: await disclose(actor, reportId, ctx.caseId, reason, {}),
      };
    },

    /** A second person approves or rejects a pending request. */
    async decide(actor: TActor, requestId: string, approve: boolean, note: string | null) {
      const request = /^[0-9a-f-]{36}$/i.test(requestId) ? await findRevealRequest(db, requestId) : undefined;
      if (!request) throw new AppError('reveal_request_not_found', 404);
      const ctx = await deps.reportContext(actor, request.reportId).catch(() => {
        throw new AppError('reveal_request_not_found', 404);
      });
      if (!can(actor, 'reveal.approve', ctx.departmentPath)) throw new AppError('forbidden', 403);
      if (request.requestedBy === actor.id) throw new AppError('reveal_self_approval', 409);
      await db.transaction(async (tx) => {
        const locked = await findRevealRequest(tx, requestId, true);
        if (locked?.status !== 'pending' || locked.expiresAt < new Date())
          throw new AppError('reveal_request_closed', 409);
        await setRevealStatus(tx, requestId, approve ? 'approved' : 'rejected', {
          by: actor.id,
          note,
          ...(approve ? { expiresAt: new Date(Date.now() + APPROVAL_LIFETIME_MS) } : {}),
        });
        await deps.cases.recordEvent(tx, request.caseId, {
          type: approve ? 'identity_reveal_approved' : 'identity_reveal_rejected',
          actorType: 'staff',
          actorId: actor.id,
          payload: { reportId: request.reportId, requestId, note },
          public: false,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: approve ? 'reporter.reveal_approved' : 'reporter.reveal_rejected',
          subjectType: 'report',
          subjectId: request.reportId,
          reason: note,
          payload: { requestId },
        });
      });
      return { status: approve ? ('approved' as const) : ('rejected' as const) };
    },

    /** The requester uses an approval (once, within the hour). */
    async revealApproved(actor: TActor, requestId: string) {
      const request = /^[0-9a-f-]{36}$/i.test(requestId) ? await findRevealRequest(db, requestId) : undefined;
      if (!request || request.requestedBy !== actor.id) throw new AppError('reveal_request_not_found', 404);
      await deps.reportContext(actor, request.reportId);
      const used = await db.transaction(async (tx) => {
        const locked = await findRevealRequest(tx, requestId, true);
        if (locked?.status !== 'approved' || locked.expiresAt < new Date()) return false;
        await setRevealStatus(tx, requestId, 'used');
        return true;
      });
      if (!used) throw new AppError('reveal_request_closed', 409);
      const identity = await disclose(actor, request.reportId, request.caseId, request.reason, {
        requestId,
        approvedBy: request.decidedBy,
      });
      return { status: 'revealed' as const, identity };
    },

    /** Pending requests an approver may decide. */
    async pending(actor: TActor) {
      if (!can(actor, 'reveal.approve')) throw new AppError('forbidden', 403);
      const ids = (await deps.departments.all())
        .filter((d) => d.path === actor.departmentPath || d.path.startsWith(`${actor.departmentPath}.`))
        .map((d) => d.id);
      return listPendingRequests(db, ids);
    },
  };
}

export type RevealService = ReturnType<typeof createRevealService>;
