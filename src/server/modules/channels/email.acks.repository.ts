import { sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import { type DbOrTx, queryPrepared } from '../../platform/db/pool.js';

/** An acknowledgement owed, as claimed for sending. */
export interface TAckRow {
  keyHash: Buffer;
  reportId: string | null;
  sealed: SealedRecord | null;
  attachments: number;
  skipped: number | null;
  attempts: number;
  createdAt: Date;
}

function toRow(r: Record<string, unknown>): TAckRow {
  return {
    keyHash: r.key_hash as Buffer,
    reportId: (r.report_id as string | null) ?? null,
    sealed: r.sealed
      ? { keyId: String(r.key_id), wrappedKey: r.wrapped_key as Buffer, sealed: r.sealed as Buffer }
      : null,
    attachments: Number(r.attachments),
    skipped: r.skipped === null || r.skipped === undefined ? null : Number(r.skipped),
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at as string),
  };
}
const RETURNING = sql`key_hash, report_id, key_id, wrapped_key, sealed, attachments, skipped, attempts, created_at`;

/**
 * Records acknowledgements owed (leased to the receiving process for `leaseSeconds`), many in one statement;
 * a known key is kept. Returns the keys (hex) this call created. Committed without waiting for the disk (`synchronous_commit = off`, for
 * this statement's transaction only): the row is written before the report's intake statement starts, whose
 * synchronous commit flushes the log up to and past it — so whenever the report is durable, so is this row.
 */
export async function insertOwedAcks(
  db: DbOrTx,
  rows: { keyHash: Buffer; sealed: SealedRecord; attachments: number; leaseSeconds: number }[],
): Promise<Set<string>> {
  const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
  const created = await queryPrepared<{ key_hash: Buffer }>(
    db,
    sql`WITH relax AS (SELECT set_config('synchronous_commit', 'off', true) AS v)
    INSERT INTO email_acks (key_hash, key_id, wrapped_key, sealed, attachments, not_before)
    SELECT u.key_hash, u.key_id, u.wrapped_key, u.sealed, u.attachments, now() + make_interval(secs => u.lease)
      FROM relax, unnest(${col((r) => r.keyHash)}::bytea[], ${col((r) => r.sealed.keyId)}::text[],
        ${col((r) => r.sealed.wrappedKey)}::bytea[], ${col((r) => r.sealed.sealed)}::bytea[],
        ${col((r) => r.attachments)}::int[], ${col((r) => r.leaseSeconds)}::int[])
        AS u(key_hash, key_id, wrapped_key, sealed, attachments, lease)
    ON CONFLICT DO NOTHING RETURNING key_hash`,
  );
  return new Set(created.map((r) => r.key_hash.toString('hex')));
}

/**
 * Claims the acknowledgement of a report that just committed, when this process did not create the row (a
 * retried delivery): unless the job has it (tried, and not due again yet).
 */
export async function claimAfterCommit(
  db: DbOrTx,
  claim: { keyHash: Buffer; leaseSeconds: number },
): Promise<TAckRow | undefined> {
  const result = await db.execute(sql`UPDATE email_acks
      SET attempts = attempts + 1, not_before = now() + make_interval(secs => ${claim.leaseSeconds})
    WHERE key_hash = ${claim.keyHash} AND state = 'pending' AND (attempts = 0 OR not_before <= now())
    RETURNING ${RETURNING}`);
  const row = result.rows[0] as Record<string, unknown> | undefined;
  return row ? toRow(row) : undefined;
}

/** Claims up to `limit` acknowledgements that are due (lease over), for the retry job. */
export async function claimDue(db: DbOrTx, limit: number, leaseSeconds: number): Promise<TAckRow[]> {
  const result = await db.execute(sql`UPDATE email_acks
      SET attempts = attempts + 1, not_before = now() + make_interval(secs => ${leaseSeconds})
    WHERE key_hash IN (SELECT key_hash FROM email_acks WHERE state = 'pending' AND not_before <= now()
      ORDER BY not_before LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING ${RETURNING}`);
  return (result.rows as Record<string, unknown>[]).map(toRow);
}

