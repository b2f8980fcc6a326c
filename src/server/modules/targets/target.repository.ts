import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryPrepared } from '../../platform/db/pool.js';
import { OPEN_STATES } from '../cases/case.states.js';
import { departmentScopeSql, type TActor } from '../org/access.policy.js';

export async function listTargetLists(db: DbOrTx): Promise<{ list: string; value: string }[]> {
  const r = await db.execute<{ list: string; value: string }>(
    sql`SELECT list, value FROM target_lists ORDER BY list, value`,
  );
  return r.rows;
}

/** Seeds lists that have no row yet (a list staff emptied on purpose keeps one `-` row, so stays empty). */
export async function seedTargetLists(db: DbOrTx, seed: Record<string, string[]>): Promise<void> {
  const lists = Object.keys(seed);
  const values = lists.flatMap((l) => (seed[l] ?? []).map((v) => [l, v] as const));
  await db.execute(sql`INSERT INTO target_lists (list, value)
    SELECT u.list, u.value FROM unnest(${sql.param(values.map((v) => v[0]))}::text[], ${sql.param(values.map((v) => v[1]))}::text[]) AS u(list, value)
     WHERE NOT EXISTS (SELECT 1 FROM target_lists t WHERE t.list = u.list)
    ON CONFLICT DO NOTHING`);
}

export async function replaceTargetList(db: DbOrTx, list: string, values: string[]): Promise<void> {
  await db.execute(sql`DELETE FROM target_lists WHERE list = ${list}`);
  const stored = values.length > 0 ? values : ['-'];
  await db.execute(
    sql`INSERT INTO target_lists (list, value) SELECT ${list}, unnest(${sql.param(stored)}::text[])`,
  );
}

export interface TCaseHit {
  id: string;
  caseNo: string;
  category: string;
  shared: number;
  openedAt: Date;
}

/**
 * One indexed round trip for many reports at once (the look-ups of concurrent submissions share it, like the
 * intake statement): for each, which candidate app names are known apps in the registry, which open cases
 * hold any of its keys (or those apps), most shared first, and the known locations (region codes staff set) of
 * its targets. Flat (no per-report subquery), so each key costs one
 * probe of `case_targets` by key and each hit one probe of `cases` by id: the cost depends on the keys' cases,
 * not on the number of stored reports or cases.
 */
export async function findCaseHits(
  db: DbOrTx,
  requests: { keys: string[]; appKeys: string[] }[],
): Promise<{ known: string[]; cases: TCaseHit[]; regions: string[] }[]> {
  const pairs = (pick: (r: { keys: string[]; appKeys: string[] }) => string[]) => {
    const index: number[] = [];
    const keys: string[] = [];
    requests.forEach((r, i) => {
      for (const key of pick(r)) {
        index.push(i);
        keys.push(key);
      }
    });
    return [sql.param(index), sql.param(keys)] as const;
  };
  const [keyIndex, keys] = pairs((r) => r.keys);
  const [appIndex, apps] = pairs((r) => r.appKeys);
  const rows = await queryPrepared<{
    i: number;
    key: string | null;
    id: string | null;
    case_no: string | null;
    category: string | null;
    shared: number | null;
    opened_at: Date | null;
    region: string | null;
  }>(
    db,
    // Every access is a probe by key or id inside a LATERAL subquery that OFFSET 0 keeps the planner from
    // flattening: the plan cannot turn into hash joins over whole tables. A prepared statement keeps its generic
    // plan until the tables are next analysed, and on a young database that grows fast (a fresh install, a
    // partner's bulk import) the plan made when `targets` held a few hundred rows scanned every target, case
    // target and open case on each look-up as they grew to thousands (3–12 ms a look-up instead of under 1).
    sql`WITH known AS (SELECT a.i, a.key FROM unnest(${appIndex}::int[], ${apps}::text[]) AS a(i, key),
                        LATERAL (SELECT 1 FROM targets t WHERE t.key = a.key AND t.status <> 'cleared' OFFSET 0) t),
      k AS (SELECT * FROM unnest(${keyIndex}::int[], ${keys}::text[]) AS x(i, key) UNION SELECT i, key FROM known),
      hits AS MATERIALIZED (SELECT k.i, ct.case_id, count(*)::int AS shared
                              FROM k, LATERAL (SELECT ct.case_id FROM case_targets ct
                                                WHERE ct.target_key = k.key OFFSET 0) ct
                             GROUP BY k.i, ct.case_id)
    SELECT h.i, NULL AS key, c.id, c.case_no, c.category_code AS category, h.shared, c.opened_at, NULL AS region
      FROM hits h, LATERAL (SELECT c.id, c.case_no, c.category_code, c.opened_at FROM cases c
                             WHERE c.id = h.case_id AND c.state = ANY(${sql.param([...OPEN_STATES])}::text[]) OFFSET 0) c
    UNION ALL
    SELECT i, key, NULL, NULL, NULL, NULL, NULL, NULL FROM known
    UNION ALL
    SELECT k.i, NULL, NULL, NULL, NULL, NULL, NULL, t.region_code::text
      FROM k, LATERAL (SELECT t.region_code FROM targets t
                        WHERE t.key = k.key AND t.region_code IS NOT NULL OFFSET 0) t`,
  );
  const out = requests.map(() => ({
    known: [] as string[],
    cases: [] as TCaseHit[],
    regions: [] as string[],
  }));
  for (const r of rows) {
    const entry = out[r.i];
    if (!entry) continue;
    if (r.key !== null) entry.known.push(r.key);
    else if (r.region !== null) entry.regions.push(r.region);
    else if (r.id && r.case_no && r.category && r.opened_at)
      entry.cases.push({
        id: r.id,
        caseNo: r.case_no,
        category: r.category,
        shared: r.shared ?? 0,
        openedAt: r.opened_at,
      });
  }
  for (const entry of out)
    entry.cases.sort((a, b) => b.shared - a.shared || a.openedAt.getTime() - b.openedAt.getTime());
  return out;
}

