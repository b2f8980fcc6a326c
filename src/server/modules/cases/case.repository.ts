import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { caseEvents, cases } from './case.tables.js';

export type TNewCaseRow = typeof cases.$inferInsert;
export type TCaseRow = typeof cases.$inferSelect;
export type TNewCaseEventRow = typeof caseEvents.$inferInsert;
export type TCaseEventRow = typeof caseEvents.$inferSelect;

export async function insertCase(tx: DbOrTx, row: TNewCaseRow): Promise<TCaseRow> {
  const [inserted] = await tx.insert(cases).values(row).returning();
  if (!inserted) throw new Error('case insert returned nothing');
  return inserted;
}

export async function insertCaseEvent(tx: DbOrTx, row: TNewCaseEventRow): Promise<void> {
  await tx.insert(caseEvents).values(row);
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
