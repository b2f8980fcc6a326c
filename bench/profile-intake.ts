/**
 * Where intake time goes: `npx tsx bench/profile-intake.ts [--duration N] [--connections N] [--pg-stacks]`.
 *
 * Starts the benchmark server, drives `POST /api/v1/reports` (or `--path`), and reports CPU seconds of the
 * server's main thread and of PostgreSQL during the run, plus a V8 CPU profile of the main thread grouped
 * by package and by function, and with `--pg-stacks` PostgreSQL's time by call stack (needs `perf`).
 * Diagnostic only; `intake.bench.ts` is the benchmark.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startBenchServer } from './bench-server.js';
import { runLoad } from './load.js';
import { recordPostgresStacks } from './pg-stacks.js';
import { cpuSeconds, machineCpu } from './proc-stat.js';
import { generateReportBodies } from './report-bodies.js';

const log = (message: string) => process.stderr.write(`[profile] ${message}\n`);

/** CPU seconds of each thread of this process, summed by thread name (main, V8 workers, libuv pool, autocannon). */
async function threadCpu(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const tid of await readdir(`/proc/${process.pid}/task`)) {
    const stat = await readFile(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const name =
      tid === String(process.pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    out.set(name, (out.get(name) ?? 0) + cpuSeconds(stat));
  }
  return out;
}

async function mainThreadCpu(): Promise<number> {
  return cpuSeconds(await readFile(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8'));
}

/** The PostgreSQL processes on this machine with their /proc stat lines. */
async function postgresProcesses(): Promise<{ pid: number; stat: string }[]> {
  const out: { pid: number; stat: string }[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat.includes('(postgres)')) out.push({ pid: Number(pid), stat });
  }
  return out;
}

async function postgresCpu(): Promise<number> {
  return (await postgresProcesses()).reduce((sum, p) => sum + cpuSeconds(p.stat), 0);
}

/**
 * Samples pg_stat_activity every 20 ms on its own connection: what the app's backends are doing (running on
 * CPU, waiting for a lock, for the WAL flush, for the client...). Returns a stop function with the counts.
 */
async function sampleWaits(url: string): Promise<() => Promise<Map<string, number>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ state: string; wait: string | null; query: string }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, left(query, 60) AS query
           FROM pg_stat_activity WHERE application_name = 'qinglang' AND pid <> pg_backend_pid()`,
      );
      for (const r of rows) {
        const what =
          r.state === 'active' ? `active ${r.wait ?? 'CPU'} | ${r.query.replace(/\s+/g, ' ')}` : r.state;
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await client.end();
    return counts;
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucket(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native/builtin)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m?.[1]) return m[1];
  if (url.includes('/src/server/'))
    return `src/${url.split('/src/server/')[1]?.split('/').slice(0, -1).join('/')}`;
  if (url.startsWith('node:')) return url;
  return path.basename(url);
}

function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? {
      functionName: '?',
      url: '',
      lineNumber: 0,
    };
    const b = bucket(url, functionName);
    byBucket.set(b, (byBucket.get(b) ?? 0) + us);
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const f = `${functionName || '(anonymous)'} ${where} [${b}]`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + us);
  }
  const fmt = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return (
    `self time by package (of ${(total / 1e6).toFixed(1)} s sampled):\n${fmt(byBucket)}\n\n` +
    `self time by function:\n${fmt(byFunction)}`
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '8' },
      connections: { type: 'string', default: '50' },
      /** Seconds of load before profiling, until V8 has compiled the hot code (see bench/rounds.ts). */
      warmup: { type: 'string', default: '8' },
      path: { type: 'string', default: '/api/v1/reports' },
      top: { type: 'string', default: '30' },
      /** Also PostgreSQL's time by call stack (`perf`, 3 s of the load): see `pg-stacks.ts`. */
      'pg-stacks': { type: 'boolean', default: false },
    },
  });
  const bodies = generateReportBodies(200).map((b) => JSON.stringify(b));
  const server = await startBenchServer(log);
  try {
    const job = (durationSeconds: number) => ({
      url: server.url,
      path: values.path,
      bodies,
      connections: Number(values.connections),
      durationSeconds,
    });
    log(`warm-up ${values.warmup} s`);
    await runLoad(job(Number(values.warmup)));
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    const [node0, pg0, all0, threads0] = [
      await mainThreadCpu(),
      await postgresCpu(),
      await machineCpu(),
      await threadCpu(),
    ];
    const url = (server.runtime.database.pool.options as { connectionString: string }).connectionString;
    const stopWaits = await sampleWaits(url);
    await session.post('Profiler.start');
    log(`profiling ${values.path} for ${values.duration} s`);
    const stacks = values['pg-stacks']
      ? recordPostgresStacks(
          (await postgresProcesses()).map((p) => p.pid),
          Math.min(3, Number(values.duration)),
        )
      : undefined;
    const result = await runLoad(job(Number(values.duration)));
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const [node1, pg1, all1, threads1] = [
      await mainThreadCpu(),
      await postgresCpu(),
      await machineCpu(),
      await threadCpu(),
    ];
    const threadLines = [...threads1]
      .map(([name, s]) => [name, s - (threads0.get(name) ?? 0)] as const)
      .filter(([, s]) => s > 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([name, s]) => `  ${name}: ${s.toFixed(2)} s`)
      .join('\n');
    const waits = await stopWaits();
    const waitTotal = [...waits.values()].reduce((a, b) => a + b, 0);
    const waitLines = [...waits]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, n]) => `  ${((100 * n) / waitTotal).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
    session.disconnect();
    const seconds = Number(values.duration);
    const requests = result.ok + result.errors;
    const out = path.join(os.tmpdir(), `intake-${Date.now()}.cpuprofile`);
    await writeFile(out, JSON.stringify(profile));
    process.stdout.write(
      `requests: ${requests} (${result.rps.toFixed(1)}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms)\n` +
        `server main thread CPU: ${(node1 - node0).toFixed(2)} s of ${seconds} s ` +
        `(${(((node1 - node0) / seconds) * 100).toFixed(0)}%), ` +
        `${(((node1 - node0) / requests) * 1000).toFixed(2)} ms per request\n` +
        `postgres CPU (all backends): ${(pg1 - pg0).toFixed(2)} s, ` +
        `${(((pg1 - pg0) / requests) * 1000).toFixed(2)} ms per request\n` +
        `machine (${os.cpus().length} cores): ${(((all1.busy - all0.busy) / (all1.total - all0.total)) * 100).toFixed(0)}% busy, ` +
        `${(((all1.busy - all0.busy) / requests) * 1000).toFixed(2)} ms CPU per request (autocannon included)\n` +
        `this process by thread:\n${threadLines}\n` +
        `cpu profile: ${out}\n\npool connections by state (pg_stat_activity samples):\n${waitLines}\n\n` +
        `${summarise(profile, Number(values.top))}\n` +
        (stacks ? `\npostgres by call stack:\n${await stacks}\n` : ''),
    );
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  log(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
