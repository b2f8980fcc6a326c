import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { genericPlan } from '../../../../test/support/plans.js';
import { type Database, openDatabase } from '../../platform/db/pool.js';
import { createServices, type Services } from '../../services.js';

let t: TestApp;
/** Intake on a pool of one connection, so that the statement it prepares can be explained on that connection. */
let single: Database;
let services: Services;
beforeAll(async () => {
  t = await createTestApp({ TEXT_ANALYSIS: 'inline' });
  // A few hundred open cases, with statistics that say so: the size at which a plan joining `cases` by hashing
  // looks cheapest, and stops being so as the table grows (the foreign keys are not what this is about).
  await t.db.pool.query(`BEGIN;
    SET LOCAL session_replication_role = replica;
    INSERT INTO cases (case_no, category_code, priority, department_id, state)
      SELECT 'AJ-P-' || g, 'fraud', 'normal', '00000000-0000-4000-8000-000000000000', 'received'
        FROM generate_series(1, 300) g;
    COMMIT;
    ANALYZE cases`);
  single = openDatabase(t.db.url, 1);
  services = createServices(t.config, single, t.keys);
});
afterAll(async () => {
  await services?.text.close();
  await single?.close();
  await t?.close();
});

describe("the intake statement's generic plan", () => {
  it('finds the cases whose priority a report raises by id, never by scanning cases', async () => {
    await services.intake.submit({
      channel: 'web',
      category: 'fraud',
      description: '有人冒充客服让我把钱转到安全账户，正在转账中，请马上处理',
      answers: { contactChannel: 'phone_call' },
      targets: [],
      language: 'zh-CN',
    });
    const client = await single.pool.connect();
    try {
      const plan = await genericPlan(client, 'WITH RECURSIVE kase');
      expect(plan).toMatch(/Update on cases c/);
      expect(plan).not.toMatch(/Seq Scan on cases\b/);
    } finally {
      client.release();
    }
  });
});
