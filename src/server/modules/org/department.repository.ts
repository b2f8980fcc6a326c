import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { departments } from './department.tables.js';

export type TDepartmentRow = typeof departments.$inferSelect;
export type TNewDepartmentRow = typeof departments.$inferInsert;

export async function listDepartments(db: DbOrTx): Promise<TDepartmentRow[]> {
  return db.select().from(departments).orderBy(sql`nlevel(${departments.path})`, departments.path);
}

export async function countDepartments(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(departments);
  return row?.n ?? 0;
}

/** Inserts one department unless its code exists; returns its id either way. */
export async function insertDepartmentIfMissing(db: DbOrTx, row: TNewDepartmentRow): Promise<string> {
  const [inserted] = await db
    .insert(departments)
    .values(row)
    .onConflictDoNothing({ target: departments.code })
    .returning({ id: departments.id });
  if (inserted) return inserted.id;
  const [existing] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(sql`${departments.code} = ${row.code}`);
  if (!existing) throw new Error(`department ${row.code} vanished`);
  return existing.id;
}

/** Sets a department's time zone; returns the previous one (undefined: no such department). */
export async function updateTimeZone(db: DbOrTx, id: string, timeZone: string): Promise<string | undefined> {
  const result = await db.execute<{ previous: string }>(sql`
    UPDATE departments d SET time_zone = ${timeZone} FROM departments old
     WHERE d.id = ${id} AND old.id = d.id RETURNING old.time_zone AS previous`);
  return result.rows[0]?.previous;
}
