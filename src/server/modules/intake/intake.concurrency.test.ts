import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { uniqueIdentity } from '../../../../test/support/pii.js';
import { verifyAudit } from '../../platform/audit/audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('concurrent intake (group commit)', () => {
  it('stores every one of many simultaneous reports once, numbered uniquely, with an intact audit chain', async () => {
    const before = await countRows(t.db);
    const responses = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          payload: reportBody({
            description: `第${i}份举报：有人冒充客服要求转账到安全账户。`,
            ...(i % 2 ? { reporter: uniqueIdentity() } : {}),
          }),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(80).fill(201));
    const bodies = responses.map((r) => r.json());
    expect(new Set(bodies.map((b) => b.reportNo)).size).toBe(80);
    expect(new Set(bodies.map((b) => b.caseNo)).size).toBe(80);
    expect(new Set(bodies.map((b) => b.receiptCode)).size).toBe(80);
    const after = await countRows(t.db);
    expect(after.reports - before.reports).toBe(80);
    expect(after.reporter_identities - before.reporter_identities).toBe(40);
    expect(after.audit_log - before.audit_log).toBe(80);
    const { rows } = await t.db.pool.query(
      `SELECT r.report_no, c.case_no, e.payload->>'reportId' AS event_report
         FROM reports r JOIN cases c ON c.id = r.case_id JOIN case_events e ON e.case_id = c.id
        WHERE r.report_no = ANY($1)`,
      [bodies.map((b) => b.reportNo)],
    );
    const byNo = new Map(rows.map((r) => [r.report_no, r]));
    for (const b of bodies) expect(byNo.get(b.reportNo)?.case_no).toBe(b.caseNo);
    expect(await verifyAudit(t.db.db)).toMatchObject({ ok: true });
  });

  it('fails only the report that the database refuses, not the others sharing its statement', async () => {
    await t.db.pool.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.description LIKE '%POISON%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/reports',
            payload: reportBody({
              description: i === 7 ? '这一份举报会被数据库拒绝 POISON' : `第${i}份正常举报的内容描述`,
            }),
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses[7]).toBe(500);
      expect(statuses.filter((s) => s === 201)).toHaveLength(29);
    } finally {
      await t.db.pool.query('DROP TRIGGER refuse_poison ON reports; DROP FUNCTION refuse_poison();');
    }
  });
});