/**
 * The acknowledgement went out: what was sealed for it (the recipient) is erased, and the thread's Message-IDs
 * (received mail, acknowledgement) are recorded, in one statement.
 *
 * Each acknowledgement is found by `e.key_hash = ANY(ARRAY[u.key_hash])`, a condition that cannot be hashed, so the
 * statement's generic plan probes the key instead of scanning every acknowledgement (as the intake statement's
 * priority raise, `triage.repository.ts`).
 */
export async function markSent(
  db: DbOrTx,
  sent: {
    keyHash: Buffer;
    reportId: string;
    skipped: number;
    threads: { messageIdHash: Buffer; kind: 'inbound' | 'ack' }[];
  }[],
): Promise<void> {
  const col = <T>(f: (r: (typeof sent)[number]) => T) => sql.param(sent.map(f));
  const threads = sent.flatMap((s) => s.threads.map((t) => ({ ...t, reportId: s.reportId })));
  await queryPrepared(
    db,
    sql`WITH done AS (
      UPDATE email_acks e SET state = 'sent', sent_at = now(), report_id = u.report_id, skipped = u.skipped,
        key_id = NULL, wrapped_key = NULL, sealed = NULL
        FROM unnest(${col((r) => r.keyHash)}::bytea[], ${col((r) => r.reportId)}::uuid[], ${col((r) => r.skipped)}::int[])
          AS u(key_hash, report_id, skipped)
       WHERE e.key_hash = ANY(ARRAY[u.key_hash]))
    INSERT INTO email_threads (message_id_hash, report_id, kind)
    SELECT * FROM unnest(${sql.param(threads.map((t) => t.messageIdHash))}::bytea[],
      ${sql.param(threads.map((t) => t.reportId))}::uuid[], ${sql.param(threads.map((t) => t.kind))}::text[])
    ON CONFLICT DO NOTHING`,
  );
}

/** Given up (the report or its receipt code is no longer to be had): the sealed recipient is erased. */
export async function markExpired(db: DbOrTx, keyHash: Buffer): Promise<void> {
  await db.execute(sql`UPDATE email_acks SET state = 'expired', key_id = NULL, wrapped_key = NULL, sealed = NULL
    WHERE key_hash = ${keyHash}`);
}

/**
 * Not sent this time: try again in `delaySeconds`. `attempts: 0`: nothing was tried (no report yet), so the
 * receiving process may still claim it right after its commit; a failed send records its report and count.
 */
export async function postpone(
  db: DbOrTx,
  keyHash: Buffer,
  delaySeconds: number,
  after: { attempts: number; reportId?: string; skipped?: number },
): Promise<void> {
  await db.execute(sql`UPDATE email_acks SET not_before = now() + make_interval(secs => ${delaySeconds}),
      attempts = CASE WHEN ${after.attempts}::int = 0 THEN 0 ELSE GREATEST(attempts, ${after.attempts}::int) END,
      report_id = COALESCE(${after.reportId ?? null}::uuid, report_id),
      skipped = COALESCE(${after.skipped ?? null}::int, skipped)
    WHERE key_hash = ${keyHash} AND state = 'pending'`);
}

/** Evidence files stored with a report (to tell how many attachments were refused, after a crash). */
export async function countEvidence(db: DbOrTx, reportId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM evidence WHERE report_id = ${reportId}::uuid`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Forgets finished rows after `days` (a retried delivery is by then no longer matched by the intake either). */
export async function pruneFinished(db: DbOrTx, days: number): Promise<number> {
  const result = await db.execute(sql`DELETE FROM email_acks WHERE state <> 'pending'
    AND created_at < now() - make_interval(days => ${days})`);
  return result.rowCount ?? 0;
}
