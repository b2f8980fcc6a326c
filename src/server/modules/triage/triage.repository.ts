import { type SQL, sql } from 'drizzle-orm';
import { JsonbValues } from '../../platform/db/binary-array.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TRule } from './triage.engine.js';
import type { TRuleSeed } from './triage.seed.js';

export async function listRules(db: DbOrTx): Promise<TRule[]> {
  const r = await db.execute<
    TRule & Record<string, unknown>
  >(sql`SELECT id, kind, target, all_of AS "allOf", none_of AS "noneOf", weight,
      reason_zh AS "reasonZh", reason_en AS "reasonEn", enabled FROM triage_rules ORDER BY id`);
  return r.rows;
}

export async function seedRules(db: DbOrTx, seed: TRuleSeed[], areas: Record<string, string>): Promise<void> {
  for (const s of seed) {
    await db.execute(sql`INSERT INTO triage_rules (id, kind, target, all_of, none_of, weight, reason_zh, reason_en)
      VALUES (${s.id}, ${s.kind}, ${s.target}, ${JSON.stringify(s.allOf)}::jsonb, ${JSON.stringify(s.noneOf ?? [])}::jsonb,
        ${s.weight ?? 1}, ${s.reason?.zh ?? ''}, ${s.reason?.en ?? ''}) ON CONFLICT DO NOTHING`);
  }
  const codes = Object.keys(areas);
  await db.execute(sql`INSERT INTO phone_areas (area_code, region_code)
    SELECT * FROM unnest(${sql.param(codes)}::text[], ${sql.param(codes.map((c) => areas[c] ?? ''))}::text[]) ON CONFLICT DO NOTHING`);
}

export async function upsertRule(db: DbOrTx, r: TRule, actorId: string): Promise<void> {
  await db.execute(sql`INSERT INTO triage_rules (id, kind, target, all_of, none_of, weight, reason_zh, reason_en, enabled, updated_by)
    VALUES (${r.id}, ${r.kind}, ${r.target}, ${JSON.stringify(r.allOf)}::jsonb, ${JSON.stringify(r.noneOf)}::jsonb, ${r.weight},
      ${r.reasonZh}, ${r.reasonEn}, ${r.enabled}, ${actorId})
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target, all_of = excluded.all_of,
      none_of = excluded.none_of, weight = excluded.weight, reason_zh = excluded.reason_zh, reason_en = excluded.reason_en,
      enabled = excluded.enabled, updated_at = now(), updated_by = excluded.updated_by`);
}

