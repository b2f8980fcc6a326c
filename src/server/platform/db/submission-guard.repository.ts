import { sql } from 'drizzle-orm';
import { type DbOrTx, queryPrepared } from './pool.js';

export interface TGuardRow {
  kind: 'bucket' | 'spent';
  key: string;
  count: number | null;
  expires_at: Date | null;
}

/**
 * One statement for a batch of submissions: spends their proof-of-work challenges (a challenge already spent
 * is not returned) and counts hits in fixed-window buckets (`keys` may repeat; each bucket's new total is
 * returned). The text is the same for any batch size, so it runs prepared.
 *
 * It commits with `synchronous_commit = off` (set for this statement's own transaction): counters and spent
 * challenges need no fsync — a crash can forget the last few milliseconds of them, nothing more — and the hot
 * bucket row of a busy address is then locked for microseconds instead of a disk flush.
 */
export async function spendAndHit(
  db: DbOrTx,
  spend: { id: string; expiresAt: Date }[],
  keys: string[],
  windowSeconds: number,
): Promise<TGuardRow[]> {
  const rows = await queryPrepared<TGuardRow>(
    db,
    sql`WITH relax AS (SELECT set_config('synchronous_commit', 'off', true) AS v),
      hits AS (
        SELECT key, count(*)::int AS n FROM unnest(${sql.param(keys)}::text[]) AS key GROUP BY key),
      bucket AS (
        INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
        SELECT key, now(), n, now() + make_interval(secs => ${windowSeconds}::int) FROM hits
        ON CONFLICT (key) DO UPDATE SET
          window_start = CASE WHEN r.expires_at <= now() THEN now() ELSE r.window_start END,
          count = CASE WHEN r.expires_at <= now() THEN excluded.count ELSE r.count + excluded.count END,
          expires_at = CASE WHEN r.expires_at <= now() THEN excluded.expires_at ELSE r.expires_at END
        RETURNING key, count, expires_at),
      spent AS (
        INSERT INTO pow_spent (id, expires_at)
        SELECT * FROM unnest(${sql.param(spend.map((s) => s.id))}::text[],
                             ${sql.param(spend.map((s) => s.expiresAt.toISOString()))}::timestamptz[])
        ON CONFLICT (id) DO NOTHING
        RETURNING id)
    SELECT 'bucket' AS kind, key, count, expires_at FROM bucket CROSS JOIN relax
    UNION ALL SELECT 'spent', id, NULL, NULL FROM spent CROSS JOIN relax`,
  );
  // Members written out: on Node 20, a spread followed by more members costs microseconds per object.
  return rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    count: r.count,
    expires_at: r.expires_at ? new Date(r.expires_at) : null,
  }));
}

export async function deleteSpentChallenges(db: DbOrTx, limit: number): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM pow_spent WHERE id IN (SELECT id FROM pow_spent WHERE expires_at <= now() LIMIT ${limit})`);
  return result.rowCount ?? 0;
}
