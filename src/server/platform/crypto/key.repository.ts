import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.js';
import { keyMaterial } from './key.tables.js';

export async function readKeyMaterial(db: DbOrTx, purpose: string) {
  const [row] = await db.select().from(keyMaterial).where(eq(keyMaterial.purpose, purpose)).limit(1);
  return row;
}

/** Inserts unless another instance did first (then theirs stands). */
export async function insertKeyMaterial(
  db: DbOrTx,
  row: { purpose: string; keyId: string; wrappedKey: Buffer; sealed: Buffer },
): Promise<void> {
  await db.insert(keyMaterial).values(row).onConflictDoNothing({ target: keyMaterial.purpose });
}

export interface TWrappedTable {
  table: string;
}

/** Every table holding wrapped data keys: those with `key_id` and `wrapped_key` columns. */
export async function tablesWithWrappedKeys(db: DbOrTx): Promise<string[]> {
  const result = await db.execute<{ name: string }>(sql`
    SELECT format('%I.%I', c.table_schema, c.table_name) AS name
      FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.column_name IN ('key_id', 'wrapped_key') AND t.table_type = 'BASE TABLE'
       AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
     GROUP BY 1 HAVING count(*) = 2 ORDER BY 1`);
  return result.rows.map((r) => r.name);
}

export async function countWrappedNotUnder(db: DbOrTx, table: string, keyId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE key_id <> ${keyId}`,
  );
  return result.rows[0]?.n ?? 0;
}

/** Locks and returns up to `limit` wrapped keys not yet under `keyId` (skipping rows others hold). */
export async function lockWrappedBatch(db: DbOrTx, table: string, keyId: string, limit: number) {
  const result = await db.execute<{ ctid: string; key_id: string; wrapped_key: Buffer }>(sql`
    SELECT ctid::text AS ctid, key_id, wrapped_key FROM ${sql.raw(table)}
     WHERE key_id <> ${keyId} LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  return result.rows;
}

export async function updateWrapped(
  db: DbOrTx,
  table: string,
  ctid: string,
  keyId: string,
  wrappedKey: Buffer,
) {
  await db.execute(
    sql`UPDATE ${sql.raw(table)} SET key_id = ${keyId}, wrapped_key = ${wrappedKey} WHERE ctid = ${ctid}::tid`,
  );
}
