import { type SQL, sql } from 'drizzle-orm';
import type { TSlaUnit } from '../../platform/calendar/calendar.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TSlaRuleSeed } from './sla.seed.js';
import type { TDeadlineStatus, TSlaStage } from './sla.tables.js';

export interface TRuleRow {
  id: string;
  departmentId: string | null;
  stage: TSlaStage;
  categoryCode: string | null;
  priority: string | null;
  channel: string | null;
  trustedFlagger: boolean;
  unit: TSlaUnit;
  amount: number;
  allowLonger: boolean;
  extensionsAllowed: number;
  extensionMaxDays: number;
  source: string;
  createdAt: Date;
}

const RULE_COLUMNS = sql`id, department_id AS "departmentId", stage, category_code AS "categoryCode", priority, channel,
  trusted_flagger AS "trustedFlagger", unit, amount, allow_longer AS "allowLonger", extensions_allowed AS "extensionsAllowed",
  extension_max_days AS "extensionMaxDays", source, created_at AS "createdAt"`;

/** Adds the shipped national defaults that are missing; returns how many were added. */
export async function insertDefaultRules(db: DbOrTx, seeds: TSlaRuleSeed[]): Promise<number> {
  let added = 0;
  for (const s of seeds) {
    const result = await db.execute(sql`
      INSERT INTO sla_rules (stage, category_code, priority, channel, trusted_flagger, unit, amount, extensions_allowed,
                             extension_max_days, source)
      VALUES (${s.stage}, ${s.categoryCode ?? null}, ${s.priority ?? null}, ${s.channel ?? null},
              ${s.trustedFlagger ?? false}, ${s.unit}, ${s.amount},
              ${s.extensionsAllowed ?? 0}, ${s.extensionMaxDays ?? 0}, ${s.source})
      ON CONFLICT DO NOTHING`);
    added += result.rowCount ?? 0;
  }
  return added;
}

/** The rules in force at an instant (a case uses the rules of the moment it was opened). */
export async function listRulesAt(db: DbOrTx, at: Date): Promise<TRuleRow[]> {
  const t = at.toISOString();
  const result = await db.execute<
    TRuleRow & Record<string, unknown>
  >(sql`SELECT ${RULE_COLUMNS} FROM sla_rules
    WHERE created_at <= ${t}::timestamptz AND (retired_at IS NULL OR retired_at > ${t}::timestamptz)
    ORDER BY created_at, id`);
  return result.rows.map(toRule);
}

function toRule(r: TRuleRow): TRuleRow {
  return { ...r, createdAt: new Date(r.createdAt) };
}

export async function listActiveRules(db: DbOrTx): Promise<TRuleRow[]> {
  const result = await db.execute<TRuleRow & Record<string, unknown>>(
    sql`SELECT ${RULE_COLUMNS} FROM sla_rules WHERE retired_at IS NULL ORDER BY created_at, id`,
  );
  return result.rows.map(toRule);
}

/** Retires the active rule with the same department and match (if any) and adds the new one. */
export async function replaceRule(
  tx: DbOrTx,
  rule: Omit<TRuleRow, 'id' | 'createdAt'>,
  createdBy: string,
): Promise<{ id: string; retiredId: string | null }> {
  const same = sql`stage = ${rule.stage} AND retired_at IS NULL
    AND department_id IS NOT DISTINCT FROM ${rule.departmentId}::uuid
    AND category_code IS NOT DISTINCT FROM ${rule.categoryCode}::text
    AND priority IS NOT DISTINCT FROM ${rule.priority}::text AND channel IS NOT DISTINCT FROM ${rule.channel}::text
    AND trusted_flagger = ${rule.trustedFlagger}`;
  const retired = await tx.execute<{ id: string }>(
    sql`UPDATE sla_rules SET retired_at = now() WHERE ${same} RETURNING id`,
  );
  const inserted = await tx.execute<{ id: string }>(sql`
    INSERT INTO sla_rules (department_id, stage, category_code, priority, channel, trusted_flagger, unit, amount,
                           allow_longer, extensions_allowed, extension_max_days, source, created_by)
    VALUES (${rule.departmentId}, ${rule.stage}, ${rule.categoryCode}, ${rule.priority}, ${rule.channel},
            ${rule.trustedFlagger}, ${rule.unit},
            ${rule.amount}, ${rule.allowLonger}, ${rule.extensionsAllowed}, ${rule.extensionMaxDays}, ${rule.source},
            ${createdBy})
    RETURNING id`);
  return { id: inserted.rows[0]?.id ?? '', retiredId: retired.rows[0]?.id ?? null };
}

export interface TCaseForSla {
  id: string;
  caseNo: string;
  categoryCode: string;
  priority: string;
  departmentId: string;
  assigneeId: string | null;
  state: string;
  openedAt: Date;
  /** The channel of the case's first report. */
  channel: string | null;
  /** A report of the case came from a trusted flagger (a partner marked trusted; read from channels' tables). */
  trustedFlagger: boolean;
}

