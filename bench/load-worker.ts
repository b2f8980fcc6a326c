/**
 * Runs autocannon loads in a worker thread, so that the load generator does not share the server's event loop.
 * Takes LoadJobs one at a time and posts back a LoadResult for each (see ./load.ts).
 */
import autocannon from 'autocannon';
import { type LoadJob, type LoadResult, serveLoadJobs } from './load.js';

/** What autocannon resolves with in a worker thread (the fields used here). */
interface RawResult {
  totalCompletedRequests: number;
  /** Seconds. */
  duration: number;
}

type Aggregate = (results: RawResult[], options: autocannon.Options) => autocannon.Result;
/** Exported by autocannon but missing from @types/autocannon. */
const aggregate = (autocannon as unknown as { aggregateResult: Aggregate }).aggregateResult;

async function run(job: LoadJob): Promise<LoadResult> {
  const bodies = job.bodies.map((b) => Buffer.from(b, 'utf8'));
  let next = 0;
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: job.path,
        headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
        setupRequest: (request) => {
          const body = bodies[next++ % bodies.length];
          return { ...request, body };
        },
      },
    ],
  };
  // Off the main thread autocannon answers with per-run raw figures (encoded histograms) instead of its
  // aggregated result, whose requests-per-second histogram it would then leave empty: derive both here.
  const raw = (await autocannon(options)) as unknown as RawResult;
  const result = aggregate([raw], options);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count ?? 0;
  }
  return {
    rps: raw.duration > 0 ? raw.totalCompletedRequests / raw.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors,
    statusCodes,
  };
}

serveLoadJobs(run);
