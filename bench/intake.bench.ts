/**
 * Intake benchmark: `npm run bench:intake [-- --duration N --connections N --warmup N --bodies N]`.
 *
 * Starts the server on a fresh database, then drives with autocannon (in a worker thread) a baseline
 * endpoint that inserts one row into one table, and `POST /api/v1/reports`, both with the same pool of
 * realistic report bodies. The machine is shared and noisy, so the two alternate in short rounds
 * (baseline, intake, baseline, intake …) and every figure is the median over the rounds; `ratio` is the
 * median of the per-round ratios. Progress goes to stderr; results go to stdout as `name: value` lines.
 */
import { parseArgs } from 'node:util';
import { CATEGORY_SEED } from '../src/server/modules/categories/category.seed.js';
import { answersSchema } from '../src/server/modules/categories/questionnaire.js';
import { ZReportCreate } from '../src/server/modules/intake/intake.schemas.js';
import { type BenchServer, startBenchServer } from './bench-server.js';
import { type LoadJob, type LoadResult, runLoad, stopLoads } from './load.js';
import { generateReportBodies, type ReportBody } from './report-bodies.js';

const INTAKE_PATH = '/api/v1/reports';
const BASELINE_PATH = '/bench/baseline';
/** Above this share of failed requests (non-2xx, socket errors, timeouts) the run exits non-zero. */
const MAX_FAILURE_SHARE = 0.01;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '2' },
      bodies: { type: 'string', default: '200' },
    },
    strict: true,
  });
  return {
    duration: positiveInt('duration', values.duration),
    rounds: positiveInt('rounds', values.rounds),
    connections: positiveInt('connections', values.connections),
    warmup: positiveInt('warmup', values.warmup),
    bodies: positiveInt('bodies', values.bodies),
  };
}

/** Fails loudly if a generated body would not pass the request schema or its category's questionnaire. */
function validateBodies(bodies: ReportBody[]): void {
  const questionnaires = new Map(CATEGORY_SEED.map((c) => [c.code, answersSchema(c.questionnaire)]));
  bodies.forEach((body, i) => {
    const problems = (ZReportCreate.safeParse(body).error?.issues ?? []).map((issue) => issue.message);
    const questionnaire = questionnaires.get(body.category);
    if (!questionnaire) problems.push(`unknown category ${body.category}`);
    for (const issue of questionnaire?.safeParse(body.answers).error?.issues ?? []) {
      problems.push(`answers.${issue.path.join('.')}: ${issue.message}`);
    }
    const { length } = body.description;
    if (length < 60 || length > 400) problems.push(`description is ${length} characters, not 60-400`);
    if (problems.length > 0) {
      throw new Error(`generated body #${i} is invalid: ${problems.join('; ')}\n${JSON.stringify(body)}`);
    }
  });
}

/** One real request per endpoint (an anonymous and a named report) before any load: each must get 201. */
async function smokeTest(baseUrl: string, bodies: ReportBody[]): Promise<void> {
  const anonymous = bodies.find((b) => !b.reporter);
  const named = bodies.find((b) => b.reporter);
  const checks: [string, ReportBody | undefined][] = [
    [INTAKE_PATH, anonymous],
    [INTAKE_PATH, named],
    [BASELINE_PATH, anonymous],
  ];
  for (const [path, body] of checks) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 201) {
      throw new Error(`smoke test: POST ${path} answered ${response.status}, expected 201: ${text}`);
    }
  }
  log('smoke test passed (intake anonymous, intake named, baseline: 201)');
}

async function phase(label: string, job: LoadJob): Promise<LoadResult> {
  log(`${label}: POST ${job.path}, ${job.connections} connections, ${job.durationSeconds} s`);
  const result = await runLoad(job);
  log(
    `${label}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.ok} ok, ${result.errors} failed ${JSON.stringify(result.statusCodes)}`,
  );
  return result;
}

const round = (n: number, places: number) => Number(n.toFixed(places));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians over rounds of rate and latencies; failures and counts summed. */
function summarise(results: LoadResult[]): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const r of results) {
    for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  }
  return {
    rps: median(results.map((r) => r.rps)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    ok: results.reduce((a, r) => a + r.ok, 0),
    errors: results.reduce((a, r) => a + r.errors, 0),
    statusCodes,
  };
}
const failureShare = (r: LoadResult) => (r.ok + r.errors === 0 ? 1 : r.errors / (r.ok + r.errors));

async function main(): Promise<number> {
  const options = readOptions();
  const bodies = generateReportBodies(options.bodies);
  validateBodies(bodies);
  const json = bodies.map((b) => JSON.stringify(b));
  const sizes = json.map((j) => Buffer.byteLength(j));
  const meanSize = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
  log(`${bodies.length} report bodies, ${meanSize} bytes on average, half anonymous`);

  let server: BenchServer | undefined;
  const onSignal = () => {
    log('interrupted: cleaning up');
    void stopLoads()
      .then(() => server?.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startBenchServer(log);
    const { url } = server;
    await smokeTest(url, bodies);
    const job = (path: string, durationSeconds: number): LoadJob => ({
      url,
      path,
      bodies: json,
      connections: options.connections,
      durationSeconds,
    });

    await phase('warm-up baseline', job(BASELINE_PATH, options.warmup));
    await phase('warm-up intake', job(INTAKE_PATH, options.warmup));
    const roundSeconds = Math.max(1, Math.round(options.duration / options.rounds));
    const baselines: LoadResult[] = [];
    const intakes: LoadResult[] = [];
    for (let i = 1; i <= options.rounds; i++) {
      baselines.push(await phase(`round ${i}/${options.rounds} baseline`, job(BASELINE_PATH, roundSeconds)));
      intakes.push(await phase(`round ${i}/${options.rounds} intake`, job(INTAKE_PATH, roundSeconds)));
    }
    const ratios = intakes.map((r, i) => r.rps / Math.max(baselines[i]?.rps ?? 0, 1e-9));
    log(`per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
    const intake = summarise(intakes);
    const baseline = summarise(baselines);

    const { rows } = await server.runtime.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reports',
    );
    const results: [string, number][] = [
      ['intake_rps', round(intake.rps, 1)],
      ['intake_p50_ms', round(intake.p50Ms, 2)],
      ['intake_p99_ms', round(intake.p99Ms, 2)],
      ['baseline_rps', round(baseline.rps, 1)],
      ['baseline_p50_ms', round(baseline.p50Ms, 2)],
      ['ratio', round(median(ratios), 2)],
      ['intake_errors', intake.errors],
      ['baseline_errors', baseline.errors],
      ['reports_stored', rows[0]?.n ?? 0],
    ];
    process.stdout.write(results.map(([name, value]) => `${name}: ${value}\n`).join(''));

    const failed = Object.entries({ intake, baseline }).filter(
      ([, r]) => failureShare(r) > MAX_FAILURE_SHARE,
    );
    for (const [name] of failed) {
      log(`FAIL: more than ${MAX_FAILURE_SHARE * 100}% of ${name} requests failed`);
    }
    return failed.length > 0 ? 1 : 0;
  } finally {
    log('shutting down');
    await server?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
