import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { categories } from './category.tables.js';

export type TCategoryRow = typeof categories.$inferSelect;
export type TNewCategoryRow = typeof categories.$inferInsert;

export async function listActiveCategories(db: DbOrTx): Promise<TCategoryRow[]> {
  return db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder));
}

/** Inserts categories that do not exist yet; existing ones (possibly edited by staff) are left alone. */
export async function insertMissingCategories(db: DbOrTx, rows: TNewCategoryRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(categories)
    .values(rows)
    .onConflictDoNothing({ target: categories.code })
    .returning({ code: categories.code });
  return inserted.length;
}
