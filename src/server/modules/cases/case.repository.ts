import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { JsonbValues } from '../../platform/db/binary-array.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TPriority } from '../categories/category.tables.js';
import { caseEvents, cases, type TActorType } from './case.tables.js';

export type TCaseRow = typeof cases.$inferSelect;
export type TCaseEventRow = typeof caseEvents.$inferSelect;

export interface TNewCase {
  id: string;
  /** The case number is drawn inside the statement: `prefix || lpad(nextval(sequence), 6, '0')`. */
  numberSequence: string;
  numberPrefix: string;
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

/** Statement part: insert cases in state `received`, returning `id, case_no`. */
export function casesInsert(rows: TNewCase[]): SQL {
  const col = <T>(f: (r: TNewCase) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO cases (id, case_no, category_code, priority, department_id, state)
    SELECT u.id, u.prefix || lpad(nextval(u.seq::regclass)::text, 6, '0'), u.category_code, u.priority, u.department_id,
           'received'
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.numberPrefix)}::text[], ${col((r) => r.numberSequence)}::text[],
                  ${col((r) => r.categoryCode)}::text[], ${col((r) => r.priority)}::text[], ${col((r) => r.departmentId)}::uuid[])
        AS u(id, prefix, seq, category_code, priority, department_id)
    RETURNING id, case_no`;
}

/** Statement part: append events to case timelines, in the given order. */
export function caseEventsInsert(rows: TNewCaseEvent[]): SQL {
  const col = <T>(f: (r: TNewCaseEvent) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO case_events (case_id, type, actor_type, actor_id, payload, public)
    SELECT * FROM unnest(${col((r) => r.caseId)}::uuid[], ${col((r) => r.type)}::text[], ${col((r) => r.actorType)}::text[],
      ${col((r) => r.actorId ?? null)}::text[], ${sql.param(new JsonbValues(rows.map((r) => r.payload ?? {})))}::jsonb[],
      ${col((r) => r.public)}::boolean[])`;
}

export async function insertCaseEvent(tx: DbOrTx, row: TNewCaseEvent): Promise<void> {
  await tx.execute(caseEventsInsert([row]));
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
