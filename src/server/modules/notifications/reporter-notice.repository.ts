import { sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';

/** Reports of a case whose reporter left a sealed identity and agreed to be contacted. */
export async function consentingReportIds(db: DbOrTx, caseId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`SELECT id FROM reports
    WHERE case_id = ${caseId} AND contact_consent AND reporter_identity_id IS NOT NULL ORDER BY submitted_at`);
  return result.rows.map((r) => r.id);
}

export interface TReportForNotice {
  reportNo: string;
  language: 'zh-CN' | 'en';
  caseId: string;
  outcome: string | null;
  sealed: SealedRecord | null;
}

export async function findReportForNotice(
  db: DbOrTx,
  reportId: string,
): Promise<TReportForNotice | undefined> {
  const result = await db.execute<{
    report_no: string;
    language: 'zh-CN' | 'en';
    case_id: string;
    outcome: string | null;
    contact_consent: boolean;
    key_id: string | null;
    wrapped_key: Buffer | null;
    sealed: Buffer | null;
  }>(sql`
    SELECT r.report_no, r.language, r.case_id, c.outcome, r.contact_consent, i.key_id, i.wrapped_key, i.sealed
      FROM reports r JOIN cases c ON c.id = r.case_id
      LEFT JOIN reporter_identities i ON i.id = r.reporter_identity_id
     WHERE r.id = ${reportId}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    reportNo: r.report_no,
    language: r.language,
    caseId: r.case_id,
    outcome: r.outcome,
    sealed:
      r.contact_consent && r.key_id && r.wrapped_key && r.sealed
        ? { keyId: r.key_id, wrappedKey: r.wrapped_key, sealed: r.sealed }
        : null,
  };
}

/** Records a notice; false when this one (report, kind, ref) was recorded before — it is sent once. */
export async function recordNotice(
  tx: DbOrTx,
  row: { reportId: string; kind: string; ref: string; channel: string | null; status: 'sent' | 'skipped' },
): Promise<boolean> {
  const result = await tx.execute(sql`INSERT INTO reporter_notices (report_id, kind, ref, channel, status)
    VALUES (${row.reportId}, ${row.kind}, ${row.ref}, ${row.channel}, ${row.status}) ON CONFLICT DO NOTHING`);
  return (result.rowCount ?? 0) > 0;
}

export interface TTemplateRow {
  kind: string;
  language: string;
  channel: string;
  subject: string;
  body: string;
  updatedAt: Date;
}

export async function listTemplateOverrides(db: DbOrTx): Promise<TTemplateRow[]> {
  const result = await db.execute<TTemplateRow & Record<string, unknown>>(sql`
    SELECT kind, language, channel, subject, body, updated_at AS "updatedAt" FROM notification_templates`);
  return result.rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) }));
}

export async function upsertTemplate(
  db: DbOrTx,
  row: Omit<TTemplateRow, 'updatedAt'> & { updatedBy: string },
): Promise<void> {
  await db.execute(sql`INSERT INTO notification_templates (kind, language, channel, subject, body, updated_by)
    VALUES (${row.kind}, ${row.language}, ${row.channel}, ${row.subject}, ${row.body}, ${row.updatedBy})
    ON CONFLICT (kind, language, channel) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body,
      updated_by = EXCLUDED.updated_by, updated_at = now()`);
}

/** Reports submitted this long before the cursor are looked at again (dedupe makes it harmless). */
const ACK_OVERLAP = sql`interval '2 minutes'`;
/** The horizon never lags more than this behind now, even while some session idles in a transaction. */
const ACK_MAX_LAG = sql`interval '15 minutes'`;

/**
 * The window of the acknowledgement scan, as exact timestamps (text, microseconds kept): from the cursor
 * (less an overlap) up to the horizon — now, or the start of the oldest transaction still running in this
 * database if earlier. `submitted_at` is its transaction's start, so every report from before the horizon
 * has committed (or never will) when the scan reads it: nothing commits "behind" the cursor.
 */
export async function ackWindow(db: DbOrTx): Promise<{ from: string; to: string }> {
  const result = await db.execute<{ from: string; to: string }>(sql`
    SELECT (COALESCE((SELECT at FROM reporter_ack_cursor WHERE id = 'acknowledgement'), now() - interval '1 day')
              - ${ACK_OVERLAP})::text AS "from",
           GREATEST(now() - ${ACK_MAX_LAG}, LEAST(now(), (
             SELECT min(xact_start) FROM pg_stat_activity
              WHERE datname = current_database() AND backend_type = 'client backend'
                AND pid <> pg_backend_pid() AND xact_start IS NOT NULL)))::text AS "to"`);
  const row = result.rows[0];
  if (!row) throw new Error('no acknowledgement window');
  return row;
}

export interface TAckCandidate {
  id: string;
  caseId: string;
  /** Exact (text) timestamp, for the keyset. */
  submittedAt: string;
}

/**
 * Consenting reports in the window not yet acknowledged, by (submitted_at, id) after `after`. E-mail reports
 * are left out: the e-mail channel sends their first acknowledgement itself (with the receipt code).
 */
export async function unacknowledgedReports(
  db: DbOrTx,
  w: { from: string; to: string; after?: { at: string; id: string } | undefined; limit: number },
): Promise<TAckCandidate[]> {
  const after = w.after
    ? sql`AND (r.submitted_at, r.id) > (${w.after.at}::timestamptz, ${w.after.id}::uuid)`
    : sql``;
  const result = await db.execute<TAckCandidate & Record<string, unknown>>(sql`
    SELECT r.id, r.case_id AS "caseId", r.submitted_at::text AS "submittedAt" FROM reports r
     WHERE r.submitted_at >= ${w.from}::timestamptz AND r.submitted_at < ${w.to}::timestamptz ${after}
       AND r.contact_consent AND r.reporter_identity_id IS NOT NULL AND r.channel <> 'email'
       AND NOT EXISTS (SELECT 1 FROM reporter_notices n
                        WHERE n.report_id = r.id AND n.kind = 'acknowledgement' AND n.ref = '')
     ORDER BY r.submitted_at, r.id LIMIT ${w.limit}`);
  return result.rows;
}

/** Moves the cursor forward (never back) to `to`, or to the earliest held report if earlier. */
export async function advanceAckCursor(db: DbOrTx, to: string, held: string[]): Promise<void> {
  await db.execute(sql`
    INSERT INTO reporter_ack_cursor (id, at)
    VALUES ('acknowledgement', LEAST(${to}::timestamptz, (SELECT min(x) FROM unnest(${sql.param(held)}::timestamptz[]) x)))
    ON CONFLICT (id) DO UPDATE SET at = GREATEST(reporter_ack_cursor.at, EXCLUDED.at)`);
}
