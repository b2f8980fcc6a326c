import {
  addWorkingDays,
  endOfDay,
  isDate,
  isWorkingDay,
  isYearCovered,
  localDate,
} from '../../platform/calendar/calendar.js';
import type { Runtime } from '../../runtime.js';
import { createDepartmentService } from '../org/department.service.js';
import { listClosures } from './sla.repository.js';

/** A department's working-day calendar: its zone, and the closed days of it and the departments above it. */
export interface TDepartmentCalendar {
  code: string;
  timeZone: string;
  closed: Set<string>;
}

/** The department's zone and the closed days of it and the departments above it (closures apply below). */
export async function calendarOfDepartment(runtime: Runtime, code: string): Promise<TDepartmentCalendar> {
  const tree = await createDepartmentService(runtime.database.db).all();
  const own = tree.find((d) => d.code === code);
  if (!own) throw new Error(`no department with code ${code}`);
  const chain = tree.filter((d) => own.path === d.path || own.path.startsWith(`${d.path}.`));
  const rows = await listClosures(
    runtime.database.db,
    chain.map((d) => d.id),
  );
  return { code, timeZone: own.timeZone, closed: new Set(rows.map((r) => r.day)) };
}

/** A date, or an instant (ISO 8601 with a zone) read as its local date in the department's zone. */
function startDate(value: string, timeZone: string | undefined): string {
  if (isDate(value)) return value;
  const instant =
    /[T ]\d{2}:\d{2}/.test(value) && /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime()))
    throw new Error(`not a date (YYYY-MM-DD) or an instant with a zone (2025-09-30T20:00:00Z): ${value}`);
  return localDate(instant, timeZone ?? 'Asia/Shanghai');
}

function coverageNote(date: string): string {
  const year = Number(date.slice(0, 4));
  return isYearCovered(year) ? '' : ` (no official schedule for ${year} in chinese-days: weekends only)`;
}

function calendarOf(cal: TDepartmentCalendar | undefined) {
  return cal
    ? { closed: cal.closed, timeZone: cal.timeZone }
    : { closed: new Set<string>(), timeZone: undefined };
}

/**
 * `qinglang calendar add-working-days DATE N [--department CODE]`: prints the date N working days after DATE.
 * With a department: its closed days count, an instant as DATE is read in its time zone, and the line says
 * when that day ends there (the deadline instant, in UTC), as the deadline engine computes it.
 */
export function addWorkingDaysCommand(date: string, n: string, cal?: TDepartmentCalendar): string {
  const { closed, timeZone } = calendarOf(cal);
  const start = startDate(date, timeZone);
  const days = Number(n);
  if (!Number.isInteger(days) || days < 0) throw new Error(`N must be a whole number ≥ 0: ${n}`);
  const result = addWorkingDays(start, days, closed);
  const ends = timeZone ? ` (ends ${endOfDay(result, timeZone).toISOString()}, ${timeZone})` : '';
  return `${result}${ends}${coverageNote(result)}\n`;
}

/** `qinglang calendar is-working-day DATE`: says whether it is a working day. */
export function isWorkingDayCommand(
  date: string,
  cal?: TDepartmentCalendar,
): { text: string; working: boolean } {
  const { closed, timeZone } = calendarOf(cal);
  const day = startDate(date, timeZone);
  const working = isWorkingDay(day, closed);
  return {
    text: `${day} ${working ? 'is a working day' : 'is not a working day'}${coverageNote(day)}\n`,
    working,
  };
}
