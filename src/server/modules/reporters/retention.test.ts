import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { uniqueIdentity } from '../../../../test/support/pii.js';
import { multipart, png } from '../evidence/evidence.fixtures.js';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-retention-'));
  t = await createTestApp({ DATA_DIR: dataDir, RETENTION_DAYS: '365' });
});
afterAll(async () => {
  await t?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function submit(photo: Buffer) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    ...(await multipart([
      { name: 'report', value: JSON.stringify(reportBody({ reporter: uniqueIdentity() })) },
      { name: 'file', filename: '张三的截图.png', type: 'image/png', data: photo },
    ])),
  });
  expect(res.statusCode).toBe(201);
  const { rows } = await t.db.pool.query<{ case_id: string; id: string; key: string }>(
    `SELECT r.case_id, r.id, e.storage_key AS key FROM reports r JOIN evidence e ON e.report_id = r.id WHERE r.report_no = $1`,
    [res.json().reportNo],
  );
  const row = rows[0];
  if (!row) throw new Error('not stored');
  return {
    caseId: row.case_id,
    reportId: row.id,
    blob: path.join(dataDir, 'evidence', ...row.key.split('/')),
  };
}

const close = (caseId: string, daysAgo: number, state = 'closed') =>
  t.db.pool.query(
    `UPDATE cases SET state = $2, closed_at = now() - make_interval(days => $3) WHERE id = $1`,
    [caseId, state, daysAgo],
  );

describe('retention', () => {
  it('purges identities and evidence of cases closed past the retention period, once, and keeps the case', async () => {
    const shared = await png(31, 17);
    const old = await submit(shared);
    const recent = await submit(await png(33, 19));
    const appealed = await submit(await png(35, 21));
    const sibling = await submit(shared);
    await close(old.caseId, 400);
    await close(recent.caseId, 10);
    await close(appealed.caseId, 400, 'reopened');
    expect(existsSync(old.blob)).toBe(true);

    const result = await t.services.retention.purgeDue();
    expect(result).toEqual({ cases: 1, identities: 1, evidence: 1 });
    const { rows } = await t.db.pool.query(
      `SELECT c.id, c.state, c.purged_at IS NOT NULL AS purged, r.reporter_identity_id,
              (SELECT count(*)::int FROM evidence e WHERE e.report_id = r.id) AS files
         FROM cases c JOIN reports r ON r.case_id = c.id WHERE c.id = ANY($1) ORDER BY c.opened_at`,
      [[old.caseId, recent.caseId, appealed.caseId]],
    );
    expect(rows.map((r) => [r.purged, r.reporter_identity_id === null, r.files])).toEqual([
      [true, true, 0],
      [false, false, 1],
      [false, false, 1],
    ]);
    // The blob is shared with a report that is not purged: it stays.
    expect(existsSync(old.blob)).toBe(true);
    expect(old.blob).toBe(sibling.blob);
    const audit = await t.db.pool.query(
      `SELECT subject_id, payload FROM audit_log WHERE action = 'retention.purged'`,
    );
    expect(audit.rows).toEqual([
      { subject_id: old.caseId, payload: expect.objectContaining({ identities: 1, evidence: 1 }) },
    ]);
    expect(await t.services.retention.purgeDue()).toEqual({ cases: 0, identities: 0, evidence: 0 });

    await close(recent.caseId, 366);
    await t.services.retention.purgeDue();
    expect(existsSync(recent.blob)).toBe(false);
  });
});
