import { type SQL, sql } from 'drizzle-orm';
import { JsonbValues } from '../db/binary-array.js';
import type { DbOrTx } from '../db/pool.js';
import type { TAuditEntry } from './audit.types.js';

export interface TChainedEntry {
  at: Date;
  entry: TAuditEntry;
  /** Canonical JSON of the entry's hashed form. */
  canonical: string;
}

/**
 * The common table expressions that append entries, in order, to one chain: lock the chain head, link each
 * entry to the one before (hash = sha256(prev_hash || canonical JSON)) and move the head to the last.
 * The statement must begin `WITH RECURSIVE`. Defines `audit_row` (seq). The head row stays locked until the
 * transaction ends, so one chain's entries commit in chain order. Each step of the link reads its entry's
 * canonical JSON by position from one array, so linking n entries costs n steps (joining the entries at every
 * step had cost n², a twentieth of the intake statement at 24 reports).
 */
export function auditAppendCtes(chain: number, entries: TChainedEntry[]): SQL {
  const col = <T>(f: (e: TChainedEntry) => T) => sql.param(entries.map(f));
  return sql`audit_in AS (
      SELECT * FROM unnest(${col((e) => e.at.toISOString())}::timestamptz[],
        ${col((e) => e.entry.actorType)}::text[], ${col((e) => e.entry.actorId ?? null)}::text[],
        ${col((e) => e.entry.action)}::text[], ${col((e) => e.entry.subjectType ?? null)}::text[],
        ${col((e) => e.entry.subjectId ?? null)}::text[], ${col((e) => e.entry.reason ?? null)}::text[],
        ${sql.param(new JsonbValues(entries.map((e) => e.entry.payload ?? {})))}::jsonb[])
        WITH ORDINALITY AS a(at, actor_type, actor_id, action, subject_type, subject_id, reason, payload, n)),
    audit_canonical AS (SELECT ${col((e) => e.canonical)}::text[] AS c),
    audit_head AS (SELECT hash FROM audit_heads WHERE chain = ${chain} FOR UPDATE),
    audit_link (n, prev_hash, hash) AS (
      SELECT 1::bigint, h.hash, sha256(h.hash || convert_to(x.c[1], 'UTF8'))
        FROM audit_head h, audit_canonical x WHERE cardinality(x.c) > 0
      UNION ALL
      SELECT l.n + 1, l.hash, sha256(l.hash || convert_to(x.c[l.n + 1], 'UTF8'))
        FROM audit_link l, audit_canonical x WHERE l.n < cardinality(x.c)),
    audit_moved AS (
      UPDATE audit_heads h SET hash = last.hash, entries = h.entries + ${entries.length}
        FROM (SELECT hash FROM audit_link ORDER BY n DESC LIMIT 1) last WHERE h.chain = ${chain}
      RETURNING h.chain),
    audit_row AS (
      INSERT INTO audit_log (chain, at, actor_type, actor_id, action, subject_type, subject_id, reason, payload,
                             prev_hash, hash)
      SELECT ${chain}, a.at, a.actor_type, a.actor_id, a.action, a.subject_type, a.subject_id, a.reason, a.payload,
             l.prev_hash, l.hash
        FROM audit_link l JOIN audit_in a USING (n) ORDER BY n
      RETURNING seq)`;
}

export async function appendEntries(tx: DbOrTx, chain: number, entries: TChainedEntry[]): Promise<number[]> {
  const result = await tx.execute<{ seq: number }>(
    sql`WITH RECURSIVE ${auditAppendCtes(chain, entries)} SELECT seq FROM audit_row ORDER BY seq`,
  );
  if (result.rows.length !== entries.length) throw new Error(`audit chain ${chain} has no head`);
  return result.rows.map((r) => r.seq);
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
