import { seedCategories } from './modules/categories/category.service.js';
import { departmentCount, seedDepartments } from './modules/org/department.service.js';
import { seedSlaRules } from './modules/sla/sla.service.js';
import type { DbOrTx } from './platform/db/pool.js';

/** True when the database has no departments yet (a fresh installation). */
export async function isFirstStart(db: DbOrTx): Promise<boolean> {
  return (await departmentCount(db)) === 0;
}

/** Seeds categories and the demo department tree; safe to run again (only missing rows are added). */
export async function seedDemo(
  db: DbOrTx,
): Promise<{ categories: number; departments: number; slaRules: number }> {
  const categories = await seedCategories(db);
  const departments = await seedDepartments(db);
  // The national deadline defaults (regulation, with sources); also ensured on every start (serve.ts).
  const slaRules = await seedSlaRules(db);
  return { categories, departments, slaRules };
}
