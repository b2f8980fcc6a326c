import { sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TPartnerScope } from './channels.tables.js';

/**
 * All SQL of the partner channel. Reads of `reports` and `cases` (intake's and cases' tables) are read-only:
 * a partner's own outcomes, precision, and which partners a decided case concerns.
 */

export type TPartnerRow = {
  id: string;
  code: string;
  name: string;
  trusted: boolean;
  webhookUrl: string | null;
  createdAt: Date;
};

const PARTNER_COLUMNS = sql`p.id, p.code, p.name, p.trusted, p.webhook_url AS "webhookUrl", p.created_at AS "createdAt"`;

export async function insertPartner(db: DbOrTx, row: { code: string; name: string; trusted: boolean }) {
  const result = await db.execute<{ id: string }>(sql`INSERT INTO partner_organisations (code, name, trusted)
    VALUES (${row.code}, ${row.name}, ${row.trusted}) ON CONFLICT (code) DO NOTHING RETURNING id`);
  return result.rows[0]?.id;
}

export async function updatePartner(
  db: DbOrTx,
  id: string,
  change: { name?: string; trusted?: boolean; webhookUrl?: string | null; secret?: SealedRecord | null },
): Promise<boolean> {
  const secret = change.secret;
  const result = await db.execute(sql`UPDATE partner_organisations SET
      name = coalesce(${change.name ?? null}, name),
      trusted = coalesce(${change.trusted ?? null}::boolean, trusted),
      webhook_url = CASE WHEN ${change.webhookUrl !== undefined} THEN ${change.webhookUrl ?? null} ELSE webhook_url END,
      webhook_key_id = CASE WHEN ${secret !== undefined} THEN ${secret?.keyId ?? null} ELSE webhook_key_id END,
      webhook_wrapped_key = CASE WHEN ${secret !== undefined} THEN ${secret?.wrappedKey ?? null}::bytea ELSE webhook_wrapped_key END,
      webhook_sealed = CASE WHEN ${secret !== undefined} THEN ${secret?.sealed ?? null}::bytea ELSE webhook_sealed END
    WHERE id = ${id}::uuid`);
  return (result.rowCount ?? 0) > 0;
}

export async function findPartner(db: DbOrTx, id: string): Promise<TPartnerRow | undefined> {
  const result = await db.execute<TPartnerRow>(
    sql`SELECT ${PARTNER_COLUMNS} FROM partner_organisations p WHERE p.id = ${id}::uuid`,
  );
  return result.rows[0];
}

/** Partners with their reports' precision: the share of decided reports decided (partly) substantiated. */
export async function listPartners(db: DbOrTx) {
  const result = await db.execute<
    TPartnerRow & { reports: number; decided: number; substantiated: number; partly: number }
  >(sql`SELECT ${PARTNER_COLUMNS},
      count(pr.report_id)::int AS reports,
      count(c.outcome)::int AS decided,
      count(*) FILTER (WHERE c.outcome = 'substantiated')::int AS substantiated,
      count(*) FILTER (WHERE c.outcome = 'partly_substantiated')::int AS partly
    FROM partner_organisations p
    LEFT JOIN partner_reports pr ON pr.partner_id = p.id
    LEFT JOIN reports r ON r.id = pr.report_id
    LEFT JOIN cases c ON c.id = r.case_id
    GROUP BY p.id ORDER BY p.code`);
  return result.rows;
}

