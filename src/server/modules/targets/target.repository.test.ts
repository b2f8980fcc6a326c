import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { genericPlan } from '../../../../test/support/plans.js';
import { findCaseHits } from './target.repository.js';

let db: TestDatabase;
/** One connection, so that the prepared statement findCaseHits leaves behind can be explained on it. */
let client: pg.Client;
const ROWS = 3000;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // A registry of a few thousand targets, each in its own open case, with statistics that say so. The
  // foreign keys of `cases` are not what this is about, so their triggers are skipped while filling.
  await client.query(`BEGIN;
    SET LOCAL session_replication_role = replica;
    INSERT INTO cases (id, case_no, category_code, priority, department_id, state)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'AJ-T-' || g, 'fraud', 'normal',
             '00000000-0000-4000-8000-000000000000', 'received'
        FROM generate_series(1, ${ROWS}) g;
    INSERT INTO targets (key, kind, normalized, region_code)
      SELECT 'domain|t' || g || '.example', 'domain', 't' || g || '.example', CASE WHEN g % 2 = 0 THEN '440300' END
        FROM generate_series(1, ${ROWS}) g;
    INSERT INTO targets (key, kind, normalized) VALUES ('app|金牛理财', 'app', '金牛理财');
    INSERT INTO case_targets (target_key, case_id)
      SELECT 'domain|t' || g || '.example', ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid
        FROM generate_series(1, ${ROWS}) g;
    COMMIT;
    ANALYZE cases, targets, case_targets`);
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('the clustering look-up (findCaseHits)', () => {
  it('finds open cases by shared key, known apps and known locations for each report of a batch', async () => {
    const [first, second] = await findCaseHits(drizzle({ client }), [
      { keys: ['domain|t2.example', 'domain|t3.example', 'phone|+8613800000000'], appKeys: ['app|金牛理财'] },
      { keys: ['domain|t9999.example'], appKeys: ['app|无名'] },
    ]);
    expect(first?.cases.map((c) => c.caseNo).sort()).toEqual(['AJ-T-2', 'AJ-T-3']);
    expect(first?.known).toEqual(['app|金牛理财']);
    expect(first?.regions).toEqual(['440300']);
    expect(second).toEqual({ known: [], cases: [], regions: [] });
  });

  it('probes by key and id in its generic plan, never scanning targets, case targets or cases', async () => {
    // A prepared statement keeps its generic plan, made from the statistics of its time, until the tables are
    // analysed again: a plan of hash joins over whole tables made while they were small scans every row on each
    // look-up as they grow. The statement is written so that no such plan exists.
    await findCaseHits(drizzle({ client }), [{ keys: ['domain|t5.example'], appKeys: [] }]);
    const text = await genericPlan(client, 'WITH known');
    expect(text).toMatch(/Index Scan using targets_pkey/);
    expect(text).not.toMatch(/Seq Scan on (targets|case_targets|cases)\b/);
  });
});
