import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.js';
import { sessions, type TSessionKind } from './session.tables.js';

export type TSessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** A live session: not revoked, not past its absolute expiry, not idle for longer than its idle limit. */
export async function findLiveSession(db: DbOrTx, tokenHash: Buffer): Promise<TSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleSeconds}) > now()`,
      ),
    )
    .limit(1);
  return row;
}

/** Records activity (at most once a minute, to spare writes). */
export async function touchSession(db: DbOrTx, tokenHash: Buffer): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, tokenHash), sql`${sessions.lastSeenAt} < now() - interval '1 minute'`));
}

export async function updateSessionData(
  db: DbOrTx,
  tokenHash: Buffer,
  data: Record<string, unknown>,
): Promise<void> {
  await db.update(sessions).set({ data }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(db: DbOrTx, tokenHash: Buffer): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSubjectSessions(
  db: DbOrTx,
  kind: TSessionKind,
  subjectId: string,
): Promise<number> {
  const result = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.kind, kind), eq(sessions.subjectId, subjectId), isNull(sessions.revokedAt)));
  return result.rowCount ?? 0;
}

export async function deleteDeadSessions(db: DbOrTx): Promise<number> {
  const result = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, sql`now() - interval '1 day'`),
        sql`${sessions.revokedAt} < now() - interval '1 day'`,
      ),
    );
  return result.rowCount ?? 0;
}
