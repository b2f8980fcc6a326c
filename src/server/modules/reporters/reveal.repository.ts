import { sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TRevealStatus } from './reveal.tables.js';

/** The sealed identity of a report, if it has one. */
export async function findSealedIdentityOfReport(
  db: DbOrTx,
  reportId: string,
): Promise<SealedRecord | undefined> {
  const result = await db.execute<{ key_id: string; wrapped_key: Buffer; sealed: Buffer }>(sql`
    SELECT i.key_id, i.wrapped_key, i.sealed FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id
     WHERE r.id = ${reportId}`);
  const row = result.rows[0];
  return row ? { keyId: row.key_id, wrappedKey: row.wrapped_key, sealed: row.sealed } : undefined;
}

export interface TRevealRequestRow {
  id: string;
  reportId: string;
  caseId: string;
  requestedBy: string;
  reason: string;
  status: TRevealStatus;
  decidedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const COLUMNS = sql`id, report_id AS "reportId", case_id AS "caseId", requested_by AS "requestedBy", reason, status,
  decided_by AS "decidedBy", created_at AS "createdAt", expires_at AS "expiresAt"`;

function present(r: TRevealRequestRow): TRevealRequestRow {
  return { ...r, createdAt: new Date(r.createdAt), expiresAt: new Date(r.expiresAt) };
}

export async function insertRevealRequest(
  tx: DbOrTx,
  row: { reportId: string; caseId: string; requestedBy: string; reason: string; expiresAt: Date },
): Promise<TRevealRequestRow> {
  const result = await tx.execute<TRevealRequestRow & Record<string, unknown>>(sql`
    INSERT INTO reveal_requests (report_id, case_id, requested_by, reason, expires_at)
    VALUES (${row.reportId}, ${row.caseId}, ${row.requestedBy}, ${row.reason}, ${row.expiresAt.toISOString()}::timestamptz)
    RETURNING ${COLUMNS}`);
  const inserted = result.rows[0];
  if (!inserted) throw new Error('reveal request insert returned nothing');
  return present(inserted);
}

export async function findRevealRequest(
  tx: DbOrTx,
  id: string,
  lock = false,
): Promise<TRevealRequestRow | undefined> {
  const result = await tx.execute<TRevealRequestRow & Record<string, unknown>>(
    sql`SELECT ${COLUMNS} FROM reveal_requests WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  const row = result.rows[0];
  return row ? present(row) : undefined;
}

export async function setRevealStatus(
  tx: DbOrTx,
  id: string,
  status: TRevealStatus,
  decidedBy?: { by: string; note: string | null; expiresAt?: Date },
): Promise<void> {
  await tx.execute(sql`UPDATE reveal_requests SET status = ${status}
    ${decidedBy ? sql`, decided_by = ${decidedBy.by}, decided_at = now(), decision_note = ${decidedBy.note}` : sql``}
    ${decidedBy?.expiresAt ? sql`, expires_at = ${decidedBy.expiresAt.toISOString()}::timestamptz` : sql``}
    WHERE id = ${id}`);
}

/** Pending requests on cases of the given departments, oldest first. */
export async function listPendingRequests(db: DbOrTx, departmentIds: string[]): Promise<TRevealRequestRow[]> {
  const result = await db.execute<TRevealRequestRow & Record<string, unknown>>(sql`
    SELECT ${sql.raw('q.id, q.report_id AS "reportId", q.case_id AS "caseId", q.requested_by AS "requestedBy", q.reason, q.status, q.decided_by AS "decidedBy", q.created_at AS "createdAt", q.expires_at AS "expiresAt"')}
      FROM reveal_requests q JOIN cases c ON c.id = q.case_id
     WHERE q.status = 'pending' AND q.expires_at > now() AND c.department_id = ANY(${sql.param(departmentIds)}::uuid[])
     ORDER BY q.created_at`);
  return result.rows.map(present);
}

/** Detaches and deletes the sealed identities of the given reports (retention); returns how many. */
export async function deleteIdentitiesOfReports(tx: DbOrTx, reportIds: string[]): Promise<number> {
  const result = await tx.execute(sql`
    WITH ids AS (SELECT reporter_identity_id AS id FROM reports
                  WHERE id = ANY(${sql.param(reportIds)}::uuid[]) AND reporter_identity_id IS NOT NULL),
         detached AS (UPDATE reports SET reporter_identity_id = NULL WHERE id = ANY(${sql.param(reportIds)}::uuid[]))
    DELETE FROM reporter_identities WHERE id IN (SELECT id FROM ids)`);
  return result.rowCount ?? 0;
}

/**
 * How many reports the same real-name reporter filed in the last `hours` (this one included), matched by any
 * blind index (phone, e-mail, ID number) — without decrypting anything. 0 for an anonymous report.
 */
export async function sameReporterCount(db: DbOrTx, reportId: string, hours: number): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    WITH me AS (SELECT i.phone_index, i.email_index, i.id_number_index FROM reports r
                  JOIN reporter_identities i ON i.id = r.reporter_identity_id WHERE r.id = ${reportId})
    SELECT count(*)::int AS n FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id, me
     WHERE r.submitted_at > now() - make_interval(hours => ${hours})
       AND (i.phone_index = me.phone_index OR i.email_index = me.email_index OR i.id_number_index = me.id_number_index)`);
  return result.rows[0]?.n ?? 0;
}
