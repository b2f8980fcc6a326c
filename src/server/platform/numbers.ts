import { nextCounterValues } from './db/counter.repository.js';
import type { DbOrTx } from './db/pool.js';

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Human-friendly numbers such as JB20261127-000123: prefix, local date, per-day counter (6+ digits). */
export async function nextNumbers<K extends string>(
  db: DbOrTx,
  prefixes: Record<K, string>,
  at: Date,
  timeZone: string,
): Promise<Record<K, string>> {
  const day = localDate(at, timeZone);
  const kinds = Object.keys(prefixes) as K[];
  const values = await nextCounterValues(db, kinds, day);
  const compact = day.replaceAll('-', '');
  const out = {} as Record<K, string>;
  for (const kind of kinds) {
    out[kind] = `${prefixes[kind]}${compact}-${String(values.get(kind)).padStart(6, '0')}`;
  }
  return out;
}
