import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/pool.js';
import { AppError } from '../errors.js';
import {
  findLiveSession,
  insertSession,
  revokeSession,
  revokeSubjectSessions,
  type TSessionRow,
  touchSession,
  updateSessionData,
} from './session.repository.js';
import type { TSessionKind } from './session.tables.js';

export interface TSessionPolicy {
  kind: TSessionKind;
  cookieName: string;
  idleSeconds: number;
  absoluteSeconds: number;
  /** Cookie path (a reporter's session is only sent to the receipt API). */
  path: string;
}

export interface TSession {
  kind: TSessionKind;
  subjectId: string;
  csrfToken: string;
  data: Record<string, unknown>;
  tokenHash: Buffer;
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function present(row: TSessionRow): TSession {
  return {
    kind: row.kind,
    subjectId: row.subjectId,
    csrfToken: row.csrfToken,
    data: row.data,
    tokenHash: row.tokenHash,
  };
}

/**
 * Database-backed sessions (so every instance shares them) in httpOnly, SameSite=Strict cookies (Secure when
 * served over TLS), with idle and absolute expiry, and a CSRF token every state-changing request must echo in
 * the `X-CSRF-Token` header.
 */
export function createSessionService(db: DbOrTx, options: { secureCookies: boolean }) {
  return {
    /** Starts a new session (always a fresh token: no fixation) and sets its cookie. */
    async start(
      reply: FastifyReply,
      policy: TSessionPolicy,
      subjectId: string,
      data: Record<string, unknown> = {},
    ): Promise<TSession> {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const tokenHash = hashToken(token);
      await insertSession(db, {
        tokenHash,
        kind: policy.kind,
        subjectId,
        csrfToken,
        data,
        idleSeconds: policy.idleSeconds,
        expiresAt: new Date(Date.now() + policy.absoluteSeconds * 1000),
      });
      reply.setCookie(policy.cookieName, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies || reply.request.protocol === 'https',
        path: policy.path,
        maxAge: policy.absoluteSeconds,
      });
      return { kind: policy.kind, subjectId, csrfToken, data, tokenHash };
    },

    /**
     * The live session of the request's cookie, or undefined. For state-changing methods the X-CSRF-Token
     * header must match, or the request is refused with 403.
     */
    async resolve(request: FastifyRequest, policy: TSessionPolicy): Promise<TSession | undefined> {
      const token = request.cookies[policy.cookieName];
      if (!token) return undefined;
      const tokenHash = hashToken(token);
      const row = await findLiveSession(db, tokenHash);
      if (!row || row.kind !== policy.kind) return undefined;
      if (UNSAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        const given = Buffer.from(typeof header === 'string' ? header : '');
        const expected = Buffer.from(row.csrfToken);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new AppError('csrf_failed', 403);
        }
      }
      await touchSession(db, tokenHash);
      return present(row);
    },

    async setData(session: TSession, data: Record<string, unknown>): Promise<void> {
      await updateSessionData(db, session.tokenHash, data);
      session.data = data;
    },

    async end(reply: FastifyReply, policy: TSessionPolicy, session: TSession | undefined): Promise<void> {
      if (session) await revokeSession(db, session.tokenHash);
      reply.clearCookie(policy.cookieName, { path: policy.path });
    },

    /** Signs a subject out everywhere. */
    revokeAll(kind: TSessionKind, subjectId: string): Promise<number> {
      return revokeSubjectSessions(db, kind, subjectId);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
