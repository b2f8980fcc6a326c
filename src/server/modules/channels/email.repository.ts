import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';

export type TThreadKind = 'inbound' | 'ack' | 'reply';

/** Remembers a Message-ID (hashed) of a mail about a report; false when it was already known. */
export async function insertThread(
  db: DbOrTx,
  row: { messageIdHash: Buffer; reportId: string; kind: TThreadKind },
): Promise<boolean> {
  const result = await db.execute(sql`INSERT INTO email_threads (message_id_hash, report_id, kind)
    VALUES (${row.messageIdHash}, ${row.reportId}::uuid, ${row.kind}) ON CONFLICT DO NOTHING`);
  return (result.rowCount ?? 0) > 0;
}

/** Remembers several Message-IDs at once (one round trip); known ones are skipped. */
export async function insertThreads(
  db: DbOrTx,
  rows: { messageIdHash: Buffer; reportId: string; kind: TThreadKind }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`INSERT INTO email_threads (message_id_hash, report_id, kind)
    SELECT * FROM unnest(${sql.param(rows.map((r) => r.messageIdHash))}::bytea[],
      ${sql.param(rows.map((r) => r.reportId))}::uuid[], ${sql.param(rows.map((r) => r.kind))}::text[])
    ON CONFLICT DO NOTHING`);
}

/** The report the first known Message-ID of `hashes` belongs to (acknowledgements first). */
export async function findThread(db: DbOrTx, hashes: Buffer[]): Promise<string | undefined> {
  if (hashes.length === 0) return undefined;
  const result = await db.execute<{ report_id: string }>(sql`SELECT report_id FROM email_threads
    WHERE message_id_hash = ANY(${sql.param(hashes)}::bytea[]) ORDER BY (kind = 'ack') DESC LIMIT 1`);
  return result.rows[0]?.report_id;
}

/** Whether a Message-ID is already stored (a retried delivery of a reply). */
export async function threadExists(db: DbOrTx, hash: Buffer): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM email_threads WHERE message_id_hash = ${hash}`);
  return result.rows.length > 0;
}
