/**
 * Two versions of intake in the same window: `npm run bench:compare -- --base REV [--rounds N (12) --duration N
 * (24: measured seconds per endpoint and version, so 2-s rounds) --connections N --warmup N --bodies N]`.
 *
 * This host's speed drifts by tens of per cent from minute to minute, so separate `bench:intake` runs cannot tell
 * a 10% change. This starts a bench server on the working tree ("head") and one on REV ("base": a temporary git
 * worktree sharing node_modules, given this tree's `bench/serve.ts`), warms both up, then loads them in turns —
 * baseline then intake of one, then of the other, the order swapped every round — and reads each server's CPU
 * time (its process, all threads, and the PostgreSQL it started) from /proc around its intake rounds. Prints,
 * one `name: value` per line, each version's medians and `speedup` (median of the rounds' head/base intake).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_PATH, INTAKE_PATH } from './intake-checks.js';
import { runLoad, stopLoads } from './load.js';
import { processStat } from './proc-stat.js';
import { generateReportBodies } from './report-bodies.js';
import { median, positiveInt, ROUND_OPTIONS, round } from './rounds.js';

const log = (message: string) => process.stderr.write(`[compare] ${message}\n`);
const root = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    ...Object.fromEntries(
      Object.entries({ ...ROUND_OPTIONS, rounds: '12', duration: '24' }).map(([name, value]) => [
        name,
        { type: 'string' as const, default: value },
      ]),
    ),
  },
  strict: true,
});
if (!values.base)
  throw new Error('--base REV is required (a commit, tag or branch to compare the working tree with)');
const base = String(values.base);
const [rounds, totalSeconds, connections, warmup, bodyCount] = [
  'rounds',
  'duration',
  'connections',
  'warmup',
  'bodies',
].map((name) => positiveInt(name, String((values as Record<string, unknown>)[name]))) as [
  number,
  number,
  number,
  number,
  number,
];

/** A process's parent and CPU seconds (all threads), undefined once it is gone. */
function stat(pid: number): { ppid: number; cpu: number } | undefined {
  try {
    return processStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU seconds of a server process (all threads) plus its PostgreSQL: the postmaster it started and its children. */
function serverCpu(pid: number): number {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => ({ pid: Number(d), s: stat(Number(d)) }));
  const postmasters = new Set(all.filter((p) => p.s?.ppid === pid).map((p) => p.pid));
  let cpu = stat(pid)?.cpu ?? 0;
  for (const p of all) if (p.s && (postmasters.has(p.pid) || postmasters.has(p.s.ppid))) cpu += p.s.cpu;
  return cpu;
}

interface Server {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
}

function start(name: string, dir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/serve.ts'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /url (\S+) pid (\d+)/.exec(out);
      if (m?.[1]) resolve({ name, url: m[1], pid: Number(m[2]), child });
    });
    child.once('exit', (code) => reject(new Error(`the ${name} server exited (${code}) before it listened`)));
  });
}

/** Like bench:intake: `--duration` is the measured seconds per endpoint and version, split into the rounds. */
const duration = Math.max(1, Math.round(totalSeconds / rounds));
const worktree = mkdtempSync(path.join(os.tmpdir(), 'qinglang-base-'));
const servers: Server[] = [];
/** Stops both servers (each closes its database on SIGTERM) and removes the worktree. */
async function cleanup(): Promise<void> {
  await stopLoads();
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null) return resolve();
          const timer = setTimeout(resolve, 30_000);
          s.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          // The server itself, not npx in front of it: it stops its embedded PostgreSQL before it exits.
          try {
            process.kill(s.pid, 'SIGTERM');
          } catch {
            resolve();
          }
        }),
    ),
  );
  try {
    execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root, stdio: 'ignore' });
  } catch {
    rmSync(worktree, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(`base ${base}: a worktree in ${worktree}`);
  execFileSync('git', ['worktree', 'add', '--detach', '--force', worktree, base], {
    cwd: root,
    stdio: 'ignore',
  });
  symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'));
  cpSync(path.join(root, 'bench/serve.ts'), path.join(worktree, 'bench/serve.ts'));
  const pending = [start('base', worktree), start('head', root)];
  // Each as soon as it listens, so that one failing to start still lets the other be stopped.
  for (const p of pending)
    p.then(
      (s) => servers.push(s),
      () => {},
    );
  const both = await Promise.all(pending);
  servers.splice(0, servers.length, ...both);
  const bodies = generateReportBodies(bodyCount).map((b) => JSON.stringify(b));
  const job = (s: Server, p: string, seconds: number) => ({
    url: s.url,
    path: p,
    bodies,
    connections,
    durationSeconds: seconds,
  });
  for (const s of servers) {
    log(`warm-up of ${s.name}: ${warmup} s of each endpoint`);
    await runLoad(job(s, BASELINE_PATH, warmup));
    await runLoad(job(s, INTAKE_PATH, warmup));
  }
  const seen = new Map(
    servers.map((s) => [s.name, { intake: [] as number[], baseline: [] as number[], cpu: [] as number[] }]),
  );
  for (let i = 0; i < rounds; i++) {
    for (const s of i % 2 ? [...servers].reverse() : servers) {
      const figures = seen.get(s.name);
      if (!figures) continue;
      figures.baseline.push((await runLoad(job(s, BASELINE_PATH, duration))).rps);
      const before = serverCpu(s.pid);
      const result = await runLoad(job(s, INTAKE_PATH, duration));
      figures.cpu.push(((serverCpu(s.pid) - before) * 1000) / Math.max(1, result.ok + result.errors));
      figures.intake.push(result.rps);
    }
    const line = servers
      .map((s) => `${s.name} ${Math.round(seen.get(s.name)?.intake.at(-1) ?? 0)}/s`)
      .join(', ');
    log(`round ${i + 1}/${rounds}: intake ${line}`);
  }
  const out: [string, number][] = [];
  for (const s of servers) {
    const f = seen.get(s.name);
    if (!f) continue;
    out.push(
      [`${s.name}_intake_rps`, round(median(f.intake), 1)],
      [`${s.name}_baseline_rps`, round(median(f.baseline), 1)],
      [`${s.name}_ratio`, round(median(f.intake.map((x, i) => x / (f.baseline[i] ?? x))), 3)],
      [`${s.name}_cpu_ms_per_report`, round(median(f.cpu), 3)],
    );
  }
  const [b, h] = [seen.get('base'), seen.get('head')];
  if (b && h) {
    out.push(['speedup', round(median(h.intake.map((x, i) => x / (b.intake[i] ?? x))), 3)]);
    out.push(['cpu_ratio', round(median(h.cpu) / median(b.cpu), 3)]);
  }
  process.stdout.write(out.map(([name, value]) => `${name}: ${value}\n`).join(''));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log('interrupted: stopping the servers');
    void cleanup().finally(() => process.exit(130));
  });
main().then(
  () => cleanup().then(() => process.exit(0)),
  (err: unknown) => {
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    void cleanup().finally(() => process.exit(1));
  },
);
