/**
 * Bulk loading for the console benchmark: generated batches go in as one `INSERT … SELECT FROM unnest(…)`
 * per table (search tokens turned into a tsvector by the same `array_to_tsvector` as intake), while
 * the next batch is generated. For large growth the secondary indexes are dropped first and rebuilt from
 * their own definitions afterwards (the usual bulk-load practice; the result is the same indexes). An optional
 * extension adds rows of further tables per batch (e.g. what intake writes besides the case and the report).
 */
import type pg from 'pg';
import { progressBar } from '../src/server/platform/progress.js';
import type { BenchBatch } from './console-data.js';

const TABLES = ['cases', 'reports', 'case_departments'];
const BATCH = 5_000;

async function insertBatch(client: pg.PoolClient, b: BenchBatch): Promise<void> {
  const c = b.cases;
  await client.query(
    `INSERT INTO cases (id, case_no, category_code, priority, department_id, assignee_id, state, outcome,
                        closed_at, opened_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[],
                          $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])`,
    [
      c.map((x) => x.id),
      c.map((x) => x.caseNo),
      c.map((x) => x.categoryCode),
      c.map((x) => x.priority),
      c.map((x) => x.departmentId),
      c.map((x) => x.assigneeId),
      c.map((x) => x.state),
      c.map((x) => x.outcome),
      c.map((x) => x.closedAt?.toISOString() ?? null),
      c.map((x) => x.openedAt.toISOString()),
      c.map((x) => x.updatedAt.toISOString()),
    ],
  );
  const r = b.reports;
  await client.query(
    `INSERT INTO reports (id, report_no, case_id, channel, category_code, description, answers, targets,
                          occurred_at, region_code, language, search_tokens, submitted_at)
     SELECT u.id, u.report_no, u.case_id, u.channel, u.category_code, u.description, u.answers,
            ARRAY(SELECT jsonb_array_elements_text(u.targets)), u.occurred_at, u.region_code, 'zh-CN',
            array_to_tsvector(string_to_array(u.tokens, ' ')), u.submitted_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                   $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[])
         AS u(id, report_no, case_id, channel, category_code, description, answers, targets, occurred_at,
              region_code, tokens, submitted_at)`,
    [
      r.map((x) => x.id),
      r.map((x) => x.reportNo),
      r.map((x) => x.caseId),
      r.map((x) => x.channel),
      r.map((x) => x.categoryCode),
      r.map((x) => x.description),
      r.map((x) => JSON.stringify(x.answers)),
      r.map((x) => JSON.stringify(x.targets)),
      r.map((x) => x.occurredAt?.toISOString() ?? null),
      r.map((x) => x.regionCode),
      r.map((x) => x.tokens),
      r.map((x) => x.submittedAt.toISOString()),
    ],
  );
  const p = b.previous;
  if (p.length === 0) return;
  await client.query(
    `INSERT INTO case_departments (case_id, department_id, relation, since, case_opened_at)
     SELECT u.case_id, u.department_id, 'previous', u.since, c.opened_at
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS u(case_id, department_id, since)
       JOIN cases c ON c.id = u.case_id`,
    [p.map((x) => x.caseId), p.map((x) => x.departmentId), p.map((x) => x.since.toISOString())],
  );
}

/** Cuts a batch so that it brings at most `room` reports (whole cases only). */
function trim(b: BenchBatch, room: number): BenchBatch {
  if (b.reports.length <= room) return b;
  const keep = new Set<string>();
  let n = 0;
  for (const c of b.cases) {
    const count = b.reports.filter((r) => r.caseId === c.id).length;
    if (n + count > room) break;
    n += count;
    keep.add(c.id);
  }
  return {
    cases: b.cases.filter((c) => keep.has(c.id)),
    reports: b.reports.filter((r) => keep.has(r.caseId)),
    previous: b.previous.filter((p) => keep.has(p.caseId)),
  };
}

/** Further rows per batch, for a benchmark that needs more tables filled than the console's. */
export interface LoaderExtension {
  /** Tables whose secondary indexes are dropped and rebuilt with the others' and which are VACUUM ANALYZEd. */
  tables: string[];
  /**
   * Called with each batch exactly as it will be inserted, while the previous batch is being written (so the
   * CPU work overlaps the database's); returns what inserts the extra rows, after the batch's own rows, on
   * the same connection.
   */
  prepare(batch: BenchBatch): (client: pg.PoolClient) => Promise<void>;
}

export interface Loader {
  /** Loads batches until the database holds `target` reports in total. */
  growTo(target: number, options: { rebuildIndexes: boolean }): Promise<void>;
  reports(): number;
}

export function createLoader(
  pool: pg.Pool,
  generate: (index: number, size: number) => BenchBatch,
  log: (m: string) => void,
  extension?: LoaderExtension,
): Loader {
  const tables = [...TABLES, ...(extension?.tables ?? [])];
  let loaded = 0;
  let nextBatch = 0;

  async function secondaryIndexes(client: pg.PoolClient) {
    const { rows } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def
         FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = (quote_ident(i.indexname))::regclass)`,
      [tables],
    );
    return rows;
  }

  return {
    reports: () => loaded,
    async growTo(target, { rebuildIndexes }) {
      const client = await pool.connect();
      try {
        await client.query('SET synchronous_commit = off');
        const dropped = rebuildIndexes ? await secondaryIndexes(client) : [];
        for (const index of dropped) await client.query(`DROP INDEX ${index.name}`);
        const bar = progressBar(`seeding reports to ${target.toLocaleString('en')}`);
        const startAt = loaded;
        let pending: Promise<void> | undefined;
        try {
          while (loaded < target) {
            const batch = trim(generate(nextBatch++, BATCH), target - loaded);
            const extra = extension?.prepare(batch);
            await pending;
            loaded += batch.reports.length;
            pending = insertBatch(client, batch).then(() => extra?.(client));
            bar.update(loaded - startAt, target - startAt);
          }
          await pending;
        } finally {
          bar.stop();
        }
        if (dropped.length) {
          log(`rebuilding ${dropped.length} indexes: ${dropped.map((i) => i.name).join(', ')}`);
          await client.query(`SET maintenance_work_mem = '1GB'`);
          const started = performance.now();
          for (const index of dropped) await client.query(index.def);
          log(`indexes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
        const vacuumStarted = performance.now();
        await client.query(`VACUUM ANALYZE ${tables.join(', ')}`);
        log(`VACUUM ANALYZE in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
      } finally {
        client.release();
      }
    },
  };
}
