import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { type TDeadlineRow, toDeadline } from './sla.repository.js';

export type TSweepRow = TDeadlineRow & {
  caseNo: string;
  departmentId: string;
  assigneeId: string | null;
};

const COLUMNS = sql`d.id, d.case_id AS "caseId", d.stage, d.round, d.rule_id AS "ruleId", d.unit, d.amount,
  d.extensions_allowed AS "extensionsAllowed", d.extension_max_days AS "extensionMaxDays", d.status,
  d.started_at AS "startedAt", d.due_at AS "dueAt", d.paused_at AS "pausedAt", d.met_at AS "metAt", d.extensions,
  d.reminder3_at AS "reminder3At", d.reminder1_at AS "reminder1At", d.overdue_at AS "overdueAt",
  d.escalated_at AS "escalatedAt", c.case_no AS "caseNo", c.department_id AS "departmentId",
  c.assignee_id AS "assigneeId"`;

/**
 * Deadlines the sweep must look at, locked (SKIP LOCKED: workers in several processes share the work):
 * reminders — running, not yet due, within `horizon`, 1-day reminder not sent; overdue — running, past due,
 * not flagged; escalation — flagged overdue, not met, not escalated.
 */
export async function takeForSweep(
  tx: DbOrTx,
  kind: 'reminder' | 'overdue' | 'escalation',
  now: Date,
  limit: number,
): Promise<TSweepRow[]> {
  const at = now.toISOString();
  const where =
    kind === 'reminder'
      ? sql`d.status = 'running' AND d.due_at > ${at}::timestamptz AND d.due_at <= ${at}::timestamptz + interval '40 days'
            AND d.reminder1_at IS NULL AND d.unit <> 'hours'`
      : kind === 'overdue'
        ? sql`d.status = 'running' AND d.due_at <= ${at}::timestamptz AND d.overdue_at IS NULL`
        : sql`d.status IN ('running', 'paused') AND d.overdue_at IS NOT NULL AND d.escalated_at IS NULL`;
  const result = await tx.execute(sql`
    SELECT ${COLUMNS} FROM case_deadlines d JOIN cases c ON c.id = d.case_id
     WHERE ${where} ORDER BY d.due_at LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED`);
  return result.rows.map((r) => ({
    ...toDeadline(r),
    caseNo: r.caseNo as string,
    departmentId: r.departmentId as string,
    assigneeId: (r.assigneeId as string | null) ?? null,
  }));
}

export async function stampDeadline(
  tx: DbOrTx,
  id: number,
  field: 'reminder3_at' | 'reminder1_at' | 'overdue_at' | 'escalated_at',
  at: Date,
): Promise<void> {
  await tx.execute(sql`UPDATE case_deadlines SET ${sql.identifier(field)} = ${at.toISOString()}::timestamptz
    WHERE id = ${id}`);
}

/** Opens the supervision item (督办) of an overdue deadline; false when it exists already. */
export async function insertSupervisionItem(
  tx: DbOrTx,
  row: { caseId: string; deadlineId: number; departmentId: string; superiorDepartmentId: string; at: Date },
): Promise<string | undefined> {
  const result = await tx.execute<{ id: string }>(sql`
    INSERT INTO supervision_items (case_id, deadline_id, department_id, superior_department_id, created_at)
    VALUES (${row.caseId}, ${row.deadlineId}, ${row.departmentId}, ${row.superiorDepartmentId},
            ${row.at.toISOString()}::timestamptz)
    ON CONFLICT (deadline_id) DO NOTHING RETURNING id`);
  return result.rows[0]?.id;
}