export interface TClusterRow {
  reportId: string;
  caseId: string;
  newCase: boolean;
  /** key → text as written; derived keys too. */
  targets: {
    key: string;
    kind: string;
    normalized: string;
    value: string;
    derived: boolean;
    generic: boolean;
  }[];
  simhash: bigint;
  bands: number[];
}

/**
 * Statement part (CTEs, each followed by a comma) for the intake statement: report targets, case targets,
 * the registry (counts of reports and cases), first reports of new cases, and fingerprints.
 */
export function clusterStatementPart(rows: TClusterRow[]): SQL {
  const rt: (TClusterRow['targets'][number] & { reportId: string; caseId: string })[] = [];
  for (const r of rows) {
    // A report holds a target once (the key of report_targets): the first as written. So its rows are a plain
    // INSERT: no conflict can arise, and ON CONFLICT's speculative insertion made each row dearer.
    const keys = new Set<string>();
    for (const t of r.targets) {
      if (keys.has(t.key)) continue;
      keys.add(t.key);
      // Members written out: on Node 20 (V8 11), `{ ...t, more }` costs ~2.5 µs an object, a hundred times this.
      rt.push({
        key: t.key,
        kind: t.kind,
        normalized: t.normalized,
        value: t.value,
        derived: t.derived,
        generic: t.generic,
        reportId: r.reportId,
        caseId: r.caseId,
      });
    }
  }
  const col = <T>(f: (t: (typeof rt)[number]) => T) => sql.param(rt.map(f));
  // Case targets and the registry: insert-only (ON CONFLICT DO NOTHING), sorted: concurrent statements never wait
  // on each other's rows, and never deadlock. Counts and last-seen are read from report_targets (indexed by key)
  // when the registry is shown.
  const reg = [...new Map(rt.map((t) => [t.key, t])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const ct = [...new Map(rt.filter((t) => !t.generic).map((t) => [`${t.key} ${t.caseId}`, t])).values()].sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.caseId < b.caseId ? -1 : 1),
  );
  const firsts = rows.filter((r) => r.newCase);
  return sql`tg_rt AS (INSERT INTO report_targets (report_id, target_key, case_id, value, derived, generic)
      SELECT * FROM unnest(${col((t) => t.reportId)}::uuid[], ${col((t) => t.key)}::text[], ${col((t) => t.caseId)}::uuid[],
        ${col((t) => t.value)}::text[], ${col((t) => t.derived)}::boolean[], ${col((t) => t.generic)}::boolean[])),
    tg_ct AS (INSERT INTO case_targets (target_key, case_id)
      SELECT * FROM unnest(${sql.param(ct.map((c) => c.key))}::text[], ${sql.param(ct.map((c) => c.caseId))}::uuid[])
      ON CONFLICT DO NOTHING),
    tg_reg AS (INSERT INTO targets (key, kind, normalized)
      SELECT * FROM unnest(${sql.param(reg.map((r) => r.key))}::text[], ${sql.param(reg.map((r) => r.kind))}::text[],
          ${sql.param(reg.map((r) => r.normalized))}::text[])
      ON CONFLICT DO NOTHING),
    tg_first AS (INSERT INTO case_first_reports (case_id, report_id)
      SELECT * FROM unnest(${sql.param(firsts.map((r) => r.caseId))}::uuid[], ${sql.param(firsts.map((r) => r.reportId))}::uuid[])
      ON CONFLICT DO NOTHING),
    tg_fp AS (INSERT INTO report_fingerprints (report_id, simhash, bands)
      SELECT u.id, u.h, ARRAY[u.b0, u.b1, u.b2, u.b3]
        FROM unnest(${sql.param(rows.map((r) => r.reportId))}::uuid[], ${sql.param(rows.map((r) => r.simhash.toString()))}::bigint[],
          ${sql.param(rows.map((r) => r.bands[0] ?? 0))}::int[], ${sql.param(rows.map((r) => r.bands[1] ?? 0))}::int[],
          ${sql.param(rows.map((r) => r.bands[2] ?? 0))}::int[], ${sql.param(rows.map((r) => r.bands[3] ?? 0))}::int[])
          AS u(id, h, b0, b1, b2, b3)),`;
}

