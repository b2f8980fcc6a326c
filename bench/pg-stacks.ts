/**
 * Where PostgreSQL's CPU time goes, by call stack: `perf record --call-graph dwarf` on the given processes (the
 * embedded binaries keep their unwind tables), summarised as the inclusive share of each phase of a backend's
 * work and of the executor functions that intake's statements spend it in. Diagnostic only (Linux, `perf`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Functions whose inclusive share is worth watching in intake's statements. */
const WATCHED = [
  'ExecInsert',
  'ExecInsertIndexTuples',
  'btinsert',
  'gininsert',
  'ginInsertCleanup',
  'heap_insert',
  'RI_FKey_check',
  'ExecCheckIndexConstraints',
  'array_to_tsvector',
  'standard_ExecutorStart',
  'array_in',
  'array_recv',
  'jsonb_from_cstring',
  'PortalRunSelect',
  'CommitTransaction',
  'XLogFlush',
];

const execFileAsync = promisify(execFile);

/** The first line of what a failed `perf` call said. */
function failure(step: string, err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return `perf ${step} failed: ${(e.stderr?.trim() || e.message || String(err)).split('\n')[0]}`;
}

/** Each sample's frames, innermost first, from `perf script` output. */
export function parseStacks(script: string): string[][] {
  const stacks: string[][] = [];
  let current: string[] | undefined;
  for (const line of script.split('\n')) {
    if (line.trim() === '') {
      if (current && current.length > 0) stacks.push(current);
      current = undefined;
    } else if (!/^\s/.test(line)) {
      current = [];
    } else if (current) {
      const m = /^\s+[0-9a-f]+ (\S+?)(?:\+0x[0-9a-f]+)? \(/.exec(line);
      if (m?.[1]) current.push(m[1]);
    }
  }
  if (current && current.length > 0) stacks.push(current);
  return stacks;
}

const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;

/** Inclusive shares: the phases under `PostgresMain` (three frames deep) and the watched functions. */
export function summariseStacks(stacks: string[][]): string {
  const total = stacks.length;
  if (total === 0) return 'no samples';
  const phases = new Map<string, number>();
  const watched = new Map<string, number>(WATCHED.map((f) => [f, 0]));
  for (const stack of stacks) {
    const outward = [...stack].reverse();
    const main = outward.indexOf('PostgresMain');
    const phase =
      main >= 0 ? outward.slice(main + 1, main + 4).join(' > ') || '(PostgresMain)' : '(not a backend)';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
    const seen = new Set(stack);
    for (const f of WATCHED) if (seen.has(f)) watched.set(f, (watched.get(f) ?? 0) + 1);
  }
  const lines = (m: Map<string, number>, top: number) =>
    [...m]
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, n]) => `  ${pct(n, total)}  ${k}`)
      .join('\n');
  return (
    `${total} samples\nby phase (inclusive):\n${lines(phases, 10)}\n` +
    `functions (inclusive; a function inside another counts in both):\n${lines(watched, WATCHED.length)}`
  );
}

/**
 * Records the processes' stacks for `seconds` (while the caller's load runs) and returns the summary, or why
 * there is none (no `perf`, not permitted).
 */
export async function recordPostgresStacks(pids: number[], seconds: number): Promise<string> {
  if (pids.length === 0) return 'no PostgreSQL processes found';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-pg-stacks-'));
  const data = path.join(dir, 'perf.data');
  try {
    try {
      await execFileAsync('perf', [
        'record',
        '-q',
        '-F',
        '499',
        '--call-graph',
        'dwarf,32768',
        '-o',
        data,
        '-p',
        pids.join(','),
        '--',
        'sleep',
        String(seconds),
      ]);
    } catch (err) {
      return failure('record', err);
    }
    let script: { stdout: string };
    try {
      // A few seconds of DWARF stacks print tens of megabytes.
      script = await execFileAsync('perf', ['script', '-i', data], { maxBuffer: 1 << 30 });
    } catch (err) {
      return failure('script', err);
    }
    return summariseStacks(parseStacks(script.stdout));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
