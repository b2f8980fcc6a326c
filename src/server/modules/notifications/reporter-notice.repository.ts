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
