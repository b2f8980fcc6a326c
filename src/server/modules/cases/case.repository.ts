import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TPriority } from '../categories/category.tables.js';
import { caseEvents, cases, type TActorType } from './case.tables.js';

export type TCaseRow = typeof cases.$inferSelect;
export type TCaseEventRow = typeof caseEvents.$inferSelect;

export interface TNewCase {
  id: string;
  /** An SQL expression giving the case number (drawn from the day's sequence inside the statement). */
  caseNo: SQL;
  categoryCode: string;
  priority: TPriority;
  departmentId: string;
}

export interface TNewCaseEvent {
  caseId: string;
  type: string;
  actorType: TActorType;
  actorId?: string | null | undefined;
  payload?: Record<string, unknown> | undefined;
  public: boolean;
}

/** Statement part: insert a case in state `received`, returning `case_no`. */
export function caseInsert(row: TNewCase): SQL {
  return sql`INSERT INTO cases (id, case_no, category_code, priority, department_id, state)
    VALUES (${row.id}, ${row.caseNo}, ${row.categoryCode}, ${row.priority}, ${row.departmentId}, 'received')
    RETURNING case_no`;
}

/** Statement part: append one event to a case's timeline. */
export function caseEventInsert(row: TNewCaseEvent): SQL {
  return sql`INSERT INTO case_events (case_id, type, actor_type, actor_id, payload, public)
    VALUES (${row.caseId}, ${row.type}, ${row.actorType}, ${row.actorId ?? null},
            ${JSON.stringify(row.payload ?? {})}::jsonb, ${row.public})`;
}

export async function insertCaseEvent(tx: DbOrTx, row: TNewCaseEvent): Promise<void> {
  await tx.execute(caseEventInsert(row));
}

export async function findCase(db: DbOrTx, id: string): Promise<TCaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id)).limit(1);
  return row;
}

export async function listPublicEvents(db: DbOrTx, caseId: string): Promise<TCaseEventRow[]> {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.public, true)))
    .orderBy(asc(caseEvents.id));
}