export interface TRegistryEntry {
  key: string;
  kind: string;
  normalized: string;
  status: string;
  regionCode: string | null;
  firstSeen: Date | string;
  /** `firstSeen` to the microsecond (ISO, UTC), for the keyset cursor (a Date keeps milliseconds only). */
  firstSeenExact: string;
  lastSeen: Date | string | null;
  reportCount: number;
  caseCount: number;
  cases: { id: string; caseNo: string }[];
}

export interface TRegistryFilter {
  /** Exact keys (a search that normalised to targets). */
  keys?: string[] | undefined;
  /** Lowercase text the normalised form must contain (a search that did not). */
  contains?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  /** Keyset: rows strictly after this one in (first seen, key) descending order. */
  before?: { firstSeen: string; key: string } | undefined;
  limit: number;
  maxCases: number;
}

/**
 * One page of the registry, newest first by (first_seen, key), with counts (global figures: they reveal no
 * case) and the cases the actor may see: those in the actor's subtree now or held before by one of its
 * departments (`case_departments`), newest first, at most `maxCases`.
 *
 * The page is chosen first (a materialised CTE), so the per-target reads run for its rows only. Exact keys
 * are primary-key probes; the other filters read `targets` in full and sort it (top-N): `targets` is written
 * by intake on every report and carries no index besides its key on purpose, so a substring search or a plain
 * listing is a scan whose answer is bounded by the limit.
 */
export async function findRegistryEntries(
  db: DbOrTx,
  actor: Pick<TActor, 'departmentPath'>,
  f: TRegistryFilter,
): Promise<TRegistryEntry[]> {
  const where: SQL[] = [];
  if (f.keys) where.push(sql`t.key = ANY(${sql.param(f.keys)}::text[])`);
  if (f.contains) where.push(sql`strpos(lower(t.normalized), ${f.contains}) > 0`);
  if (f.kind) where.push(sql`t.kind = ${f.kind}`);
  if (f.status) where.push(sql`t.status = ${f.status}`);
  if (f.before)
    where.push(sql`(t.first_seen, t.key) < (${f.before.firstSeen}::timestamptz, ${f.before.key}::text)`);
  const conditions = where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const r = await db.execute<TRegistryEntry & Record<string, unknown>>(sql`
    WITH page AS MATERIALIZED (
      SELECT t.key, t.kind, t.normalized, t.status, t.region_code, t.first_seen FROM targets t ${conditions}
       ORDER BY t.first_seen DESC, t.key DESC LIMIT ${f.limit})
    SELECT p.key, p.kind, p.normalized, p.status, p.region_code AS "regionCode", p.first_seen AS "firstSeen",
           to_char(p.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "firstSeenExact",
           s.last_seen AS "lastSeen", coalesce(s.reports, 0)::int AS "reportCount",
           coalesce(s.cases, 0)::int AS "caseCount", coalesce(v.cases, '[]'::json) AS cases
      FROM page p
      LEFT JOIN LATERAL (SELECT max(r.submitted_at) AS last_seen, count(*) AS reports, count(DISTINCT r.case_id) AS cases
                           FROM report_targets rt JOIN reports r ON r.id = rt.report_id WHERE rt.target_key = p.key) s ON true
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('id', c.id, 'caseNo', c.case_no) ORDER BY c.opened_at DESC, c.id DESC) AS cases
          FROM (SELECT c.id, c.case_no, c.opened_at FROM cases c
                 WHERE c.id IN (SELECT r.case_id FROM report_targets rt JOIN reports r ON r.id = rt.report_id
                                 WHERE rt.target_key = p.key)
                   AND (${departmentScopeSql(actor, sql`c.department_id`)}
                        OR EXISTS (SELECT 1 FROM case_departments cd
                                    WHERE cd.case_id = c.id AND ${departmentScopeSql(actor, sql`cd.department_id`)}))
                 ORDER BY c.opened_at DESC, c.id DESC LIMIT ${f.maxCases}) c) v ON true
     ORDER BY p.first_seen DESC, p.key DESC`);
  return r.rows;
}

