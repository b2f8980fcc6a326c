import { sql } from 'drizzle-orm';
import type { DbOrTx } from './pool.js';

/** Counts one hit in a fixed window (a new window starts once the old one expired). */
export async function hitBucket(
  db: DbOrTx,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; expiresAt: Date }> {
  const result = await db.execute<{ count: number; expires_at: Date }>(sql`
    INSERT INTO rate_limits AS r (key, window_start, count, expires_at)
    VALUES (${key}, now(), 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN r.expires_at <= now() THEN now() ELSE r.window_start END,
      count = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.count + 1 END,
      expires_at = CASE WHEN r.expires_at <= now() THEN now() + make_interval(secs => ${windowSeconds})
                        ELSE r.expires_at END
    RETURNING count, expires_at`);
  const row = result.rows[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { count: row.count, expiresAt: new Date(row.expires_at) };
}

/** The live (unexpired) count of a bucket, or zero. */
export async function readBucket(
  db: DbOrTx,
  key: string,
): Promise<{ count: number; expiresAt: Date } | undefined> {
  const result = await db.execute<{ count: number; expires_at: Date }>(sql`
    SELECT count, expires_at FROM rate_limits WHERE key = ${key} AND expires_at > now()`);
  const row = result.rows[0];
  return row ? { count: row.count, expiresAt: new Date(row.expires_at) } : undefined;
}

export async function deleteExpiredBuckets(db: DbOrTx, limit: number): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM rate_limits WHERE key IN (
      SELECT key FROM rate_limits WHERE expires_at <= now() LIMIT ${limit})`);
  return result.rowCount ?? 0;
}

/** Gives one hit back (e.g. an attempt that turned out to be a success); never below zero. */
export async function refundBucket(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`
    UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${key} AND expires_at > now()`);
}