const CASE_FOR_SLA = sql`c.id, c.case_no AS "caseNo", c.category_code AS "categoryCode", c.priority,
  c.department_id AS "departmentId", c.assignee_id AS "assigneeId", c.state, c.opened_at AS "openedAt",
  (SELECT r.channel FROM reports r WHERE r.case_id = c.id ORDER BY r.submitted_at LIMIT 1) AS channel,
  EXISTS (SELECT 1 FROM reports r JOIN partner_reports pr ON pr.report_id = r.id
            JOIN partner_organisations po ON po.id = pr.partner_id
           WHERE r.case_id = c.id AND po.trusted) AS "trustedFlagger"`;

function toCase(r: TCaseForSla): TCaseForSla {
  return { ...r, openedAt: new Date(r.openedAt) };
}

/** A case queued for the deadline engine: new (no deadlines yet), or queued again when it became stricter. */
export interface TPendingCase extends TCaseForSla {
  queuedAt: Date;
  hasDeadlines: boolean;
}

/** Takes up to `limit` queued cases (locked: concurrent workers take different ones). */
export async function takePendingCases(tx: DbOrTx, limit: number): Promise<TPendingCase[]> {
  const result = await tx.execute<TPendingCase & Record<string, unknown>>(sql`
    WITH taken AS (
      DELETE FROM sla_pending_cases WHERE case_id IN (
        SELECT case_id FROM sla_pending_cases ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING case_id, created_at)
    SELECT ${CASE_FOR_SLA}, t.created_at AS "queuedAt",
           EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id) AS "hasDeadlines"
      FROM cases c JOIN taken t ON t.case_id = c.id`);
  return result.rows.map((r) => ({
    ...toCase(r),
    queuedAt: new Date(r.queuedAt),
    hasDeadlines: r.hasDeadlines,
  }));
}

export async function findCaseForSla(db: DbOrTx, caseId: string): Promise<TCaseForSla | undefined> {
  const result = await db.execute<TCaseForSla & Record<string, unknown>>(
    sql`SELECT ${CASE_FOR_SLA} FROM cases c WHERE c.id = ${caseId}`,
  );
  const row = result.rows[0];
  return row ? toCase(row) : undefined;
}

export interface TDeadlineRow {
  id: number;
  caseId: string;
  stage: TSlaStage;
  round: number;
  ruleId: string | null;
  unit: TSlaUnit;
  amount: number;
  extensionsAllowed: number;
  extensionMaxDays: number;
  status: TDeadlineStatus;
  startedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  metAt: Date | null;
  extensions: number;
  reminder3At: Date | null;
  reminder1At: Date | null;
  overdueAt: Date | null;
  escalatedAt: Date | null;
}

export type TNewDeadline = Pick<
  TDeadlineRow,
  | 'caseId'
  | 'stage'
  | 'round'
  | 'ruleId'
  | 'unit'
  | 'amount'
  | 'extensionsAllowed'
  | 'extensionMaxDays'
  | 'status'
  | 'startedAt'
  | 'dueAt'
>;

export async function insertDeadlines(tx: DbOrTx, rows: TNewDeadline[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: TNewDeadline) => T) => sql.param(rows.map(f));
  await tx.execute(sql`
    INSERT INTO case_deadlines (case_id, stage, round, rule_id, unit, amount, extensions_allowed, extension_max_days,
                                status, started_at, due_at)
    SELECT * FROM unnest(${col((r) => r.caseId)}::uuid[], ${col((r) => r.stage)}::text[], ${col((r) => r.round)}::int[],
      ${col((r) => r.ruleId)}::uuid[], ${col((r) => r.unit)}::text[], ${col((r) => r.amount)}::int[],
      ${col((r) => r.extensionsAllowed)}::int[], ${col((r) => r.extensionMaxDays)}::int[], ${col((r) => r.status)}::text[],
      ${col((r) => r.startedAt?.toISOString() ?? null)}::timestamptz[], ${col((r) => r.dueAt?.toISOString() ?? null)}::timestamptz[])
    ON CONFLICT DO NOTHING`);
}

const DEADLINE_COLUMNS = sql`id, case_id AS "caseId", stage, round, rule_id AS "ruleId", unit, amount,
  extensions_allowed AS "extensionsAllowed", extension_max_days AS "extensionMaxDays", status,
  started_at AS "startedAt", due_at AS "dueAt", paused_at AS "pausedAt", met_at AS "metAt", extensions,
  reminder3_at AS "reminder3At", reminder1_at AS "reminder1At", overdue_at AS "overdueAt", escalated_at AS "escalatedAt"`;

const DATE_FIELDS = [
  'startedAt',
  'dueAt',
  'pausedAt',
  'metAt',
  'reminder3At',
  'reminder1At',
  'overdueAt',
  'escalatedAt',
] as const;

