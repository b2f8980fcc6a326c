import { eq, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryPrepared } from '../../platform/db/pool.js';
import type { TLanguage } from '../../platform/http/language.js';
import { reports, type TChannel } from './report.tables.js';

export interface TNewReport {
  id: string;
  /** An SQL expression giving the report number (drawn from the day's sequence inside the statement). */
  reportNo: SQL;
  caseId: string;
  channel: TChannel;
  categoryCode: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
  occurredAt: Date | null;
  regionCode: string | null;
  reporterIdentityId: string | null;
  language: TLanguage;
  searchTokens: string[];
}

/** Statement part: insert one report, returning `report_no`. */
export function reportInsert(r: TNewReport): SQL {
  return sql`INSERT INTO reports (id, report_no, case_id, channel, category_code, description, answers, targets,
      occurred_at, region_code, reporter_identity_id, language, search_tokens)
    VALUES (${r.id}, ${r.reportNo}, ${r.caseId}, ${r.channel}, ${r.categoryCode}, ${r.description},
      ${JSON.stringify(r.answers)}::jsonb, ${sql.param(r.targets)}::text[], ${r.occurredAt?.toISOString() ?? null}::timestamptz,
      ${r.regionCode}, ${r.reporterIdentityId}, ${r.language}, to_tsvector('simple', ${r.searchTokens.join(' ')}))
    RETURNING report_no`;
}

/** `prefix || lpad(nextval(sequence), 6, '0')`: a day's next number, inside the statement. */
export function nextNumberSql(sequence: string, prefix: string): SQL {
  return sql`${prefix} || lpad(nextval(${sequence}::regclass)::text, 6, '0')`;
}

/**
 * The intake statement: every part (each module's own INSERT) as a data-modifying CTE of ONE statement, so a
 * report is written in one round trip and one implicit transaction. All or nothing.
 */
export async function writeIntake(
  db: DbOrTx,
  parts: { report: SQL; caseRow: SQL; others: SQL[]; audit: SQL },
): Promise<{ reportNo: string; caseNo: string }> {
  const others = parts.others.map((part, i) => sql`${sql.raw(`p${i}`)} AS (${part}), `);
  const row = await queryPrepared<{ report_no: string; case_no: string }>(
    db,
    sql`WITH kase AS (${parts.caseRow}), rep AS (${parts.report}), ${sql.join(others, sql``)}${parts.audit}
    SELECT (SELECT report_no FROM rep) AS report_no, (SELECT case_no FROM kase) AS case_no`,
  );
  if (!row) throw new Error('intake statement returned nothing');
  return { reportNo: row.report_no, caseNo: row.case_no };
}

export async function findReportSummary(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: reports.id,
      reportNo: reports.reportNo,
      caseId: reports.caseId,
      categoryCode: reports.categoryCode,
      channel: reports.channel,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.id, id))
    .limit(1);
  return row;
}