/** The values of one list, locked against a concurrent replacement until the transaction ends. */
export async function lockTargetList(tx: DbOrTx, list: string): Promise<string[]> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`target_list:${list}`}))`);
  const r = await tx.execute<{ value: string }>(sql`SELECT value FROM target_lists WHERE list = ${list}`);
  return r.rows.map((row) => row.value);
}

export async function setTargetStatus(db: DbOrTx, key: string, status: string): Promise<boolean> {
  const r = await db.execute(sql`UPDATE targets SET status = ${status} WHERE key = ${key}`);
  return (r.rowCount ?? 0) > 0;
}

export async function setTargetLocation(
  db: DbOrTx,
  key: string,
  regionCode: string | null,
): Promise<boolean> {
  const r = await db.execute(sql`UPDATE targets SET region_code = ${regionCode} WHERE key = ${key}`);
  return (r.rowCount ?? 0) > 0;
}

/** After reports moved between cases: their target rows follow, and both cases' target sets are rebuilt. */
export async function followReports(tx: DbOrTx, reportIds: string[], toCaseId: string, caseIds: string[]) {
  await tx.execute(
    sql`UPDATE report_targets SET case_id = ${toCaseId} WHERE report_id = ANY(${sql.param(reportIds)}::uuid[])`,
  );
  await tx.execute(sql`DELETE FROM case_targets WHERE case_id = ANY(${sql.param(caseIds)}::uuid[])`);
  // Open cases only (see migration 0027: closed cases have no case_targets rows).
  await tx.execute(sql`INSERT INTO case_targets (target_key, case_id)
    SELECT DISTINCT rt.target_key, rt.case_id FROM report_targets rt JOIN cases c ON c.id = rt.case_id
     WHERE rt.case_id = ANY(${sql.param(caseIds)}::uuid[]) AND NOT rt.generic
       AND c.state = ANY(${sql.param([...OPEN_STATES])}::text[])
    ON CONFLICT DO NOTHING`);
}

/**
 * Open cases with a report whose SimHash is within `maxDistance` bits of one of this case's reports
 * (candidates found through the shared 16-bit bands) — "possibly the same incident", never merged alone.
 */
export async function nearDuplicateCases(db: DbOrTx, caseId: string, maxDistance = 3): Promise<string[]> {
  const result = await db.execute<{ case_id: string }>(sql`
    SELECT DISTINCT r2.case_id
      FROM reports r1 JOIN report_fingerprints f1 ON f1.report_id = r1.id
      JOIN report_fingerprints f2 ON f2.bands && f1.bands AND f2.report_id <> f1.report_id
      JOIN reports r2 ON r2.id = f2.report_id
      JOIN cases c2 ON c2.id = r2.case_id
     WHERE r1.case_id = ${caseId} AND r2.case_id <> ${caseId}
       AND c2.state IN ('received', 'accepted', 'verifying', 'awaiting_info', 'decided', 'actioned', 'reopened')
       AND bit_count((f1.simhash # f2.simhash)::bit(64)) <= ${maxDistance}
     LIMIT 20`);
  return result.rows.map((r) => r.case_id);
}
