import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TCaseOutcome, TCaseState } from './case.tables.js';

export interface TCaseForWorkflow {
  id: string;
  caseNo: string;
  state: TCaseState;
  outcome: TCaseOutcome | null;
  categoryCode: string;
  priority: string;
  departmentId: string;
  departmentPath: string;
  assigneeId: string | null;
  /** Paths of departments that held the case before (read access). */
  previousPaths: string[];
}

const CASE_COLUMNS = sql`c.id, c.case_no AS "caseNo", c.state, c.outcome, c.category_code AS "categoryCode", c.priority,
  c.department_id AS "departmentId", d.path::text AS "departmentPath", c.assignee_id AS "assigneeId",
  COALESCE((SELECT array_agg(pd.path::text) FROM case_departments cd JOIN departments pd ON pd.id = cd.department_id
             WHERE cd.case_id = c.id), '{}') AS "previousPaths"`;

/** Reads a case (optionally locking it for the rest of the transaction). */
export async function findCaseForWorkflow(
  db: DbOrTx,
  id: string,
  lock = false,
): Promise<TCaseForWorkflow | undefined> {
  const result = await db.execute<TCaseForWorkflow & Record<string, unknown>>(sql`
    SELECT ${CASE_COLUMNS} FROM cases c JOIN departments d ON d.id = c.department_id
     WHERE c.id = ${id} ${lock ? sql`FOR UPDATE OF c` : sql``}`);
  return result.rows[0];
}

export async function updateCase(
  tx: DbOrTx,
  id: string,
  changes: {
    state?: TCaseState;
    outcome?: TCaseOutcome | null;
    assigneeId?: string | null;
    departmentId?: string;
    closed?: boolean;
  },
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (changes.state !== undefined) sets.push(sql`state = ${changes.state}`);
  if (changes.outcome !== undefined) sets.push(sql`outcome = ${changes.outcome}`);
  if (changes.assigneeId !== undefined) sets.push(sql`assignee_id = ${changes.assigneeId}`);
  if (changes.departmentId !== undefined) sets.push(sql`department_id = ${changes.departmentId}`);
  if (changes.closed !== undefined)
    sets.push(changes.closed ? sql`closed_at = now()` : sql`closed_at = NULL`);
  await tx.execute(sql`UPDATE cases SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

export async function insertNote(
  tx: DbOrTx,
  caseId: string,
  authorId: string,
  body: string,
): Promise<number> {
  const result = await tx.execute<{ id: number }>(
    sql`INSERT INTO case_notes (case_id, author_id, body) VALUES (${caseId}, ${authorId}, ${body}) RETURNING id`,
  );
  return result.rows[0]?.id ?? 0;
}

export async function insertPreviousDepartment(
  tx: DbOrTx,
  caseId: string,
  departmentId: string,
): Promise<void> {
  await tx.execute(sql`INSERT INTO case_departments (case_id, department_id, relation, case_opened_at)
    SELECT ${caseId}, ${departmentId}, 'previous', opened_at FROM cases WHERE id = ${caseId}
    ON CONFLICT DO NOTHING`);
}

export interface TTimelineItem {
  kind: 'event' | 'note';
  id: number;
  type: string;
  actorType: string;
  actorId: string | null;
  payload: Record<string, unknown>;
  public: boolean;
  at: Date;
}

/** The staff timeline: every event and internal note, oldest first. */
export async function listTimeline(db: DbOrTx, caseId: string): Promise<TTimelineItem[]> {
  const result = await db.execute<TTimelineItem & Record<string, unknown>>(sql`
    SELECT 'event' AS kind, id, type, actor_type AS "actorType", actor_id AS "actorId", payload, public, at
      FROM case_events WHERE case_id = ${caseId}
    UNION ALL
    SELECT 'note', id, 'note', 'staff', author_id::text, jsonb_build_object('body', body), false, created_at
      FROM case_notes WHERE case_id = ${caseId}
    ORDER BY at, id`);
  return result.rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