/** One rule, locked until the transaction ends when `lock` (saving and deleting read it first). */
export async function findRule(db: DbOrTx, id: string, lock = false): Promise<TRule | undefined> {
  const r = await db.execute<TRule & Record<string, unknown>>(sql`SELECT id, kind, target, all_of AS "allOf",
      none_of AS "noneOf", weight, reason_zh AS "reasonZh", reason_en AS "reasonEn", enabled
    FROM triage_rules WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
  return r.rows[0];
}

export async function deleteRule(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db.execute(sql`DELETE FROM triage_rules WHERE id = ${id}`);
  return (r.rowCount ?? 0) > 0;
}

export interface TRuleRow extends TRule {
  updatedAt: Date | string;
  updatedById: string | null;
}

/** Every rule with when and by whom it was last saved (read fresh: the console shows it after a save). */
export async function listRuleRows(db: DbOrTx): Promise<TRuleRow[]> {
  const r = await db.execute<TRuleRow & Record<string, unknown>>(
    sql`SELECT id, kind, target, all_of AS "allOf", none_of AS "noneOf", weight, reason_zh AS "reasonZh",
      reason_en AS "reasonEn", enabled, updated_at AS "updatedAt", updated_by AS "updatedById"
      FROM triage_rules ORDER BY id`,
  );
  return r.rows;
}

export async function listPhoneAreas(db: DbOrTx): Promise<Map<string, string>> {
  const r = await db.execute<{ area_code: string; region_code: string }>(
    sql`SELECT area_code, region_code FROM phone_areas`,
  );
  return new Map(r.rows.map((x) => [x.area_code, x.region_code]));
}

export interface TTriageRow {
  reportId: string;
  caseId: string;
  chosenCategory: string;
  suggestedCategory: string;
  suggestedPriority: string;
  reasons: unknown[];
  urgent: boolean;
  routedDepartmentId: string;
  routingBasis: string;
  relatedCaseIds: string[];
  /** An existing case the report joined whose priority it raises. */
  raise?: { caseId: string; priority: string } | undefined;
}

/**
 * Statement part (CTEs followed by commas) for the intake statement: the triage rows; raising the priority of
 * joined cases; and, for urgent reports, a `notify_urgent` job each for the on-duty supervisor, added with one
 * `add_jobs` call per statement (one NOTIFY, and none when nothing is urgent) (the notifications
 * module picks it up; until then it waits in the queue).
 *
 * A raise finds its case by `c.id = ANY(ARRAY[u.id])`, not `c.id = u.id`: that condition can be neither hashed
 * nor merged, so each raise probes `cases` by id. The statement's generic plan outlives the statistics it was
 * made with, and with `=` a plan made while `cases` held a few hundred rows scanned every case on each write as
 * the table grew (`intake.plans.test.ts`). Priorities compare by `sla_priority_rank` (migration 0029), the rank
 * the deadline engine's trigger on `cases` compares them by, so a raise is exactly what that trigger re-queues.
 */
export function triageStatementPart(rows: TTriageRow[]): SQL {
  const col = <T>(f: (r: TTriageRow) => T) => sql.param(rows.map(f));
  const raises = rows.flatMap((r) => (r.raise ? [r.raise] : []));
  const urgent = rows.filter((r) => r.urgent);
  return sql`tr_rows AS (INSERT INTO report_triage (report_id, case_id, chosen_category, suggested_category, suggested_priority,
        reasons, urgent, routed_department_id, routing_basis, related_case_ids)
      SELECT u.report_id, u.case_id, u.chosen, u.sc, u.sp, u.reasons, u.urgent, u.dept, u.basis,
             ARRAY(SELECT jsonb_array_elements_text(u.related))::uuid[]
        FROM unnest(${col((r) => r.reportId)}::uuid[], ${col((r) => r.caseId)}::uuid[], ${col((r) => r.chosenCategory)}::text[],
          ${col((r) => r.suggestedCategory)}::text[], ${col((r) => r.suggestedPriority)}::text[],
          ${sql.param(new JsonbValues(rows.map((r) => r.reasons)))}::jsonb[], ${col((r) => r.urgent)}::boolean[],
          ${col((r) => r.routedDepartmentId)}::uuid[], ${col((r) => r.routingBasis)}::text[],
          ${sql.param(new JsonbValues(rows.map((r) => r.relatedCaseIds)))}::jsonb[])
          AS u(report_id, case_id, chosen, sc, sp, reasons, urgent, dept, basis, related)),
    tr_raise AS (UPDATE cases c SET priority = u.p, updated_at = now()
      FROM unnest(${sql.param(raises.map((r) => r.caseId))}::uuid[], ${sql.param(raises.map((r) => r.priority))}::text[]) AS u(id, p)
     WHERE c.id = ANY(ARRAY[u.id]) AND sla_priority_rank(u.p) > sla_priority_rank(c.priority)
     RETURNING c.id),
    tr_jobs AS MATERIALIZED (SELECT j.id FROM (SELECT ARRAY(
        SELECT ROW('notify_urgent', json_build_object('caseId', u.case_id, 'reportId', u.report_id), NULL, NULL, 25,
                   NULL, NULL, NULL)::graphile_worker.job_spec
          FROM unnest(${sql.param(urgent.map((r) => r.caseId))}::uuid[], ${sql.param(urgent.map((r) => r.reportId))}::uuid[])
            AS u(case_id, report_id)) AS specs) s
      CROSS JOIN LATERAL graphile_worker.add_jobs(s.specs) j WHERE cardinality(s.specs) > 0),`;
}

export interface TReportTriageView {
  reportId: string;
  suggestedCategory: string;
  suggestedPriority: string;
  reasons: { rule: string; zh: string; en: string }[];
  urgent: boolean;
  routingBasis: string;
  relatedCaseIds: string[];
}

/** The triage suggestions recorded for the reports of a case. */
export async function triageOfCase(db: DbOrTx, caseId: string): Promise<TReportTriageView[]> {
  const result = await db.execute<TReportTriageView & Record<string, unknown>>(sql`
    SELECT t.report_id AS "reportId", t.suggested_category AS "suggestedCategory",
           t.suggested_priority AS "suggestedPriority", t.reasons, t.urgent, t.routing_basis AS "routingBasis",
           t.related_case_ids AS "relatedCaseIds"
      FROM report_triage t JOIN reports r ON r.id = t.report_id WHERE r.case_id = ${caseId}`);
  return result.rows;
}

/** How often staff moved a case away from the department triage routed it to (routing accuracy). */
export async function routingOverrides(db: DbOrTx): Promise<{ routed: number; overridden: number }> {
  const result = await db.execute<{ routed: number; overridden: number }>(sql`
    SELECT count(*)::int AS routed,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_departments cd
                                          WHERE cd.case_id = t.case_id AND cd.department_id = t.routed_department_id))::int
             AS overridden
      FROM report_triage t`);
  return result.rows[0] ?? { routed: 0, overridden: 0 };
}