export function toDeadline(r: Record<string, unknown>): TDeadlineRow {
  const row = { ...r } as Record<string, unknown>;
  for (const f of DATE_FIELDS) row[f] = r[f] ? new Date(r[f] as string) : null;
  return row as unknown as TDeadlineRow;
}

export async function listDeadlines(db: DbOrTx, caseId: string, lock = false): Promise<TDeadlineRow[]> {
  const result = await db.execute(sql`SELECT ${DEADLINE_COLUMNS} FROM case_deadlines WHERE case_id = ${caseId}
    ORDER BY round, array_position(ARRAY['acknowledgement','acceptance','handling','feedback','appeal_review'], stage)
    ${lock ? sql`FOR UPDATE` : sql``}`);
  return result.rows.map(toDeadline);
}

export async function updateDeadline(
  tx: DbOrTx,
  id: number,
  set: Partial<
    Pick<
      TDeadlineRow,
      'status' | 'startedAt' | 'dueAt' | 'pausedAt' | 'metAt' | 'extensions' | 'ruleId' | 'unit' | 'amount'
    >
  > & {
    resetReminders?: boolean;
  },
): Promise<void> {
  const sets: SQL[] = [];
  const stamp = (d: Date | null) => (d ? d.toISOString() : null);
  if (set.status !== undefined) sets.push(sql`status = ${set.status}`);
  if (set.startedAt !== undefined) sets.push(sql`started_at = ${stamp(set.startedAt)}::timestamptz`);
  if (set.dueAt !== undefined) sets.push(sql`due_at = ${stamp(set.dueAt)}::timestamptz`);
  if (set.pausedAt !== undefined) sets.push(sql`paused_at = ${stamp(set.pausedAt)}::timestamptz`);
  if (set.metAt !== undefined) sets.push(sql`met_at = ${stamp(set.metAt)}::timestamptz`);
  if (set.extensions !== undefined) sets.push(sql`extensions = ${set.extensions}`);
  if (set.ruleId !== undefined) sets.push(sql`rule_id = ${set.ruleId}::uuid`);
  if (set.unit !== undefined) sets.push(sql`unit = ${set.unit}`);
  if (set.amount !== undefined) sets.push(sql`amount = ${set.amount}`);
  if (set.resetReminders) sets.push(sql`reminder3_at = NULL, reminder1_at = NULL`);
  if (sets.length === 0) return;
  await tx.execute(sql`UPDATE case_deadlines SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/** Extra closed days of the given departments (a department's closures apply to its subtree). */
export async function listClosures(
  db: DbOrTx,
  departmentIds: string[],
): Promise<{ departmentId: string; day: string; reason: string }[]> {
  if (departmentIds.length === 0) return [];
  const result = await db.execute<{ departmentId: string; day: string; reason: string }>(sql`
    SELECT department_id AS "departmentId", day::text AS day, reason FROM sla_closures
     WHERE department_id = ANY(${sql.param(departmentIds)}::uuid[]) ORDER BY day`);
  return result.rows;
}

export async function insertClosure(
  tx: DbOrTx,
  row: { departmentId: string; day: string; reason: string; createdBy: string },
): Promise<boolean> {
  const result = await tx.execute(sql`INSERT INTO sla_closures (department_id, day, reason, created_by)
    VALUES (${row.departmentId}, ${row.day}::date, ${row.reason}, ${row.createdBy}) ON CONFLICT DO NOTHING`);
  return (result.rowCount ?? 0) > 0;
}

/** Case events by which the reporter answers a request for information. */
const ANSWER_EVENTS = sql`('reporter_message', 'reporter_supplement', 'evidence_added')`;

/** When the reporter first answered after `since` (undefined: not yet). */
export async function firstAnswerAfter(db: DbOrTx, caseId: string, since: Date): Promise<Date | undefined> {
  const result = await db.execute<{ at: string | null }>(sql`SELECT min(at) AS at FROM case_events
    WHERE case_id = ${caseId} AND type IN ${ANSWER_EVENTS} AND at > ${since.toISOString()}::timestamptz`);
  const at = result.rows[0]?.at;
  return at ? new Date(at) : undefined;
}

/** Cases with a paused deadline whose reporter has answered since it paused, with the answer's time. */
export async function pausedWithAnswer(
  db: DbOrTx,
  limit: number,
): Promise<{ caseId: string; answeredAt: Date }[]> {
  const result = await db.execute<{ caseId: string; answeredAt: string }>(sql`
    SELECT d.case_id AS "caseId", min(e.at) AS "answeredAt"
      FROM case_deadlines d JOIN case_events e ON e.case_id = d.case_id AND e.type IN ${ANSWER_EVENTS} AND e.at > d.paused_at
     WHERE d.status = 'paused'
     GROUP BY d.case_id LIMIT ${limit}`);
  return result.rows.map((r) => ({ caseId: r.caseId, answeredAt: new Date(r.answeredAt) }));
}
