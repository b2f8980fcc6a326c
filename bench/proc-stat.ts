/** CPU times from Linux's /proc, for the benchmarks that account CPU by process or thread. */
import { readFile } from 'node:fs/promises';

/** USER_HZ: the unit of /proc CPU times on Linux. */
export const TICK = 100;

/** The fields after the command name of a /proc stat line (the name, in parentheses, may hold spaces). */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime (seconds) from a /proc stat line. */
export function cpuSeconds(stat: string): number {
  const fields = statFields(stat);
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

/** A process's parent and CPU seconds (all its threads), from its /proc stat line. */
export function processStat(stat: string): { ppid: number; cpu: number } {
  return { ppid: Number(statFields(stat)[1]), cpu: cpuSeconds(stat) };
}

/** Busy and total CPU seconds of the whole machine (all cores) from /proc/stat; zeros where there is none. */
export async function machineCpu(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8').catch(() => '')).split('\n')[0] ?? '';
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return { busy: (total - idle) / TICK, total: total / TICK };
}
