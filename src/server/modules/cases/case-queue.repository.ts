import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { lexemeQuery } from '../../platform/text/segment.js';
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
  /** Only cases with a running deadline due in [dueFrom, dueBefore) (the due_soon and overdue queues). */
  dueFrom?: Date;
  dueBefore?: Date;
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
  /** The earliest running deadline of the case and its stage (issue 8). */
  nextDueAt: Date | null;
  nextStage: string | null;
}

/** The query's tokens as lexemes (the stored vectors are the reports' tokens as lexemes too); words are ANDed. */
function tsquery(tokens: string[]): SQL {
  return sql`${lexemeQuery(tokens)}::tsquery`;
}

/**
 * One page of cases visible to the actor, newest (or oldest) first, keyset-paginated on (opened_at, id).
 * With search tokens, only cases with a report matching all of them, with the best match highlighted.
 */
export async function queryQueue(db: DbOrTx, f: TQueueFilter): Promise<TQueueRow[]> {
  const result = await db.execute<TQueueRow & Record<string, unknown>>(queueStatement(f));
  return result.rows.map((r) => ({
    ...r,
    openedAt: new Date(r.openedAt),
    updatedAt: new Date(r.updatedAt),
    nextDueAt: r.nextDueAt ? new Date(r.nextDueAt) : null,
  }));
}

/**
 * The statement behind `queryQueue` (exported for EXPLAIN in the console benchmark).
 *
 * Shaped so that a page costs about the same at 10,000 or 1,000,000 cases: each owned department is read
 * on its own (LATERAL), newest first, from an index on (department_id, opened_at, id) — a partial one for the
 * open states — stopping after one page; cases the actor's departments held before come from a second branch
 * (a UNION instead of `OR EXISTS`, which no index serves). Only the page's rows get counts and highlights.
 */
export function queueStatement(f: TQueueFilter): SQL {
  const filters: SQL[] = [];
  if (f.states?.length) filters.push(sql`c.state = ANY(${sql.param(f.states)}::text[])`);
  if (f.categories?.length) filters.push(sql`c.category_code = ANY(${sql.param(f.categories)}::text[])`);
  if (f.priorities?.length) filters.push(sql`c.priority = ANY(${sql.param(f.priorities)}::text[])`);
  if (f.departmentIds) filters.push(sql`c.department_id = ANY(${sql.param(f.departmentIds)}::uuid[])`);
  if (f.assigneeId !== undefined) {
    filters.push(f.assigneeId === null ? sql`c.assignee_id IS NULL` : sql`c.assignee_id = ${f.assigneeId}`);
  }
  if (f.openedFrom) filters.push(sql`c.opened_at >= ${f.openedFrom.toISOString()}::timestamptz`);
  if (f.openedTo) filters.push(sql`c.opened_at < ${f.openedTo.toISOString()}::timestamptz`);
  if (f.closedSince) filters.push(sql`c.closed_at >= ${f.closedSince.toISOString()}::timestamptz`);
  if (f.dueBefore || f.dueFrom) {
    const from = f.dueFrom ? sql` AND dl.due_at >= ${f.dueFrom.toISOString()}::timestamptz` : sql``;
    const before = f.dueBefore ? sql` AND dl.due_at < ${f.dueBefore.toISOString()}::timestamptz` : sql``;
    filters.push(
      sql`c.id IN (SELECT dl.case_id FROM case_deadlines dl WHERE dl.status = 'running'${from}${before})`,
    );
  }
  if (f.channel)
    filters.push(sql`EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id AND r.channel = ${f.channel})`);
  const search = f.searchTokens?.length ? tsquery(f.searchTokens) : undefined;
  if (search)
    filters.push(
      sql`EXISTS (SELECT 1 FROM reports r WHERE r.case_id = c.id AND r.search_tokens @@ ${search})`,
    );
  if (f.after) {
    const cmp = f.direction === 'desc' ? sql`<` : sql`>`;
    filters.push(
      sql`(c.opened_at, c.id) ${cmp} (${f.after.openedAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    );
  }
  const and = filters.length ? sql` AND ${sql.join(filters, sql` AND `)}` : sql``;
  const order = f.direction === 'desc' ? sql`c.opened_at DESC, c.id DESC` : sql`c.opened_at ASC, c.id ASC`;
  const own = f.departmentIds
    ? f.ownDepartmentIds.filter((id) => f.departmentIds?.includes(id))
    : f.ownDepartmentIds;
  const branches: SQL[] = [
    sql`SELECT p.id FROM unnest(${sql.param(own)}::uuid[]) AS d(id) CROSS JOIN LATERAL (
          SELECT c.id FROM cases c WHERE c.department_id = d.id${and} ORDER BY ${order} LIMIT ${f.limit}) p`,
  ];
  if (f.previousDepartmentIds.length) {
    // Cases the actor's departments held before: read per department, newest first, from
    // case_departments (department_id, case_opened_at, case_id), like the owned ones.
    const cdOrder =
      f.direction === 'desc'
        ? sql`cd.case_opened_at DESC, cd.case_id DESC`
        : sql`cd.case_opened_at ASC, cd.case_id ASC`;
    const cdAfter = f.after
      ? sql` AND (cd.case_opened_at, cd.case_id) ${f.direction === 'desc' ? sql`<` : sql`>`} (${f.after.openedAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`
      : sql``;
    branches.push(sql`SELECT p.id FROM unnest(${sql.param(f.previousDepartmentIds)}::uuid[]) AS d(id) CROSS JOIN LATERAL (
          SELECT c.id FROM case_departments cd JOIN cases c ON c.id = cd.case_id
           WHERE cd.department_id = d.id${cdAfter}${and} ORDER BY ${cdOrder} LIMIT ${f.limit}) p`);
  }
  // The first matching description; highlighting happens in the service (ts_headline cannot split Chinese).
  const highlight = search
    ? sql`(SELECT r.description FROM reports r WHERE r.case_id = c.id AND r.search_tokens @@ ${search}
            ORDER BY r.submitted_at LIMIT 1)`
    : sql`NULL::text`;
  return sql`
    SELECT c.id, c.case_no AS "caseNo", c.state, c.category_code AS "categoryCode", c.priority,
           c.department_id AS "departmentId", c.assignee_id AS "assigneeId", c.opened_at AS "openedAt",
           c.updated_at AS "updatedAt",
           (SELECT count(*)::int FROM reports r WHERE r.case_id = c.id) AS "reportCount",
           ${highlight} AS highlight, nd.due_at AS "nextDueAt", nd.stage AS "nextStage"
      FROM cases c
      LEFT JOIN LATERAL (SELECT dl.due_at, dl.stage FROM case_deadlines dl
                          WHERE dl.case_id = c.id AND dl.status = 'running' ORDER BY dl.due_at LIMIT 1) nd ON true
     WHERE c.id IN (${sql.join(branches, sql` UNION ALL `)})
     ORDER BY ${order}
     LIMIT ${f.limit}`;
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
