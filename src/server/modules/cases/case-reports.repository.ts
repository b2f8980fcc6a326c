import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';

/** The reports in a case, oldest first (the first is the first reporter's). */
export async function reportIdsOfCase(db: DbOrTx, caseId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(
    sql`SELECT id FROM reports WHERE case_id = ${caseId} ORDER BY submitted_at, id`,
  );
  return result.rows.map((r) => r.id);
}

export async function caseIdOfReport(db: DbOrTx, reportId: string): Promise<string | undefined> {
  const result = await db.execute<{ case_id: string }>(
    sql`SELECT case_id FROM reports WHERE id = ${reportId}`,
  );
  return result.rows[0]?.case_id;
}

/** Closed cases past their retention date that still hold reporter data, oldest first. */
export async function casesDueForPurge(db: DbOrTx, closedBefore: Date, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM cases WHERE state = 'closed' AND purged_at IS NULL AND closed_at < ${closedBefore.toISOString()}::timestamptz
     ORDER BY closed_at LIMIT ${limit}`);
  return result.rows.map((r) => r.id);
}

/** Locks a case for purging; undefined when it is no longer eligible (reopened meanwhile, or done). */
export async function lockCaseForPurge(tx: DbOrTx, caseId: string, closedBefore: Date): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT id FROM cases WHERE id = ${caseId} AND state = 'closed' AND purged_at IS NULL
       AND closed_at < ${closedBefore.toISOString()}::timestamptz FOR UPDATE`);
  return (result.rowCount ?? 0) > 0;
}

export async function markCasePurged(tx: DbOrTx, caseId: string): Promise<void> {
  await tx.execute(sql`UPDATE cases SET purged_at = now() WHERE id = ${caseId}`);
}
