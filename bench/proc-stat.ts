/** CPU times from Linux's /proc, for the benchmarks that account CPU by process or thread. */

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
