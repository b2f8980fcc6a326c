import { addWorkingDays, isDate, isWorkingDay, isYearCovered } from '../../platform/calendar/calendar.js';
import type { Runtime } from '../../runtime.js';
import { createDepartmentService } from '../org/department.service.js';
import { listClosures } from './sla.repository.js';

/** Closed days of the department and the departments above it (a department's closures apply below it). */
export async function closuresOf(runtime: Runtime, code: string): Promise<Set<string>> {
  const tree = await createDepartmentService(runtime.database.db).all();
  const own = tree.find((d) => d.code === code);
  if (!own) throw new Error(`no department with code ${code}`);
  const chain = tree.filter((d) => own.path === d.path || own.path.startsWith(`${d.path}.`));
  const rows = await listClosures(
    runtime.database.db,
    chain.map((d) => d.id),
  );
  return new Set(rows.map((r) => r.day));
}

function checkDate(date: string): void {
  if (!isDate(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
}

function coverageNote(date: string): string {
  const year = Number(date.slice(0, 4));
  return isYearCovered(year) ? '' : ` (no official schedule for ${year} in chinese-days: weekends only)`;
}

/** `qinglang calendar add-working-days DATE N`: prints the date N working days after DATE. */
export function addWorkingDaysCommand(date: string, n: string, closed: Set<string> = new Set()): string {
  checkDate(date);
  const days = Number(n);
  if (!Number.isInteger(days) || days < 0) throw new Error(`N must be a whole number ≥ 0: ${n}`);
  const result = addWorkingDays(date, days, closed);
  return `${result}${coverageNote(result)}\n`;
}

/** `qinglang calendar is-working-day DATE`: says whether it is a working day. */
export function isWorkingDayCommand(
  date: string,
  closed: Set<string> = new Set(),
): { text: string; working: boolean } {
  checkDate(date);
  const working = isWorkingDay(date, closed);
  return {
    text: `${date} ${working ? 'is a working day' : 'is not a working day'}${coverageNote(date)}\n`,
    working,
  };
}
