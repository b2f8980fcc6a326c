import { recordAudit } from '../../platform/audit/audit.js';
import { cachedLoader } from '../../platform/cache.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type TActor } from './access.policy.js';
import {
  countDepartments,
  insertDepartmentIfMissing,
  listDepartments,
  type TDepartmentRow,
  updateTimeZone,
} from './department.repository.js';
import { DEPARTMENT_SEED } from './department.seed.js';
import { regionAncestry } from './region.js';

const CACHE_MS = 15_000;

/** The department tree, cached briefly per process; routing reads it on every report. */
export function createDepartmentService(db: DbOrTx) {
  const cache = cachedLoader(() => listDepartments(db), CACHE_MS);
  const all = () => cache.get();

  return {
    all,
    invalidate: cache.invalidate,

    /**
     * The competent department for a report: the most specific department for the report's region (district,
     * then city, then province) that is competent for the category; otherwise the national centre.
     */
    async route(regionCode: string | undefined, categoryCode: string): Promise<TDepartmentRow> {
      const tree = await all();
      const root = tree.find((d) => d.level === 'national');
      if (!root) throw new Error('no national department: run `qinglang seed-demo` or create the tree');
      for (const region of regionCode ? regionAncestry(regionCode) : []) {
        const match = tree.find(
          (d) => d.regionCode === region && d.competentCategories.includes(categoryCode),
        );
        if (match) return match;
      }
      return root;
    },

    /**
     * Sets the time zone of a department in the administrator's subtree (IANA name, validated by the route):
     * deadlines of cases opened from then on end at local midnight there. Audited; the cache is dropped.
     */
    async setTimeZone(actor: TActor, code: string, timeZone: string): Promise<TDepartmentRow> {
      const d = (await all()).find((x) => x.code === code);
      if (!d || !inScope(actor, d.path)) throw new AppError('department_not_found', 404);
      await db.transaction(async (tx) => {
        const previous = await updateTimeZone(tx, d.id, timeZone);
        if (previous === undefined) throw new AppError('department_not_found', 404);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'department.time_zone_set',
          subjectType: 'department',
          subjectId: d.id,
          payload: { from: previous, to: timeZone },
        });
      });
      cache.invalidate();
      return { ...d, timeZone };
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;

export function departmentCount(db: DbOrTx): Promise<number> {
  return countDepartments(db);
}

/** Adds the demo department tree (parents first), skipping codes that exist; returns how many were added. */
export async function seedDepartments(db: DbOrTx): Promise<number> {
  const before = await countDepartments(db);
  const ids = new Map<string, string>();
  for (const d of DEPARTMENT_SEED) {
    const parentId = d.parentCode ? ids.get(d.parentCode) : undefined;
    const id = await insertDepartmentIfMissing(db, {
      code: d.code,
      path: d.path,
      parentId: parentId ?? null,
      nameZh: d.name.zh,
      nameEn: d.name.en,
      level: d.level,
      regionCode: d.regionCode,
      competentCategories: d.competentCategories,
    });
    ids.set(d.code, id);
  }
  return (await countDepartments(db)) - before;
}
