import { pino } from 'pino';
import { createDepartmentService } from '../src/server/modules/org/department.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import { createLogger } from '../src/server/platform/logger.js';
import { openRuntime } from '../src/server/runtime.js';
import { seedDemo } from '../src/server/seed.js';
import { createGenerator } from './console-data.js';
import { createLoader } from './console-seed.js';
const config = loadConfig({ ...process.env, DATA_DIR: '/tmp/qb/data', MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), LOG_LEVEL: 'warn', DB_POOL_SIZE: '4' });
const runtime = await openRuntime(config, createLogger('warn', pino.destination({ dest: 2, sync: true })));
const { db, pool } = runtime.database;
const mode = process.argv[2];
if (mode === 'seed') {
  await seedDemo(db);
  const tree = await createDepartmentService(db).all();
  const ids = Object.fromEntries(tree.map((d) => [d.code, d.id]));
  const loader = createLoader(pool, createGenerator({ departments: ids, now: Date.now() }), (m) => console.error(m));
  console.time('seed');
  await loader.growTo(Number(process.argv[3]), { rebuildIndexes: true });
  console.timeEnd('seed');
} else {
  const fs = await import('node:fs');
  const sqlText = fs.readFileSync(process.argv[3] ?? '/dev/stdin', 'utf8');
  for (const stmt of sqlText.split(/;\s*\n/).filter((s) => s.trim())) {
    const t = performance.now();
    const r = await pool.query(stmt);
    const rows = Array.isArray(r) ? r.at(-1).rows : r.rows;
    console.log(`-- ${(performance.now() - t).toFixed(1)} ms`);
    for (const row of rows.slice(0, 60)) console.log(Object.values(row).join(' | '));
  }
}
await runtime.close();