export type TKeyRow = {
  id: string;
  partnerId: string;
  prefix: string;
  scopes: TPartnerScope[];
  rateLimit: number;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const KEY_COLUMNS = sql`k.id, k.partner_id AS "partnerId", k.prefix, k.scopes, k.rate_limit AS "rateLimit",
  k.created_at AS "createdAt", k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt"`;

export async function insertKey(
  db: DbOrTx,
  row: {
    partnerId: string;
    prefix: string;
    secretHash: Buffer;
    scopes: TPartnerScope[];
    rateLimit: number;
    createdBy: string;
  },
): Promise<string> {
  const result = await db.execute<{ id: string }>(sql`INSERT INTO partner_keys
      (partner_id, prefix, secret_hash, scopes, rate_limit, created_by)
    VALUES (${row.partnerId}::uuid, ${row.prefix}, ${row.secretHash}, ${sql.param(row.scopes)}::text[],
      ${row.rateLimit}, ${row.createdBy}::uuid) RETURNING id`);
  const id = result.rows[0]?.id;
  if (!id) throw new Error('partner key not inserted');
  return id;
}

export async function listKeys(db: DbOrTx, partnerId: string): Promise<TKeyRow[]> {
  const result = await db.execute<TKeyRow>(
    sql`SELECT ${KEY_COLUMNS} FROM partner_keys k WHERE k.partner_id = ${partnerId}::uuid ORDER BY k.created_at`,
  );
  return result.rows;
}

export async function revokeKey(db: DbOrTx, partnerId: string, keyId: string): Promise<boolean> {
  const result = await db.execute(sql`UPDATE partner_keys SET revoked_at = coalesce(revoked_at, now())
    WHERE id = ${keyId}::uuid AND partner_id = ${partnerId}::uuid`);
  return (result.rowCount ?? 0) > 0;
}

/** A live key by the hash of its secret, with its partner; marks it used. */
export async function findLiveKey(db: DbOrTx, secretHash: Buffer) {
  const result = await db.execute<TKeyRow & { trusted: boolean; code: string }>(sql`UPDATE partner_keys k
      SET last_used_at = now() FROM partner_organisations p
    WHERE k.secret_hash = ${secretHash} AND k.revoked_at IS NULL AND p.id = k.partner_id
    RETURNING ${KEY_COLUMNS}, p.trusted, p.code`);
  return result.rows[0];
}

export async function insertPartnerReports(
  db: DbOrTx,
  rows: { reportId: string; partnerId: string; keyId: string; reference: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
  await db.execute(sql`INSERT INTO partner_reports (report_id, partner_id, key_id, reference)
    SELECT * FROM unnest(${col((r) => r.reportId)}::uuid[], ${col((r) => r.partnerId)}::uuid[],
      ${col((r) => r.keyId)}::uuid[], ${col((r) => r.reference)}::text[])
    ON CONFLICT (report_id) DO NOTHING`);
}

export type TOutcomeRow = {
  reference: string;
  reportNo: string;
  caseNo: string;
  state: string;
  outcome: string | null;
  submittedAt: Date;
  updatedAt: Date;
};

/** A partner's own reports with their case's state and outcome (newest first, or by reference). */
export async function partnerOutcomes(
  db: DbOrTx,
  partnerId: string,
  filter: { references?: string[]; limit: number },
): Promise<TOutcomeRow[]> {
  const refs = filter.references?.length
    ? sql` AND pr.reference = ANY(${sql.param(filter.references)}::text[])`
    : sql``;
  const result = await db.execute<TOutcomeRow>(sql`SELECT pr.reference, r.report_no AS "reportNo",
      c.case_no AS "caseNo", c.state, c.outcome, r.submitted_at AS "submittedAt", c.updated_at AS "updatedAt"
    FROM partner_reports pr JOIN reports r ON r.id = pr.report_id JOIN cases c ON c.id = r.case_id
    WHERE pr.partner_id = ${partnerId}::uuid${refs}
    ORDER BY r.submitted_at DESC LIMIT ${filter.limit}`);
  return result.rows;
}

/** Partner reports of a case whose partner has a webhook (for outcome notifications). */
export async function webhookTargetsOfCase(db: DbOrTx, caseId: string) {
  const result = await db.execute<{ partnerId: string; reference: string; reportNo: string; caseNo: string }>(
    sql`SELECT pr.partner_id AS "partnerId", pr.reference, r.report_no AS "reportNo", c.case_no AS "caseNo"
      FROM reports r JOIN partner_reports pr ON pr.report_id = r.id
      JOIN partner_organisations p ON p.id = pr.partner_id JOIN cases c ON c.id = r.case_id
      WHERE r.case_id = ${caseId}::uuid AND p.webhook_url IS NOT NULL`,
  );
  return result.rows;
}

export async function insertDelivery(
  db: DbOrTx,
  row: { partnerId: string; event: string; payload: Record<string, unknown> },
): Promise<string> {
  const result = await db.execute<{ id: string }>(sql`INSERT INTO partner_webhook_deliveries
      (partner_id, event, payload) VALUES (${row.partnerId}::uuid, ${row.event}, ${JSON.stringify(row.payload)}::jsonb)
    RETURNING id`);
  const id = result.rows[0]?.id;
  if (!id) throw new Error('delivery not inserted');
  return id;
}

/** A delivery with where it goes and the sealed signing secret. */
export async function findDelivery(db: DbOrTx, id: string) {
  const result = await db.execute<{
    id: string;
    event: string;
    payload: Record<string, unknown>;
    status: string;
    attempts: number;
    webhookUrl: string | null;
    keyId: string | null;
    wrappedKey: Buffer | null;
    sealed: Buffer | null;
  }>(sql`SELECT d.id, d.event, d.payload, d.status, d.attempts, p.webhook_url AS "webhookUrl",
      p.webhook_key_id AS "keyId", p.webhook_wrapped_key AS "wrappedKey", p.webhook_sealed AS sealed
    FROM partner_webhook_deliveries d JOIN partner_organisations p ON p.id = d.partner_id
    WHERE d.id = ${id}::uuid`);
  return result.rows[0];
}

export async function recordAttempt(
  db: DbOrTx,
  attempt: {
    deliveryId: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    status: string;
  },
): Promise<void> {
  await db.execute(sql`WITH a AS (INSERT INTO partner_webhook_attempts (delivery_id, status_code, error, duration_ms)
      VALUES (${attempt.deliveryId}::uuid, ${attempt.statusCode}, ${attempt.error}, ${attempt.durationMs}))
    UPDATE partner_webhook_deliveries SET attempts = attempts + 1, status = ${attempt.status},
      delivered_at = CASE WHEN ${attempt.status} = 'delivered' THEN now() ELSE delivered_at END
    WHERE id = ${attempt.deliveryId}::uuid`);
}

/** The job key of a delivery's `partner_webhook` job (so its next attempt can be read). */
export const webhookJobKey = (deliveryId: string) => `partner_webhook:${deliveryId}`;

/** Deliveries of a partner, newest first, each with its attempts and, while it is retried, when next. */
export async function listDeliveries(db: DbOrTx, partnerId: string, limit: number) {
  const result = await db.execute<{
    id: string;
    event: string;
    status: string;
    attempts: number;
    createdAt: Date;
    deliveredAt: Date | null;
    reference: string | null;
    reportNo: string | null;
    caseNo: string | null;
    nextAttemptAt: Date | null;
    log: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
  }>(sql`SELECT d.id, d.event, d.status, d.attempts, d.created_at AS "createdAt", d.delivered_at AS "deliveredAt",
      CASE WHEN d.status = 'pending' THEN (SELECT j.run_at FROM graphile_worker._private_jobs j
        WHERE j.key = ${webhookJobKey('')} || d.id::text AND j.locked_at IS NULL) END AS "nextAttemptAt",
      d.payload->>'reference' AS reference, d.payload->>'reportNo' AS "reportNo", d.payload->>'caseNo' AS "caseNo",
      coalesce((SELECT json_agg(json_build_object('at', a.at, 'statusCode', a.status_code, 'error', a.error,
        'durationMs', a.duration_ms) ORDER BY a.id) FROM partner_webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS log
    FROM partner_webhook_deliveries d WHERE d.partner_id = ${partnerId}::uuid
    ORDER BY d.created_at DESC LIMIT ${limit}`);
  return result.rows;
}
