import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryPrepared } from '../../platform/db/pool.js';

/** One idempotency row, prepared (key hashed, receipt code sealed) before the intake statement. */
export interface TIdempotencyRow {
  keyHash: Buffer;
  reportId: string;
  keyId: string;
  wrappedKey: Buffer;
  sealed: Buffer;
  expiresAt: Date;
}

/** Statement part of the intake statement: insert idempotency rows (a duplicate key fails the statement). */
export function idempotencyInsert(rows: TIdempotencyRow[]): SQL {
  const col = <T>(f: (r: TIdempotencyRow) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO intake_idempotency (key_hash, report_id, key_id, wrapped_key, sealed, expires_at)
    SELECT * FROM unnest(${col((r) => r.keyHash)}::bytea[], ${col((r) => r.reportId)}::uuid[],
      ${col((r) => r.keyId)}::text[], ${col((r) => r.wrappedKey)}::bytea[], ${col((r) => r.sealed)}::bytea[],
      ${col((r) => r.expiresAt.toISOString())}::timestamptz[])
    RETURNING key_hash`;
}

export interface TIdempotentReport {
  reportId: string;
  reportNo: string;
  caseNo: string;
  keyId: string;
  wrappedKey: Buffer;
  sealed: Buffer;
  expired: boolean;
}

/**
 * The reports some idempotency keys created (expired rows too, flagged), each with its key hash; keys that
 * created nothing are absent. Prepared, and asked for many keys at once: every e-mail (its Message-ID is the
 * key) and every keyed web submission asks it first.
 */
export async function findByKeyHashes(
  db: DbOrTx,
  keyHashes: Buffer[],
): Promise<(TIdempotentReport & { keyHash: Buffer })[]> {
  const rows = await queryPrepared<Record<string, unknown>>(
    db,
    sql`SELECT i.key_hash, i.report_id, r.report_no, c.case_no, i.key_id, i.wrapped_key, i.sealed,
      i.expires_at <= now() AS expired
    FROM intake_idempotency i JOIN reports r ON r.id = i.report_id JOIN cases c ON c.id = r.case_id
    WHERE i.key_hash = ANY(${sql.param(keyHashes)}::bytea[])`,
  );
  return rows.map((row) => ({
    keyHash: row.key_hash as Buffer,
    reportId: String(row.report_id),
    reportNo: String(row.report_no),
    caseNo: String(row.case_no),
    keyId: String(row.key_id),
    wrappedKey: row.wrapped_key as Buffer,
    sealed: row.sealed as Buffer,
    expired: row.expired === true,
  }));
}

/** Deletes expired rows (at most `limit`); returns how many. */
export async function deleteExpiredKeys(db: DbOrTx, limit: number, keyHash?: Buffer): Promise<number> {
  const only = keyHash ? sql` AND key_hash = ${keyHash}` : sql``;
  const result = await db.execute(sql`DELETE FROM intake_idempotency WHERE key_hash IN (
      SELECT key_hash FROM intake_idempotency WHERE expires_at <= now()${only} LIMIT ${limit})`);
  return result.rowCount ?? 0;
}
