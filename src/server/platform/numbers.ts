import type { DbOrTx } from './db/pool.js';
import { createSequence } from './db/sequence.repository.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
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
  const compact = localDate(at, timeZone).replaceAll('-', '');
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
