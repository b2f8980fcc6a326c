import { sql } from 'drizzle-orm';
import type { DbOrTx } from './pool.js';

/**
 * Increments the per-day counters of the given kinds in one statement and returns the new values. Run it
 * outside the caller's transaction (autocommit): the counter row is then locked only for this statement,
 * and a rolled-back report leaves a gap instead of blocking others.
 */
export async function nextCounterValues(
  db: DbOrTx,
  kinds: string[],
  day: string,
): Promise<Map<string, number>> {
  const values = sql.join(
    kinds.map((k) => sql`(${k}, ${day}::date, 1)`),
    sql`, `,
  );
  const result = await db.execute<{ kind: string; last: number }>(sql`
    INSERT INTO number_counters (kind, day, last) VALUES ${values}
    ON CONFLICT (kind, day) DO UPDATE SET last = number_counters.last + 1
    RETURNING kind, last`);
  return new Map(result.rows.map((r) => [r.kind, r.last]));
}
