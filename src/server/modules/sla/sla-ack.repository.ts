import { sql } from 'drizzle-orm';
import type { TSlaUnit } from '../../platform/calendar/calendar.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TDeadlineStatus } from './sla.tables.js';

export interface TAckFactsRow {
  caseId: string;
  departmentId: string;
  /** Still waiting for its deadlines (queued by the trigger, not yet opened). */
  pending: boolean;
  acceptanceDue: Date | null;
  acceptanceUnit: TSlaUnit | null;
  handlingStatus: TDeadlineStatus | null;
  handlingDue: Date | null;
  handlingUnit: TSlaUnit | null;
  handlingAmount: number | null;
}

/** What the acknowledgement tells a reporter about each case: the acceptance and handling deadlines. */
export async function ackFactsOf(db: DbOrTx, caseIds: string[]): Promise<TAckFactsRow[]> {
  if (caseIds.length === 0) return [];
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id AS "caseId", c.department_id AS "departmentId",
           EXISTS (SELECT 1 FROM sla_pending_cases p WHERE p.case_id = c.id) AS pending,
           a.due_at AS "acceptanceDue", a.unit AS "acceptanceUnit",
           h.status AS "handlingStatus", h.due_at AS "handlingDue", h.unit AS "handlingUnit", h.amount AS "handlingAmount"
      FROM cases c
      LEFT JOIN LATERAL (SELECT due_at, unit FROM case_deadlines d WHERE d.case_id = c.id AND d.stage = 'acceptance'
                            AND d.status IN ('running', 'paused') ORDER BY d.round DESC LIMIT 1) a ON true
      LEFT JOIN LATERAL (SELECT status, due_at, unit, amount FROM case_deadlines d WHERE d.case_id = c.id
                            AND d.stage = 'handling' AND d.status IN ('pending', 'running', 'paused')
                          ORDER BY d.round DESC LIMIT 1) h ON true
     WHERE c.id = ANY(${sql.param(caseIds)}::uuid[])`);
  return result.rows.map((r) => ({
    ...(r as unknown as TAckFactsRow),
    acceptanceDue: r.acceptanceDue ? new Date(r.acceptanceDue as string) : null,
    handlingDue: r.handlingDue ? new Date(r.handlingDue as string) : null,
  }));
}
