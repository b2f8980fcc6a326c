import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { caseMessages, reportSupplements, type TMessageDirection } from './followup.tables.js';

export type TMessageRow = typeof caseMessages.$inferSelect;
export type TSupplementRow = typeof reportSupplements.$inferSelect;

export interface TNewMessage {
  caseId: string;
  reportId: string;
  direction: TMessageDirection;
  authorType: 'reporter' | 'staff';
  authorId: string | null;
  body: string;
}

/** Inserts a message if the report belongs to the case; returns its id, or undefined when it does not. */
export async function insertMessage(tx: DbOrTx, row: TNewMessage): Promise<number | undefined> {
  const result = await tx.execute<{ id: number }>(sql`
    INSERT INTO case_messages (case_id, report_id, direction, author_type, author_id, body)
    SELECT ${row.caseId}::uuid, ${row.reportId}::uuid, ${row.direction}, ${row.authorType}, ${row.authorId}::uuid,
           ${row.body}
     WHERE EXISTS (SELECT 1 FROM reports WHERE id = ${row.reportId}::uuid AND case_id = ${row.caseId}::uuid)
    RETURNING id`);
  return result.rows[0]?.id;
}

export async function insertSupplement(
  tx: DbOrTx,
  row: { caseId: string; reportId: string; details: string | null; answers: Record<string, unknown> | null },
): Promise<number> {
  const [inserted] = await tx.insert(reportSupplements).values(row).returning({ id: reportSupplements.id });
  if (!inserted) throw new Error('supplement insert returned nothing');
  return inserted.id;
}

export function listMessagesOfReport(db: DbOrTx, reportId: string): Promise<TMessageRow[]> {
  return db
    .select()
    .from(caseMessages)
    .where(eq(caseMessages.reportId, reportId))
    .orderBy(asc(caseMessages.id));
}

export function listMessagesOfCase(db: DbOrTx, caseId: string): Promise<TMessageRow[]> {
  return db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.id));
}

export function listSupplementsOfReport(db: DbOrTx, reportId: string): Promise<TSupplementRow[]> {
  return db
    .select()
    .from(reportSupplements)
    .where(eq(reportSupplements.reportId, reportId))
    .orderBy(asc(reportSupplements.id));
}

export function listSupplementsOfCase(db: DbOrTx, caseId: string): Promise<TSupplementRow[]> {
  return db
    .select()
    .from(reportSupplements)
    .where(eq(reportSupplements.caseId, caseId))
    .orderBy(asc(reportSupplements.id));
}
