import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, staffClient, type TestApp } from '../../../../test/support/app.js';
import type { TRole } from '../org/access.policy.js';
import type { TTestSession } from '../org/staff.testing.js';

let t: TestApp;
const sessions = new Map<string, TTestSession>();

async function staff(name: string, departmentCode: string, roles: TRole[]) {
  sessions.set(
    name,
    await t.staffSession({ username: name, departmentCode, roles, totp: roles.includes('supervisor') }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await staff('reg.sup.gd', 'GD', ['supervisor']);
  await staff('reg.h.gz', 'GZ', ['handler']);
  await staff('reg.h.sz', 'SZ', ['handler']);
  await staff('reg.h.zj', 'ZJ', ['handler']);
});
afterAll(() => t.close());

function as(who: string) {
  const s = sessions.get(who);
  if (!s) throw new Error(who);
  return staffClient(t.app, s);
}

interface TEntry {
  key: string;
  reportCount: number;
  caseCount: number;
  cases: { id: string; caseNo: string }[];
}

async function registry(who: string, params: Record<string, string>) {
  const res = await as(who).get(`/api/v1/targets?${new URLSearchParams(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: TEntry[]; next: string | null };
}

/** A web report; its case's id and number. */
async function report(overrides: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  const caseNo = res.json().caseNo as string;
  const { rows } = await t.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE case_no = $1', [caseNo]);
  return { id: rows[0]?.id as string, caseNo };
}

const rand = () => randomBytes(4).toString('hex');
const HZ = { category: 'rumor', answers: {}, regionCode: '330106' };

describe('the registry reveals only the cases the caller may see', () => {
  it('lists in-scope and previously held cases with their numbers; counts stay global', async () => {
    const url = `https://scope-${rand()}.cn/pay`;
    const gz = await report({ targets: [url] });
    const hz = await report({ ...HZ, targets: [url] });
    expect(hz.id).not.toBe(gz.id);
    const entry = async (who: string) =>
      (await registry(who, { q: url })).items.find((e) => e.key.startsWith('url|')) as TEntry;

    expect(await entry('reg.sup.gd')).toMatchObject({ reportCount: 2, caseCount: 2, cases: [gz] });
    expect(await entry('reg.h.zj')).toMatchObject({ reportCount: 2, caseCount: 2, cases: [hz] });
    const sz = await registry('reg.h.sz', { q: url });
    expect(sz.items[0]).toMatchObject({ reportCount: 2, caseCount: 2, cases: [] });
    for (const id of [gz.id, gz.caseNo, hz.id, hz.caseNo]) expect(JSON.stringify(sz)).not.toContain(id);
    expect(JSON.stringify(await registry('reg.h.zj', { q: url }))).not.toContain(gz.caseNo);

    // Transferred to SZ: SZ sees it now, GZ (which held it) still does, ZJ still does not.
    const moved = await as('reg.h.gz').post(`/api/v1/cases/${gz.id}/transfer`, {
      departmentCode: 'SZ',
      reason: '涉案网站在深圳注册',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await entry('reg.h.sz')).cases).toEqual([gz]);
    expect((await entry('reg.h.gz')).cases).toEqual([gz]);
    expect((await entry('reg.h.zj')).cases).toEqual([hz]);
  });

  it('lists at most 50 cases per target, newest first', async () => {
    const domain = `cap-${rand()}.cn`;
    // A generic target joins no case, so every report naming it opens its own.
    const lists = (await as('reg.sup.gd').get('/api/v1/targets/lists')).json();
    const saved = await as('reg.sup.gd').put('/api/v1/targets/lists/generic', {
      values: [...lists.generic, `domain|${domain}`],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (let i = 0; i < 51; i++) await report({ targets: [domain] });
    const [entry] = (await registry('reg.sup.gd', { q: domain })).items;
    expect(entry).toMatchObject({ key: `domain|${domain}`, reportCount: 51, caseCount: 51 });
    const { rows } = await t.db.pool.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.id IN (SELECT r.case_id FROM report_targets rt JOIN reports r ON r.id = rt.report_id
        WHERE rt.target_key = $1) ORDER BY c.opened_at DESC, c.id DESC LIMIT 50`,
      [`domain|${domain}`],
    );
    expect(entry?.cases.map((c) => c.id)).toEqual(rows.map((r) => r.id));
  });

  it('answers with exactly the documented fields', async () => {
    const url = `https://shape-${rand()}.cn/x`;
    await report({ targets: [url] });
    const [entry] = (await registry('reg.sup.gd', { q: url, kind: 'url' })).items;
    expect(Object.keys(entry ?? {}).sort()).toEqual(
      [
        'caseCount',
        'cases',
        'firstSeen',
        'key',
        'kind',
        'lastSeen',
        'normalized',
        'regionCode',
        'reportCount',
        'status',
      ].sort(),
    );
  });
});

describe('registry search', () => {
  it('finds a pasted URL or phone in any written form exactly, and other text inside normal forms', async () => {
    const r = rand();
    const digits = `171${String(Number.parseInt(r, 16) % 1e8).padStart(8, '0')}`;
    await report({
      targets: [`https://WWW.Search-${r}.cn/Login?utm_source=sms&id=5`, digits],
    });
    const keys = async (params: Record<string, string>) =>
      (await registry('reg.sup.gd', params)).items.map((e) => e.key).sort();
    const url = `url|https://www.search-${r}.cn/Login?id=5`;
    const domain = `domain|search-${r}.cn`;
    const phone = `phone|+86${digits}`;

    expect(await keys({ q: `HTTPS://www.SEARCH-${r}.cn/Login?id=5&utm_medium=x#top` })).toEqual([
      domain,
      url,
    ]);
    expect(await keys({ q: `search-${r}.cn` })).toEqual([domain]);
    for (const written of [
      `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
      `0086 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
      digits,
      phone,
    ])
      expect(await keys({ q: written })).toEqual([phone]);
    // Not a target: a case-insensitive substring of the normalised form.
    expect(await keys({ q: `SEARCH-${r.toUpperCase()}` })).toEqual([domain, url]);
    expect(await keys({ q: `search-${r}`, kind: 'domain' })).toEqual([domain]);
    expect(await keys({ q: `6${digits}` })).toEqual([phone]);

    const marked = await as('reg.sup.gd').put('/api/v1/targets/status', {
      key: domain,
      status: 'confirmed_harmful',
    });
    expect(marked.statusCode).toBe(200);
    expect(await keys({ q: `search-${r}`, status: 'confirmed_harmful' })).toEqual([domain]);
    expect(await keys({ q: `search-${r}`, status: 'unverified' })).toEqual([url]);
    expect(await keys({ q: `nothing-like-${r}` })).toEqual([]);
  });

  it('pages by (first seen, key) newest first, with no row twice or left out', async () => {
    const r = rand();
    const first = Array.from({ length: 5 }, (_, i) => `page-${r}-${i}.cn`);
    await report({ targets: first }); // one statement: the same first_seen for all five
    const second = [`page-${r}-a.cn`, `page-${r}-b.cn`];
    await report({ targets: second });
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: { items: TEntry[]; next: string | null } = await registry('reg.sup.gd', {
        q: `page-${r}`,
        limit: '3',
        ...(before ? { before } : {}),
      });
      seen.push(...page.items.map((e) => e.key));
      before = page.next;
      pages += 1;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    const byKeyDesc = (names: string[]) => names.map((d) => `domain|${d}`).sort((a, b) => (a < b ? 1 : -1));
    expect(seen).toEqual([...byKeyDesc(second), ...byKeyDesc(first)]);

    const bad = await as('reg.sup.gd').get('/api/v1/targets?before=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'before', message: expect.any(String) }]);
  });
});
