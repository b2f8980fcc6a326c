import chineseDays from 'chinese-days';

/**
 * The working-day calendar: Chinese statutory holidays and make-up working days (调休) from the
 * `chinese-days` package, plus extra closures the caller passes in (a department's own closed days). Dates
 * are local calendar dates `YYYY-MM-DD` in the department's time zone; instants are UTC `Date`s. Deadlines
 * are computed here and nowhere else.
 */
export type TDate = string;
export type TSlaUnit = 'calendar_days' | 'working_days' | 'hours';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): value is TDate {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function assertDate(value: string): void {
  if (!isDate(value)) throw new RangeError(`not a date (YYYY-MM-DD): ${value}`);
}

/** The date `n` calendar days after `date` (negative: before). */
export function addDays(date: TDate, n: number): TDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const coverage = new Map<number, boolean>();

/** True when the package has the State Council's schedule for that year (it ships 2004–2026 in 1.5.7). */
export function isYearCovered(year: number): boolean {
  let covered = coverage.get(year);
  if (covered === undefined) {
    covered = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coverage.set(year, covered);
  }
  return covered;
}

/**
 * A working day: not a statutory holiday, not a weekend unless it is a make-up working day, and not one of
 * the extra closed days. For a year the package does not cover, only weekends (and closures) are off.
 */
export function isWorkingDay(date: TDate, closed: ReadonlySet<TDate> = new Set()): boolean {
  assertDate(date);
  if (closed.has(date)) return false;
  const year = Number(date.slice(0, 4));
  if (isYearCovered(year)) return chineseDays.isWorkday(date);
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date `n` (≥ 0) working days after `date`; `date` itself is not counted (day one is the next). */
export function addWorkingDays(date: TDate, n: number, closed: ReadonlySet<TDate> = new Set()): TDate {
  assertDate(date);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, closed)) left -= 1;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: TDate, to: TDate, closed: ReadonlySet<TDate> = new Set()): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, closed)) count += 1;
  return count;
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: TDate, closed: ReadonlySet<TDate> = new Set()): TDate {
  let current = date;
  while (!isWorkingDay(current, closed)) current = addDays(current, 1);
  return current;
}

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** True for an IANA time zone name the runtime knows (`Asia/Shanghai`, `Europe/Berlin`). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The local date and time (`YYYY-MM-DD HH:mm`) of an instant in a time zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): TDate {
  return new Date(instant.getTime() + offsetMinutes(instant.getTime(), timeZone) * 60_000)
    .toISOString()
    .slice(0, 10);
}

/** The instant local midnight begins on `date` in the time zone. */
export function startOfDay(date: TDate, timeZone: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`);
  let guess = naive - offsetMinutes(naive, timeZone) * 60_000;
  guess = naive - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(guess);
}

/** The instant `date` ends (local midnight of the next day): a deadline "on" a date is met until then. */
export function endOfDay(date: TDate, timeZone: string): Date {
  return startOfDay(addDays(date, 1), timeZone);
}

export interface TDueInput {
  start: Date;
  unit: TSlaUnit;
  amount: number;
  timeZone: string;
  closed?: ReadonlySet<TDate>;
}

/**
 * When a period that starts at `start` ends:
 * - hours: exactly `amount` hours later;
 * - working days: the end of the `amount`-th working day after the start date (the start day is not counted);
 * - calendar days: the end of the `amount`-th day after the start date; when that day is not a working day the
 *   period ends with the next working day (the usual rule for statutory periods: 期间届满的最后一日是节假日的，
 *   以节假日后的第一日为期间届满的日期).
 */
export function computeDue(input: TDueInput): Date {
  const { start, unit, amount, timeZone } = input;
  const closed = input.closed ?? new Set<TDate>();
  if (unit === 'hours') return new Date(start.getTime() + amount * 3_600_000);
  const day = localDate(start, timeZone);
  if (unit === 'working_days') return endOfDay(addWorkingDays(day, amount, closed), timeZone);
  return endOfDay(nextWorkingDay(addDays(day, amount), closed), timeZone);
}

/**
 * Moves a deadline by a pause: the time that was left when the clock stopped is given again from the moment
 * it restarts. Hours and calendar days count elapsed time; working days count the working days left after the
 * pause date up to the due date, re-counted from the resume date.
 */
export function resumeDue(input: {
  due: Date;
  pausedAt: Date;
  resumedAt: Date;
  unit: TSlaUnit;
  timeZone: string;
  closed?: ReadonlySet<TDate>;
}): Date {
  const { due, pausedAt, resumedAt, unit, timeZone } = input;
  const closed = input.closed ?? new Set<TDate>();
  if (unit !== 'working_days') return new Date(due.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
  // `due` is the end of its day: the due date is the local date of the instant just before it.
  const dueDate = localDate(new Date(due.getTime() - 1), timeZone);
  const left = workingDaysBetween(localDate(pausedAt, timeZone), dueDate, closed);
  return endOfDay(addWorkingDays(localDate(resumedAt, timeZone), left, closed), timeZone);
}
