/**
 * Intake at scale: `npm run bench:intake-scale [-- --small N --large N --duration N --rounds N --connections N
 * --warmup N --bodies N]`.
 *
 * Does clustering (and the rest of intake) cost more when many reports are stored? Starts the bench server
 * (the real app, clustering on, fresh database), seeds history up to `--small` stored reports (10,000) and
 * measures intake against the baseline endpoint as `npm run bench:intake` does (alternating short rounds,
 * medians, ratio = intake/baseline); then grows the same database to `--large` (1,000,000) and measures again.
 * `cost_growth` = ratio_small / ratio_large (target ≤ 1.3). The history is what intake would have written:
 * cases in realistic states (most old ones closed) with reports (real Chinese bodies, search tokens), and per
 * report its targets (the real extraction), the registry, open cases' targets, first reports, fingerprints,
 * receipts, timeline events, triage rows, audit entries and sealed identities (./intake-seed.ts).
 * Progress goes to stderr; results go to stdout as `name: value` lines.
 */
import { OPEN_STATES } from '../src/server/modules/cases/case.states.js';
import { createDepartmentService } from '../src/server/modules/org/department.service.js';
import { analyseTargets } from '../src/server/modules/targets/target.config.js';
import { type BenchServer, runBench } from './bench-server.js';
import { createGenerator } from './console-data.js';
import { createLoader } from './console-seed.js';
import { BASELINE_PATH, INTAKE_PATH, smokeTest, validateBodies } from './intake-checks.js';
import { intakeExtension } from './intake-seed.js';
import { generateReportBodies, type ReportBody } from './report-bodies.js';
import {
  alternateRounds,
  type Compared,
  type Endpoints,
  median,
  readRoundOptions,
  reportFailures,
  round,
  warmUp,
} from './rounds.js';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function readOptions() {
  const options = readRoundOptions({ small: '10000', large: '1000000' });
  if (options.small >= options.large) throw new Error('--small must be below --large');
  return options;
}

interface Measured {
  stored: number;
  compared: Compared;
}

/** What the clustering look-up finds for the bench's own bodies, one at a time (a diagnostic, on stderr). */
async function probeLookups(server: BenchServer, bodies: ReportBody[], label: string): Promise<void> {
  const { targets } = server.services;
  const times: number[] = [];
  let hits = 0;
  for (const body of bodies) {
    const analysis = analyseTargets(body.description, body.targets, await targets.config());
    const started = performance.now();
    const plan = await targets.plan(analysis, body.category);
    times.push(performance.now() - started);
    hits += plan.related.length + (plan.join ? 1 : 0);
  }
  log(
    `${label}: clustering look-up alone, one at a time: median ${median(times).toFixed(2)} ms, ` +
      `${(hits / bodies.length).toFixed(1)} open cases found per report`,
  );
}

const options = readOptions();
const bodies = generateReportBodies(options.bodies);
validateBodies(bodies);
const json = bodies.map((b) => JSON.stringify(b));
log(`${bodies.length} report bodies, half anonymous`);

runBench(log, async (bench) => {
  const { url } = bench;
  const { db, pool } = bench.runtime.database;
  await smokeTest(log, url, bodies);

  const departments = Object.fromEntries(
    (await createDepartmentService(db).all()).map((d) => [d.code, d.id]),
  );
  const { rows: keys } = await pool.query<{ key_id: string }>(
    'SELECT key_id FROM reporter_identities LIMIT 1',
  );
  const keyId = keys[0]?.key_id ?? 'bench';
  const generate = createGenerator({ departments, now: Date.now() });
  const loader = createLoader(pool, generate, log, intakeExtension(departments, keyId));
  const stored = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0]?.n ?? 0;

  /** Seeds until `n` reports are stored (counting those intake stored meanwhile); returns the seconds taken. */
  const growTo = async (n: number, rebuildIndexes: boolean): Promise<number> => {
    const missing = n - (await stored());
    if (missing <= 0) return 0;
    const started = performance.now();
    await loader.growTo(loader.reports() + missing, { rebuildIndexes });
    // Flush the load's dirty pages now rather than in a checkpoint during the measurement (needs superuser or
    // pg_checkpoint, which the embedded cluster has; elsewhere it is skipped).
    await pool.query('CHECKPOINT').catch(() => log('CHECKPOINT not allowed: skipped'));
    const seconds = (performance.now() - started) / 1000;
    log(`seeded ${missing.toLocaleString('en')} reports in ${seconds.toFixed(1)} s`);
    return seconds;
  };

  const target: Endpoints = {
    url,
    bodies: json,
    baselinePath: BASELINE_PATH,
    subjectPath: INTAKE_PATH,
    subjectName: 'intake',
  };
  const measure = async (label: string): Promise<Measured> => {
    const before = await stored();
    const { rows } = await pool.query<{ open: number; case_targets: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE state = ANY($1)) AS open,
                (SELECT count(*)::int FROM case_targets) AS case_targets`,
      [[...OPEN_STATES]],
    );
    log(
      `${label}: ${before} reports stored, ${rows[0]?.open} open cases, ${rows[0]?.case_targets} case_targets rows`,
    );
    const compared = await alternateRounds(log, target, options, `${label}: `);
    log(`${label}: ${(await stored()) - before} reports stored by intake during the measurement`);
    await probeLookups(bench, bodies, label);
    return { stored: before, compared };
  };

  // The server's first loads run cold (JIT, caches): warm it before the history is seeded, so that the small
  // phase is not measured colder than the large one.
  await warmUp(log, target, options, 'initial ');
  const seedSmall = await growTo(options.small, false);
  const small = await measure('small');
  const seedLarge = await growTo(options.large, true);
  const large = await measure('large');

  const figures = (m: Measured, suffix: string): [string, number][] => [
    [`intake_rps_${suffix}`, round(m.compared.subject.rps, 1)],
    [`baseline_rps_${suffix}`, round(m.compared.baseline.rps, 1)],
    [`ratio_${suffix}`, round(m.compared.ratio, 3)],
    [`intake_p50_ms_${suffix}`, round(m.compared.subject.p50Ms, 2)],
  ];
  const results: [string, number][] = [
    ['stored_small', small.stored],
    ['stored_large', large.stored],
    ...figures(small, 'small'),
    ...figures(large, 'large'),
    ['cost_growth', round(small.compared.ratio / Math.max(large.compared.ratio, 1e-9), 2)],
    ['seed_seconds_small', round(seedSmall, 1)],
    ['seed_seconds_large', round(seedLarge, 1)],
  ];
  process.stdout.write(results.map(([name, value]) => `${name}: ${value}\n`).join(''));

  const failed = reportFailures(log, {
    'small intake': small.compared.subject,
    'small baseline': small.compared.baseline,
    'large intake': large.compared.subject,
    'large baseline': large.compared.baseline,
  });
  return failed ? 1 : 0;
});
