import { endOfDay, localDate, startOfDay } from './calendar/calendar.js';
import type { DbOrTx } from './db/pool.js';
import { createSequence } from './db/sequence.repository.js';

/** Per time zone, the day last asked for and when it begins and ends: numbers are drawn all day long. */
const days = new Map<string, { from: number; to: number; compact: string }>();

/** The local date of `at` in the time zone as YYYYMMDD. */
function compactDate(at: Date, timeZone: string): string {
  const t = at.getTime();
  const day = days.get(timeZone);
  if (day && t >= day.from && t < day.to) return day.compact;
  const date = localDate(at, timeZone);
  const from = startOfDay(date, timeZone).getTime();
  const to = endOfDay(date, timeZone).getTime();
  const compact = date.replaceAll('-', '');
  days.set(timeZone, { from, to, compact });
  return compact;
}

/**
 * Human-friendly numbers such as JB20261127-000123 come from one PostgreSQL sequence per kind and day
 * (`numbers.report_20261127`): `nextval` takes no lock that lasts until commit, so concurrent intake never
 * queues on a counter. A rolled-back report leaves a gap, never a duplicate.
 */
export interface DailyNumber {
  /** Regclass of the day's sequence, for `nextval($1::regclass)`. */
  sequence: string;
  /** Text before the counter, e.g. `JB20261127-`. */
  prefix: string;
}

export function dailyNumber(kind: string, prefix: string, at: Date, timeZone: string): DailyNumber {
  const compact = compactDate(at, timeZone);
  return { sequence: `numbers.${kind}_${compact}`, prefix: `${prefix}${compact}-` };
}

/** Creates the day's sequences (done once a day, when a statement first finds one missing). */
export async function ensureSequences(db: DbOrTx, numbers: DailyNumber[]): Promise<void> {
  for (const n of numbers) await createSequence(db, n.sequence);
}

/** PostgreSQL's "relation does not exist": the day's sequence has not been created yet. */
export function isMissingSequence(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '42P01' || e?.cause?.code === '42P01';
}
