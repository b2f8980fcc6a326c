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
