import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { SessionService, TSessionPolicy } from '../../platform/sessions/session.service.js';

/** The reporter's follow-up session: one report, sent only to the receipt API, short-lived. */
export function receiptSessionPolicy(idleSeconds: number, absoluteSeconds: number): TSessionPolicy {
  return {
    kind: 'reporter',
    cookieName: 'qinglang_receipt',
    path: '/api/v1/receipt',
    idleSeconds,
    absoluteSeconds,
  };
}

/**
 * The report id the request's receipt session is scoped to: 401 without a live session, 403 when a
 * state-changing request lacks the session's CSRF token.
 */
export async function requireReporter(
  request: FastifyRequest,
  sessions: SessionService,
  policy: TSessionPolicy,
): Promise<string> {
  const session = await sessions.resolve(request, policy);
  if (!session) throw new AppError('receipt_session_required', 401);
  return session.subjectId;
}
