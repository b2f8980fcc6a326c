import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  reportBody,
  staffClient,
  type TestApp,
  type TStaffClient,
} from '../../../../test/support/app.js';

let t: TestApp;
let gz: TStaffClient;
beforeAll(async () => {
  t = await createTestApp();
  gz = staffClient(
    t.app,
    await t.staffSession({ username: 'mg.h.gz', departmentCode: 'GZ', roles: ['handler'] }),
  );
});
afterAll(() => t.close());

async function newCase(targets: string[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: reportBody({ targets }),
  });
  const { rows } = await t.db.pool.query<{ id: string; case_id: string }>(
    'SELECT id, case_id FROM reports WHERE report_no = $1',
    [res.json().reportNo],
  );
  return { caseId: rows[0]?.case_id ?? '', reportId: rows[0]?.id ?? '' };
}

/** Every report is in exactly one existing case; returns case → report ids. */
async function membership(caseIds: string[]) {
  const { rows } = await t.db.pool.query<{ case_id: string; id: string }>(
    'SELECT case_id, id FROM reports WHERE case_id = ANY($1) ORDER BY submitted_at',
    [caseIds],
  );
  const orphans = await t.db.pool.query(
    'SELECT count(*)::int AS n FROM reports r LEFT JOIN cases c ON c.id = r.case_id WHERE c.id IS NULL',
  );
  expect(orphans.rows[0].n).toBe(0);
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), r.id]);
  return map;
}

const events = async (caseId: string) =>
  (
    await t.db.pool.query<{ type: string }>('SELECT type FROM case_events WHERE case_id = $1 ORDER BY id', [
      caseId,
    ])
  ).rows.map((r) => r.type);

describe('merge, split and undo', () => {
  it('keeps every report in exactly one case, with both timelines and the first report recorded', async () => {
    const a = await newCase(['https://scam-a-merge.cn', '13900007001']);
    const b = await newCase(['https://scam-b-merge.cn', '13900007002']);
    const merged = await gz.post(`/api/v1/cases/${b.caseId}/merge`, {
      intoCaseId: a.caseId,
      reason: '同一团伙',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await membership([a.caseId, b.caseId])).get(a.caseId)).toEqual([a.reportId, b.reportId]);
    expect((await t.db.pool.query('SELECT state FROM cases WHERE id = $1', [b.caseId])).rows[0].state).toBe(
      'merged',
    );
    expect(await events(b.caseId)).toContain('case_merged_into');
    expect(await events(a.caseId)).toContain('case_merged_from');
    // A new report naming b's target now joins a (b's targets moved with its report).
    const c = await newCase(['13900007002']);
    expect(c.caseId).toBe(a.caseId);

    const split = await gz.post(`/api/v1/cases/${a.caseId}/split`, {
      reportId: c.reportId,
      reason: '另一起事件',
    });
    expect(split.statusCode, split.body).toBe(200);
    const cases = await membership([a.caseId, split.json().caseId]);
    expect(cases.get(split.json().caseId)).toEqual([c.reportId]);
    expect(await events(a.caseId)).toContain('case_split');

    const undone = await gz.post(`/api/v1/merges/${merged.json().mergeId}/undo`, { reason: '误合并' });
    expect(undone.json()).toEqual({ reports: 1 });
    const after = await membership([a.caseId, b.caseId, split.json().caseId]);
    expect(after.get(a.caseId)).toEqual([a.reportId]);
    expect(after.get(b.caseId)).toEqual([b.reportId]);
    expect(after.get(split.json().caseId)).toEqual([c.reportId]);
    expect((await t.db.pool.query('SELECT state FROM cases WHERE id = $1', [b.caseId])).rows[0].state).toBe(
      'received',
    );
    const first = await t.db.pool.query(
      'SELECT case_id, report_id FROM case_first_reports WHERE case_id = ANY($1)',
      [[a.caseId, b.caseId]],
    );
    expect(Object.fromEntries(first.rows.map((r) => [r.case_id, r.report_id]))).toEqual({
      [a.caseId]: a.reportId,
      [b.caseId]: b.reportId,
    });
    expect(
      (await gz.post(`/api/v1/merges/${merged.json().mergeId}/undo`, { reason: 'again' })).statusCode,
    ).toBe(409);
    expect(
      (await gz.post(`/api/v1/cases/${a.caseId}/merge`, { intoCaseId: a.caseId, reason: 'x' })).statusCode,
    ).toBe(409);
  });
});
