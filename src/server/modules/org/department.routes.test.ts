import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { DEPARTMENT_SEED } from './department.seed.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/departments', () => {
  it('answers the whole tree, parents first, to any signed-in staff member', async () => {
    const session = await t.staffSession({
      username: 'dept.viewer',
      departmentCode: 'GZ',
      roles: ['intake_operator'],
    });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/departments',
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(200);
    const { departments } = res.json() as {
      departments: {
        code: string;
        nameZh: string;
        nameEn: string;
        level: string;
        parentCode: string | null;
        timeZone: string;
      }[];
    };
    expect(departments.map((d) => d.code).sort()).toEqual(DEPARTMENT_SEED.map((d) => d.code).sort());
    for (const seed of DEPARTMENT_SEED) {
      const d = departments.find((x) => x.code === seed.code);
      expect(d).toEqual({
        code: seed.code,
        nameZh: seed.name.zh,
        nameEn: seed.name.en,
        level: seed.level,
        parentCode: seed.parentCode ?? null,
        timeZone: 'Asia/Shanghai',
      });
    }
    const index = new Map(departments.map((d, i) => [d.code, i]));
    for (const d of departments) {
      if (d.parentCode) expect(index.get(d.parentCode)).toBeLessThan(index.get(d.code) ?? -1);
    }
    expect(departments.filter((d) => d.parentCode === null).map((d) => d.level)).toEqual(['national']);
  });

  it('refuses the signed-out', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/departments' });
    expect(res.statusCode).toBe(401);
  });
});
