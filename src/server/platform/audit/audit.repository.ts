import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.js';
import type { TAuditEntry } from './audit.types.js';

/**
 * The common table expressions that append one entry to a chain: lock the chain head, link the entry to it
 * (hash = sha256(prev_hash || canonical JSON)) and move the head. Used alone (`appendEntry`) and inside the
 * one-statement intake. The head row stays locked until the transaction ends, so one chain commits in order.
 * Defines `audit_row` (seq).
 */
export function auditAppendCtes(chain: number, at: Date, entry: TAuditEntry, canonical: string): SQL {
  return sql`audit_prev AS (SELECT chain, hash FROM audit_heads WHERE chain = ${chain} FOR UPDATE),
    audit_moved AS (
      UPDATE audit_heads h SET hash = sha256(audit_prev.hash || convert_to(${canonical}, 'UTF8')),
             entries = h.entries + 1
        FROM audit_prev WHERE h.chain = audit_prev.chain
      RETURNING audit_prev.hash AS prev_hash, h.hash AS hash),
    audit_row AS (
      INSERT INTO audit_log (chain, at, actor_type, actor_id, action, subject_type, subject_id, reason, payload,
                             prev_hash, hash)
      SELECT ${chain}, ${at.toISOString()}::timestamptz, ${entry.actorType}, ${entry.actorId ?? null},
             ${entry.action}, ${entry.subjectType ?? null}, ${entry.subjectId ?? null}, ${entry.reason ?? null},
             ${JSON.stringify(entry.payload ?? {})}::jsonb, prev_hash, hash
        FROM audit_moved
      RETURNING seq)`;
}

export async function appendEntry(
  tx: DbOrTx,
  chain: number,
  at: Date,
  entry: TAuditEntry,
  canonical: string,
): Promise<{ seq: number }> {
  const result = await tx.execute<{ seq: number }>(
    sql`WITH ${auditAppendCtes(chain, at, entry, canonical)} SELECT seq FROM audit_row`,
  );
  const row = result.rows[0];
  if (!row) throw new Error(`audit chain ${chain} has no head`);
  return row;
}

export type TAuditRow = {
  seq: number;
  chain: number;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  prev_hash: Buffer;
  hash: Buffer;
};

/** Entries after `afterSeq`, in seq order, `limit` at a time (keyset pagination for the verifier). */
export async function readEntries(db: DbOrTx, afterSeq: number, limit: number): Promise<TAuditRow[]> {
  const result = await db.execute<TAuditRow>(sql`
    SELECT seq, chain, at, actor_type, actor_id, action, subject_type, subject_id, reason, payload, prev_hash, hash
      FROM audit_log WHERE seq > ${afterSeq} ORDER BY seq LIMIT ${limit}`);
  return result.rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

export async function readHeads(db: DbOrTx): Promise<{ chain: number; hash: Buffer; entries: number }[]> {
  const result = await db.execute<{ chain: number; hash: Buffer; entries: number }>(
    sql`SELECT chain, hash, entries FROM audit_heads ORDER BY chain`,
  );
  return result.rows;
}

export async function countEntries(db: DbOrTx): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
  return result.rows[0]?.n ?? 0;
}
