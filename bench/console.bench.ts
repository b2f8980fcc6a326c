/**
 * Console benchmark: `npm run bench:console [-- --reports N --small N --runs N]`.
 *
 * On a fresh embedded PostgreSQL (or a fresh database on DATABASE_URL's server), seeds `--small` reports
 * (10,000) through bulk SQL, measures the staff queue and search as the console calls them
 * (`createCaseQueue(…).list(actor, query)`), grows the same database to `--reports` (1,000,000), analyses it
 * and measures the same queries again. Measured as a city handler (GZ) and as the national centre (CN).
 * Headline figures: GZ's default queue (`unassigned`) and a two-word Chinese search. Progress goes to
 * stderr; results go to stdout as `name: value` lines.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { createCaseQueue, type TQueueQuery } from '../src/server/modules/cases/case-queue.service.js';
import type { TActor } from '../src/server/modules/org/access.policy.js';
import { createDepartmentService } from '../src/server/modules/org/department.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import { withDatabase } from '../src/server/platform/db/pool.js';
import { createLogger } from '../src/server/platform/logger.js';
import { openRuntime } from '../src/server/runtime.js';
import { seedDemo } from '../src/server/seed.js';
import { createGenerator } from './console-data.js';
import { createLoader } from './console-seed.js';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function positiveInt(name: string, value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '1000000' },
      small: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
    },
    strict: true,
  });
  const options = {
    reports: positiveInt('reports', values.reports),
    small: positiveInt('small', values.small),
    runs: positiveInt('runs', values.runs),
    warmup: positiveInt('warmup', values.warmup),
  };
  if (options.small > options.reports) throw new Error('--small must not exceed --reports');
  return options;
}

/** The figure for a sorted sample: nearest rank. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

interface Measured {
  p50: number;
  p95: number;
  items: number;
}

/** Builds a session-less actor as the access guard would (permissions do not matter to the queue). */
function actor(department: { id: string; path: string }, name: string): TActor {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: name,
    displayName: name,
    roles: ['handler'],
    departmentId: department.id,
    departmentPath: department.path,
    permissions: ['case.read', 'case.handle'],
  };
}

const SCENARIOS: { name: string; query: Partial<TQueueQuery> }[] = [
  { name: 'queue', query: { queue: 'unassigned' } },
  // A realistic two-word query: a common scam word and a rarer detail of it.
  { name: 'search', query: { queue: 'all', q: '刷单 佣金' } },
  { name: 'all', query: { queue: 'all' } },
];

async function main() {
  const options = readOptions();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-console-bench-'));
  const removeOnExit = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const serverUrl = process.env.DATABASE_URL;
  const benchDb = serverUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  if (serverUrl && benchDb) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${benchDb}`);
    await admin.end();
  } else {
    log(`starting embedded PostgreSQL in ${dataDir}`);
  }
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: serverUrl && benchDb ? withDatabase(serverUrl, benchDb) : undefined,
    MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '4',
  });
  const logger = createLogger(config.LOG_LEVEL, pino.destination({ dest: 2, sync: true }));
  const runtime = await openRuntime(config, logger);
  try {
    const { db, pool } = runtime.database;
    await seedDemo(db);
    const departments = createDepartmentService(db);
    const tree = await departments.all();
    const byCode = Object.fromEntries(tree.map((d) => [d.code, d]));
    const ids = Object.fromEntries(tree.map((d) => [d.code, d.id]));
    const generate = createGenerator({ departments: ids, now: Date.now() });
    const loader = createLoader(pool, generate, log);
    const queue = createCaseQueue({ db, departments });
    const find = (code: string) => {
      const d = byCode[code];
      if (!d) throw new Error(`department ${code} is not seeded`);
      return d;
    };
    const actors = { gz: actor(find('GZ'), 'h.gz'), cn: actor(find('CN'), 'h.cn') };

    const measure = async (who: TActor, query: Partial<TQueueQuery>): Promise<Measured> => {
      const q: TQueueQuery = { queue: 'all', sort: 'newest', limit: 25, ...query };
      let items = 0;
      for (let i = 0; i < options.warmup; i++) items = (await queue.list(who, q)).items.length;
      const times: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        const started = performance.now();
        await queue.list(who, q);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p95: percentile(times, 95), items };
    };

    const results: Record<string, Measured> = {};
    const phase = async (label: string) => {
      for (const [who, a] of Object.entries(actors)) {
        for (const s of SCENARIOS) {
          const m = await measure(a, s.query);
          results[`${s.name}_${who}_${label}`] = m;
          log(
            `${label} ${who} ${s.name}: p50 ${m.p50.toFixed(2)} ms, p95 ${m.p95.toFixed(2)} ms (${m.items} items)`,
          );
        }
      }
    };

    const small = options.small;
    const large = options.reports;
    const label = (n: number) =>
      n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : `${n}`;
    await loader.growTo(small, { rebuildIndexes: false });
    await phase(label(small));
    await loader.growTo(large, { rebuildIndexes: true });
    await phase(label(large));

    const lines: string[] = [];
    const fmt = (v: number) => v.toFixed(2);
    // The headline figures: the city handler's default queue and a two-word search.
    for (const n of [small, large])
      lines.push(`queue_p95_ms_${label(n)}: ${fmt(results[`queue_gz_${label(n)}`]?.p95 ?? Number.NaN)}`);
    for (const n of [small, large])
      lines.push(`search_p95_ms_${label(n)}: ${fmt(results[`search_gz_${label(n)}`]?.p95 ?? Number.NaN)}`);
    for (const n of [small, large]) {
      lines.push(`queue_p50_ms_${label(n)}: ${fmt(results[`queue_gz_${label(n)}`]?.p50 ?? Number.NaN)}`);
      lines.push(`search_p50_ms_${label(n)}: ${fmt(results[`search_gz_${label(n)}`]?.p50 ?? Number.NaN)}`);
    }
    for (const [key, m] of Object.entries(results)) {
      lines.push(`${key}_p50_ms: ${fmt(m.p50)}`, `${key}_p95_ms: ${fmt(m.p95)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await runtime.close();
    if (serverUrl && benchDb) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
      await admin.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
