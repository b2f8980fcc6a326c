import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TCaseState } from './case.tables.js';

/**
 * Moves reports (and what hangs on them: messages, supplements) to another case. `reports` is intake's
 * table; this and the first-report bookkeeping are the only writes the cases module makes to it.
 */
export async function moveReports(tx: DbOrTx, reportIds: string[], toCaseId: string): Promise<void> {
  const ids = sql.param(reportIds);
  await tx.execute(sql`UPDATE reports SET case_id = ${toCaseId} WHERE id = ANY(${ids}::uuid[])`);
  await tx.execute(sql`UPDATE case_messages SET case_id = ${toCaseId} WHERE report_id = ANY(${ids}::uuid[])`);
  await tx.execute(
    sql`UPDATE report_supplements SET case_id = ${toCaseId} WHERE report_id = ANY(${ids}::uuid[])`,
  );
}

/** Records each case's first (earliest submitted) report again, from its reports as they are now. */
export async function recomputeFirstReports(tx: DbOrTx, caseIds: string[]): Promise<void> {
  await tx.execute(sql`
    INSERT INTO case_first_reports (case_id, report_id, submitted_at)
    SELECT DISTINCT ON (case_id) case_id, id, submitted_at FROM reports
     WHERE case_id = ANY(${sql.param(caseIds)}::uuid[]) ORDER BY case_id, submitted_at, id
    ON CONFLICT (case_id) DO UPDATE SET report_id = EXCLUDED.report_id, submitted_at = EXCLUDED.submitted_at`);
}

export async function insertMerge(
  tx: DbOrTx,
  row: {
    sourceCaseId: string;
    targetCaseId: string;
    reportIds: string[];
    sourceState: TCaseState;
    actorId: string;
  },
): Promise<string> {
  const result = await tx.execute<{ id: string }>(sql`
    INSERT INTO case_merges (source_case_id, target_case_id, report_ids, source_state, actor_id)
    VALUES (${row.sourceCaseId}, ${row.targetCaseId}, ${sql.param(row.reportIds)}::uuid[], ${row.sourceState}, ${row.actorId})
    RETURNING id`);
  return result.rows[0]?.id ?? '';
}

export interface TMergeRow {
  id: string;
  sourceCaseId: string;
  targetCaseId: string;
  reportIds: string[];
  sourceState: TCaseState;
  undoneAt: Date | null;
}

export async function findMerge(tx: DbOrTx, id: string, lock = false): Promise<TMergeRow | undefined> {
  const result = await tx.execute<TMergeRow & Record<string, unknown>>(sql`
    SELECT id, source_case_id AS "sourceCaseId", target_case_id AS "targetCaseId", report_ids AS "reportIds",
           source_state AS "sourceState", undone_at AS "undoneAt"
      FROM case_merges WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
  return result.rows[0];
}

export async function markMergeUndone(tx: DbOrTx, id: string): Promise<void> {
  await tx.execute(sql`UPDATE case_merges SET undone_at = now() WHERE id = ${id}`);
}

/** Of the given reports, those still in `caseId` (a report split off after a merge stays where it is). */
export async function reportsStillIn(tx: DbOrTx, reportIds: string[], caseId: string): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(
    sql`SELECT id FROM reports WHERE id = ANY(${sql.param(reportIds)}::uuid[]) AND case_id = ${caseId}`,
  );
  return result.rows.map((r) => r.id);
}

/** A new case for a report split off `fromCaseId` (same category, priority, department), numbered today. */
export async function insertSplitCase(
  tx: DbOrTx,
  fromCaseId: string,
  number: { sequence: string; prefix: string },
): Promise<{ id: string; caseNo: string }> {
  const result = await tx.execute<{ id: string; case_no: string }>(sql`
    INSERT INTO cases (case_no, category_code, priority, department_id, state)
    SELECT ${number.prefix} || lpad(nextval(${number.sequence}::regclass)::text, 6, '0'), category_code, priority,
           department_id, 'received'
      FROM cases WHERE id = ${fromCaseId}
    RETURNING id, case_no`);
  const row = result.rows[0];
  if (!row) throw new Error('split: source case vanished');
  return { id: row.id, caseNo: row.case_no };
}
