import { eq, type SQL, sql } from 'drizzle-orm';
import { JsonbValues } from '../../platform/db/binary-array.js';
import { type DbOrTx, queryPrepared } from '../../platform/db/pool.js';
import type { TLanguage } from '../../platform/http/language.js';
import { reports, type TChannel } from './report.tables.js';

export interface TNewReport {
  id: string;
  /** The report number is drawn inside the statement: `prefix || lpad(nextval(sequence), 6, '0')`. */
  numberSequence: string;
  numberPrefix: string;
  caseId: string;
  channel: TChannel;
  categoryCode: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
  occurredAt: Date | null;
  regionCode: string | null;
  reporterIdentityId: string | null;
  /** The reporter agreed to be contacted (no PII: a flag). */
  contactConsent?: boolean;
  language: TLanguage;
  /** Search tokens joined by spaces (tokens hold none). */
  searchTokens: string;
}

/** Statement part: insert reports, returning `id, report_no, case_id`. */
export function reportsInsert(rows: TNewReport[]): SQL {
  const col = <T>(f: (r: TNewReport) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO reports (id, report_no, case_id, channel, category_code, description, answers, targets,
      occurred_at, region_code, reporter_identity_id, contact_consent, language, search_tokens)
    SELECT u.id, u.prefix || lpad(nextval(u.seq::regclass)::text, 6, '0'), u.case_id, u.channel, u.category_code,
           u.description, u.answers, ARRAY(SELECT jsonb_array_elements_text(u.targets)), u.occurred_at, u.region_code,
           u.reporter_identity_id, u.contact_consent, u.language, array_to_tsvector(string_to_array(u.tokens, ' '))
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.numberPrefix)}::text[], ${col((r) => r.numberSequence)}::text[],
        ${col((r) => r.caseId)}::uuid[], ${col((r) => r.channel)}::text[], ${col((r) => r.categoryCode)}::text[],
        ${col((r) => r.description)}::text[], ${sql.param(new JsonbValues(rows.map((r) => r.answers)))}::jsonb[],
        ${sql.param(new JsonbValues(rows.map((r) => r.targets)))}::jsonb[], ${col((r) => r.occurredAt?.toISOString() ?? null)}::timestamptz[],
        ${col((r) => r.regionCode)}::text[], ${col((r) => r.reporterIdentityId)}::uuid[], ${col((r) => r.contactConsent === true)}::boolean[],
        ${col((r) => r.language)}::text[],
        ${col((r) => r.searchTokens)}::text[])
        AS u(id, prefix, seq, case_id, channel, category_code, description, answers, targets, occurred_at, region_code,
             reporter_identity_id, contact_consent, language, tokens)
    RETURNING id, report_no, case_id`;
}

export interface TIntakeParts {
  cases: SQL;
  reports: SQL;
  identities: SQL;
  events: SQL;
  receipts: SQL;
  audit: SQL;
  /** Evidence rows; left out when no report of the batch has files (a second statement shape). */
  evidence?: SQL | undefined;
  /** Idempotency keys; left out when no report of the batch carries one. */
  idempotency?: SQL | undefined;
  /** Targets module: CTEs (each ending in a comma) for report/case targets, registry, fingerprints. */
  cluster: SQL;
  /** Triage module: CTEs (each ending in a comma) for triage rows, priority raises, urgent jobs (`tr_jobs`). */
  triage: SQL;
}

/**
 * The intake statement: each module's part as a data-modifying CTE of ONE statement (one round trip, one
 * implicit transaction, all or nothing), for any number of reports. Its text does not depend on the number of
 * reports, so it is prepared once per connection (two shapes: with and without evidence rows). Returns each
 * report's number and its case's number. Evidence files are already in the blob store when this runs; if the
 * statement fails they stay there unreferenced, which is harmless: the store is content-addressed (a retry
 * stores the same bytes under the same key) and nothing points at them.
 */
export async function writeIntake(
  db: DbOrTx,
  parts: TIntakeParts,
): Promise<{ id: string; report_no: string; case_no: string }[]> {
  return queryPrepared<{ id: string; report_no: string; case_no: string }>(
    db,
    sql`WITH RECURSIVE kase AS (${parts.cases}), rep AS (${parts.reports}), ident AS (${parts.identities}),
      ev AS (${parts.events}), rc AS (${parts.receipts}),${parts.evidence ? sql` evi AS (${parts.evidence}),` : sql``}${parts.idempotency ? sql` idem AS (${parts.idempotency}),` : sql``} ${parts.cluster} ${parts.triage} ${parts.audit}
    SELECT rep.id, rep.report_no, kase.case_no FROM rep LEFT JOIN kase ON kase.id = rep.case_id
     WHERE (SELECT count(*) FROM tr_jobs) >= 0`,
  );
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
