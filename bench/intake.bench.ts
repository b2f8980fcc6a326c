/**
 * Intake benchmark: `npm run bench:intake [-- --duration N --connections N --warmup N --bodies N]`.
 *
 * Starts the server on a fresh database, then drives with autocannon (in a worker thread) a baseline
 * endpoint that inserts one row into one table, and `POST /api/v1/reports`, both with the same pool of
 * realistic report bodies. The machine is shared and noisy, so the two alternate in short rounds
 * (baseline, intake, baseline, intake …) and every figure is the median over the rounds; `ratio` is the
 * median of the per-round ratios. Progress goes to stderr; results go to stdout as `name: value` lines.
 */
import { runBench } from './bench-server.js';
import { BASELINE_PATH, INTAKE_PATH, smokeTest, validateBodies } from './intake-checks.js';
import { generateReportBodies } from './report-bodies.js';
import { alternateRounds, readRoundOptions, reportFailures, round } from './rounds.js';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const options = readRoundOptions({});
const bodies = generateReportBodies(options.bodies);
validateBodies(bodies);
const json = bodies.map((b) => JSON.stringify(b));
const sizes = json.map((j) => Buffer.byteLength(j));
const meanSize = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
log(`${bodies.length} report bodies, ${meanSize} bytes on average, half anonymous`);

runBench(log, async (server) => {
  const { url } = server;
  await smokeTest(log, url, bodies);
  const target = {
    url,
    bodies: json,
    baselinePath: BASELINE_PATH,
    subjectPath: INTAKE_PATH,
    subjectName: 'intake',
  };
  const { baseline, subject: intake, ratio, idle } = await alternateRounds(log, target, options);

  const { rows } = await server.runtime.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reports',
  );
  const results: [string, number][] = [
    ['intake_rps', round(intake.rps, 1)],
    ['intake_p50_ms', round(intake.p50Ms, 2)],
    ['intake_p99_ms', round(intake.p99Ms, 2)],
    ['baseline_rps', round(baseline.rps, 1)],
    ['baseline_p50_ms', round(baseline.p50Ms, 2)],
    ['ratio', round(ratio, 2)],
    ['intake_errors', intake.errors],
    ['baseline_errors', baseline.errors],
    ['reports_stored', rows[0]?.n ?? 0],
  ];
  // The machine's CPU left idle under each load (Linux): intake, waiting on more round trips per request than the
  // bare insert, leaves more of it idle at a fixed number of connections.
  if (idle.subject !== undefined) results.push(['intake_idle_pct', round(idle.subject * 100, 1)]);
  if (idle.baseline !== undefined) results.push(['baseline_idle_pct', round(idle.baseline * 100, 1)]);
  process.stdout.write(results.map(([name, value]) => `${name}: ${value}\n`).join(''));

  return reportFailures(log, { intake, baseline }) ? 1 : 0;
});
