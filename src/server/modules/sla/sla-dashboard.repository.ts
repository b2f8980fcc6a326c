import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';

export interface TDueRow {
  caseId: string;
  caseNo: string;
  stage: string;
  dueAt: Date;
  state: string;
  departmentId: string;
}

/** Running deadlines of the staff member's open cases that are due before `until` (overdue ones included). */
export async function myDeadlines(
  db: DbOrTx,
  staffId: string,
  until: Date,
  limit: number,
): Promise<TDueRow[]> {
  const result = await db.execute<TDueRow & Record<string, unknown>>(sql`
    SELECT c.id AS "caseId", c.case_no AS "caseNo", d.stage, d.due_at AS "dueAt", c.state,
           c.department_id AS "departmentId"
      FROM cases c JOIN case_deadlines d ON d.case_id = c.id AND d.status = 'running'
     WHERE c.assignee_id = ${staffId} AND d.due_at <= ${until.toISOString()}::timestamptz
     ORDER BY d.due_at LIMIT ${limit}`);
  return result.rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
}

export interface TComplianceRow {
  departmentId: string;
  categoryCode: string;
  total: number;
  onTime: number;
}

/**
 * SLA compliance in [from, to): stages met in the period, plus stages that fell due in it unmet; on time means
 * met no later than due. By the case's department (within the subtree) and category.
 */
export async function compliance(
  db: DbOrTx,
  subtreePath: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<TComplianceRow[]> {
  const f = from.toISOString();
  const t = to.toISOString();
  const result = await db.execute<TComplianceRow & Record<string, unknown>>(sql`
    SELECT c.department_id AS "departmentId", c.category_code AS "categoryCode", count(*)::int AS total,
           count(*) FILTER (WHERE d.met_at IS NOT NULL AND d.met_at <= d.due_at)::int AS "onTime"
      FROM case_deadlines d JOIN cases c ON c.id = d.case_id
      JOIN departments dep ON dep.id = c.department_id AND dep.path <@ ${subtreePath}::ltree
     WHERE d.due_at IS NOT NULL AND (
           (d.status = 'met' AND d.met_at >= ${f}::timestamptz AND d.met_at < ${t}::timestamptz)
        OR (d.status IN ('running', 'paused') AND d.due_at >= ${f}::timestamptz AND d.due_at < ${t}::timestamptz
            AND d.due_at < ${now.toISOString()}::timestamptz))
     GROUP BY 1, 2 ORDER BY 1, 2`);
  return result.rows;
}

export interface TSupervisionRow {
  id: string;
  caseId: string;
  caseNo: string;
  stage: string;
  dueAt: Date | null;
  departmentId: string;
  superiorDepartmentId: string;
  state: 'open' | 'resolved';
  note: string | null;
  createdAt: Date;
}

/** Supervision items addressed to departments in the subtree. */
export async function listSupervisionItems(
  db: DbOrTx,
  subtreePath: string,
  state: 'open' | 'resolved' | 'all',
  limit: number,
): Promise<TSupervisionRow[]> {
  const result = await db.execute<TSupervisionRow & Record<string, unknown>>(sql`
    SELECT s.id, s.case_id AS "caseId", c.case_no AS "caseNo", d.stage, d.due_at AS "dueAt",
           s.department_id AS "departmentId", s.superior_department_id AS "superiorDepartmentId", s.state, s.note,
           s.created_at AS "createdAt"
      FROM supervision_items s JOIN cases c ON c.id = s.case_id JOIN case_deadlines d ON d.id = s.deadline_id
      JOIN departments sup ON sup.id = s.superior_department_id AND sup.path <@ ${subtreePath}::ltree
     ${state === 'all' ? sql`` : sql`WHERE s.state = ${state}`}
     ORDER BY s.created_at DESC LIMIT ${limit}`);
  return result.rows.map((r) => ({
    ...r,
    dueAt: r.dueAt ? new Date(r.dueAt) : null,
    createdAt: new Date(r.createdAt),
  }));
}

export async function findSupervisionItem(db: DbOrTx, id: string) {
  const result = await db.execute<{ id: string; caseId: string; superiorPath: string; state: string }>(sql`
    SELECT s.id, s.case_id AS "caseId", sup.path::text AS "superiorPath", s.state
      FROM supervision_items s JOIN departments sup ON sup.id = s.superior_department_id WHERE s.id = ${id}`);
  return result.rows[0];
}

export async function resolveSupervisionItem(db: DbOrTx, id: string, staffId: string, note: string) {
  await db.execute(sql`UPDATE supervision_items SET state = 'resolved', resolved_at = now(), resolved_by = ${staffId},
    note = ${note} WHERE id = ${id}`);
}
