/**
 * Alternating measurement rounds for the HTTP benchmarks. The machine is shared and noisy, so the baseline
 * endpoint and the endpoint under test alternate in short rounds (baseline, intake, baseline, intake …) after
 * a warm-up of each; every figure is the median over the rounds, and the ratio is the median of the per-round
 * ratios (each round's pair ran under the same conditions).
 */
import { parseArgs } from 'node:util';
import { type LoadJob, type LoadResult, runLoad } from './load.js';
import { machineCpu } from './proc-stat.js';

/** Above this share of failed requests (non-2xx, socket errors, timeouts) a run exits non-zero. */
export const MAX_FAILURE_SHARE = 0.01;

export type Log = (message: string) => void;

export function positiveInt(name: string, value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

/** The options every intake benchmark takes (rounds, load, bodies), plus its own positive integers. */
export const ROUND_OPTIONS = {
  duration: '10',
  rounds: '5',
  connections: '50',
  /**
   * Long enough for V8 to finish optimising the server's hot code: with 2 s, the first rounds of intake (a much
   * larger code path than the baseline's) still spent 10–17% of a core compiling on V8's helper threads.
   */
  warmup: '8',
  bodies: '200',
} as const;

export function readRoundOptions<K extends string>(
  extra: Record<K, string>,
): Record<K | keyof typeof ROUND_OPTIONS, number> {
  const defaults: Record<string, string> = { ...extra, ...ROUND_OPTIONS };
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: value }]),
    ) as Record<string, { type: 'string'; default: string }>,
    strict: true,
  });
  return Object.fromEntries(
    Object.keys(defaults).map((name) => [name, positiveInt(name, String(values[name]))]),
  ) as Record<K | keyof typeof ROUND_OPTIONS, number>;
}

export const round = (n: number, places: number) => Number(n.toFixed(places));

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians over rounds of rate and latencies; failures and counts summed. */
export function summarise(results: LoadResult[]): LoadResult {
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

export const failureShare = (r: LoadResult) => (r.ok + r.errors === 0 ? 1 : r.errors / (r.ok + r.errors));

/** One load, logged before and after. */
export async function phase(log: Log, label: string, job: LoadJob): Promise<LoadResult> {
  log(`${label}: POST ${job.path}, ${job.connections} connections, ${job.durationSeconds} s`);
  const result = await runLoad(job);
  log(
    `${label}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.ok} ok, ${result.errors} failed ${JSON.stringify(result.statusCodes)}`,
  );
  return result;
}

export interface RoundsOptions {
  /** Total measured seconds per endpoint, split into `rounds` rounds. */
  duration: number;
  rounds: number;
  connections: number;
  /** Seconds of warm-up load per endpoint before the rounds. */
  warmup: number;
}

export interface Compared {
  /** Medians over the rounds. */
  baseline: LoadResult;
  subject: LoadResult;
  /** subject/baseline throughput, per round. */
  ratios: number[];
  /** Median of the per-round ratios. */
  ratio: number;
  /**
   * Median share of the whole machine's CPU left idle during each endpoint's rounds (undefined without
   * /proc/stat). An endpoint with idle CPU under load waits on something other than CPU: with a fixed number
   * of connections, a longer path per request (more round trips, batching) leaves more of it idle.
   */
  idle: { baseline: number | undefined; subject: number | undefined };
}

export interface Endpoints {
  url: string;
  /** JSON bodies, used in rotation by both endpoints. */
  bodies: string[];
  baselinePath: string;
  subjectPath: string;
  /** The subject's name in progress labels (e.g. "intake"). */
  subjectName: string;
}

function jobFor(target: Endpoints, options: RoundsOptions) {
  return (path: string, durationSeconds: number): LoadJob => ({
    url: target.url,
    path,
    bodies: target.bodies,
    connections: options.connections,
    durationSeconds,
  });
}

/** `options.warmup` seconds of load on the baseline, then on the subject. `prefix` starts the labels. */
export async function warmUp(
  log: Log,
  target: Endpoints,
  options: RoundsOptions,
  prefix = '',
): Promise<void> {
  const job = jobFor(target, options);
  await phase(log, `${prefix}warm-up baseline`, job(target.baselinePath, options.warmup));
  await phase(log, `${prefix}warm-up ${target.subjectName}`, job(target.subjectPath, options.warmup));
}

/**
 * Warms up both endpoints, then alternates `rounds` short rounds of the baseline and the subject with the same
 * bodies. `prefix` starts every progress label (e.g. "small: ").
 */
export async function alternateRounds(
  log: Log,
  target: Endpoints,
  options: RoundsOptions,
  prefix = '',
): Promise<Compared> {
  const job = jobFor(target, options);
  const { baselinePath, subjectPath, subjectName } = target;
  await warmUp(log, target, options, prefix);
  const roundSeconds = Math.max(1, Math.round(options.duration / options.rounds));
  const baselines: LoadResult[] = [];
  const subjects: LoadResult[] = [];
  const idle = { baseline: [] as number[], subject: [] as number[] };
  /** One phase, with the machine's idle share over it. */
  const measured = async (label: string, loadJob: LoadJob, idleShares: number[]) => {
    const before = await machineCpu();
    const result = await phase(log, label, loadJob);
    const after = await machineCpu();
    const total = after.total - before.total;
    if (total > 0) idleShares.push(1 - (after.busy - before.busy) / total);
    return result;
  };
  for (let i = 1; i <= options.rounds; i++) {
    const label = `${prefix}round ${i}/${options.rounds}`;
    baselines.push(await measured(`${label} baseline`, job(baselinePath, roundSeconds), idle.baseline));
    subjects.push(await measured(`${label} ${subjectName}`, job(subjectPath, roundSeconds), idle.subject));
  }
  const ratios = subjects.map((r, i) => r.rps / Math.max(baselines[i]?.rps ?? 0, 1e-9));
  log(`${prefix}per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  const medianOf = (shares: number[]) => (shares.length > 0 ? median(shares) : undefined);
  return {
    baseline: summarise(baselines),
    subject: summarise(subjects),
    ratios,
    ratio: median(ratios),
    idle: { baseline: medianOf(idle.baseline), subject: medianOf(idle.subject) },
  };
}

/** Logs every result set with more than MAX_FAILURE_SHARE failures; returns whether any had. */
export function reportFailures(log: Log, results: Record<string, LoadResult>): boolean {
  const failed = Object.entries(results).filter(([, r]) => failureShare(r) > MAX_FAILURE_SHARE);
  for (const [name] of failed) {
    log(`FAIL: more than ${MAX_FAILURE_SHARE * 100}% of ${name} requests failed`);
  }
  return failed.length > 0;
}
