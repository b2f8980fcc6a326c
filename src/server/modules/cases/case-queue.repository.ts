import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TCaseState } from './case.tables.js';

export interface TQueueFilter {
  /** Departments whose cases the actor owns (subtree), and departments that held cases before. */
  ownDepartmentIds: string[];
  previousDepartmentIds: string[];
  states?: TCaseState[];
  categories?: string[];
  priorities?: string[];
  channel?: string;
  departmentIds?: string[];
  assigneeId?: string | null;
  openedFrom?: Date;
  openedTo?: Date;
  closedSince?: Date;
  /** Search tokens (jieba), all of which must match a report's description. */
  searchTokens?: string[];
  /** Keyset: continue after this (opened_at, id). */
  after?: { openedAt: Date; id: string };
  direction: 'desc' | 'asc';
  limit: number;
}

export interface TQueueRow {
  id: string;
  caseNo: string;
  state: TCaseState;
  categoryCode: string;
  priority: string;
  departmentId: string;
  assigneeId: string | null;
  openedAt: Date;
  updatedAt: Date;
  reportCount: number;
  highlight: string | null;
}

/** The same parser that built the stored vectors, so tokens match exactly; words are ANDed. */
function tsquery(tokens: string[]): SQL {
  return sql`plainto_tsquery('simple', ${tokens.join(' ')})`;
}

/**
 * One page of cases visible to the actor, newest (or oldest) first, keyset-paginated on (opened_at, id).
 * With search tokens, only cases with a report matching all of them, with the best match highlighted.
 */
export async function queryQueue(db: DbOrTx, f: TQueueFilter): Promise<TQueueRow[]> {
  const where: SQL[] = [
    f.previousDepartmentIds.length
      ? sql`(c.department_id = ANY(${sql.param(f.ownDepartmentIds)}::uuid[]) OR EXISTS (
          SELECT 1 FROM case_departments cd WHERE cd.case_id = c.id
             AND cd.department_id = ANY(${sql.param(f.previousDepartmentIds)}::uuid[])))`
      : sql`c.department_id = ANY(${sql.param(f.ownDepartmentIds)}::uuid[])`,
  ];
  if (f.states?.length) where.push(sql`c.state = ANY(${sql.param(f.states)}::text[])`);
  if (f.categories?.length) where.push(sql`c.category_code = ANY(${sql.param(f.categories)}::text[])`);
  if (f.priorities?.length) where.push(sql`c.priority = ANY(${sql.param(f.priorities)}::text[])`);
  if (f.departmentIds) where.push(sql`c.department_id = ANY(${sql.param(f.departmentIds)}::uuid[])`);
  if (f.assigneeId !== undefined) {
    where.push(f.assigneeId === null ? sql`c.assignee_id IS NULL` : sql`c.assignee_id = ${f.assigneeId}`);
  }
  if (f.openedFrom) where.push(sql`c.opened_at >= ${f.openedFrom.toISOString()}::timestamptz`);
  if (f.openedTo) where.push(sql`c.opened_at < ${f.openedTo.toISOString()}::timestamptz`);
  if (f.closedSince) where.push(sql`c.closed_at >= ${f.closedSince.toISOString()}::timestamptz`);
  if (f.channel)
    where.push(sql`EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id AND r.channel = ${f.channel})`);
  const search = f.searchTokens?.length ? tsquery(f.searchTokens) : undefined;
  if (search)
    where.push(sql`EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id AND r.search_tokens @@ ${search})`);
  if (f.after) {
    const cmp = f.direction === 'desc' ? sql`<` : sql`>`;
    where.push(
      sql`(c.opened_at, c.id) ${cmp} (${f.after.openedAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    );
  }
  const order = f.direction === 'desc' ? sql`c.opened_at DESC, c.id DESC` : sql`c.opened_at ASC, c.id ASC`;
  // The first matching description; highlighting happens in the service (ts_headline cannot split Chinese).
  const highlight = search
    ? sql`(SELECT r.description FROM reports r WHERE r.case_id = c.id AND r.search_tokens @@ ${search}
            ORDER BY r.submitted_at LIMIT 1)`
    : sql`NULL::text`;
  const result = await db.execute<TQueueRow & Record<string, unknown>>(sql`
    SELECT c.id, c.case_no AS "caseNo", c.state, c.category_code AS "categoryCode", c.priority,
           c.department_id AS "departmentId", c.assignee_id AS "assigneeId", c.opened_at AS "openedAt",
           c.updated_at AS "updatedAt",
           (SELECT count(*)::int FROM reports r WHERE r.case_id = c.id) AS "reportCount",
           ${highlight} AS highlight
      FROM cases c
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY ${order}
     LIMIT ${f.limit}`);
  return result.rows.map((r) => ({ ...r, openedAt: new Date(r.openedAt), updatedAt: new Date(r.updatedAt) }));
}

/** The reports of a case for staff (no identity: only whether there is one). */
export async function listCaseReports(db: DbOrTx, caseId: string) {
  const result = await db.execute<{
    id: string;
    reportNo: string;
    channel: string;
    categoryCode: string;
    description: string;
    answers: Record<string, unknown>;
    targets: string[];
    occurredAt: Date | null;
    regionCode: string | null;
    hasIdentity: boolean;
    language: string;
    submittedAt: Date;
  }>(sql`
    SELECT id, report_no AS "reportNo", channel, category_code AS "categoryCode", description, answers, targets,
           occurred_at AS "occurredAt", region_code AS "regionCode", reporter_identity_id IS NOT NULL AS "hasIdentity",
           language, submitted_at AS "submittedAt"
      FROM reports WHERE case_id = ${caseId} ORDER BY submitted_at, id`);
  return result.rows.map((r) => ({
    ...r,
    occurredAt: r.occurredAt ? new Date(r.occurredAt) : null,
    submittedAt: new Date(r.submittedAt),
  }));
}
