import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  computeDue,
  isWorkingDay,
  isYearCovered,
  localDate,
  resumeDue,
  workingDaysBetween,
} from './calendar.js';

const TZ = 'Asia/Shanghai';

// Expected dates are hand-computed from the State Council's notices:
// 2025 (国办发明电〔2024〕12号): 春节 1月28日–2月4日放假，1月26日（周日）、2月8日（周六）上班；
//   国庆节、中秋节 10月1日–8日放假，9月28日（周日）、10月11日（周六）上班。
// 2026 (国办发明电〔2025〕7号): 春节 2月15日–23日放假，2月14日（周六）、2月28日（周六）上班；
//   中秋节 9月25日–27日放假；国庆节 10月1日–7日放假，9月20日（周日）、10月10日（周六）上班。
describe('working-day calendar', () => {
  it('knows the years it has official schedules for', () => {
    expect(isYearCovered(2025)).toBe(true);
    expect(isYearCovered(2026)).toBe(true);
    expect(isYearCovered(2099)).toBe(false);
  });

  it.each([
    ['2025-09-28', true], // Sunday make-up day
    ['2025-10-01', false],
    ['2025-10-08', false],
    ['2025-10-11', true], // Saturday make-up day
    ['2025-10-12', false], // ordinary Sunday
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-08', true],
    ['2026-02-14', true],
    ['2026-02-15', false],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-09-20', true],
    ['2026-09-25', false], // 中秋 on a Friday
    ['2026-10-07', false],
    ['2026-10-10', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it.each([
    // 国庆 2025
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    ['2025-09-29', 7, '2025-10-15'],
    // 春节 2025
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 4, '2025-02-08'],
    // 春节 2026
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-14', 5, '2026-02-28'],
    // 中秋 and 国庆 2026
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('skips a department’s extra closed days', () => {
    expect(addWorkingDays('2025-09-30', 1, new Set(['2025-10-09']))).toBe('2025-10-10');
    expect(isWorkingDay('2025-10-09', new Set(['2025-10-09']))).toBe(false);
    expect(workingDaysBetween('2025-09-30', '2025-10-15')).toBe(6);
  });

  it('computes deadlines in the time zone and stores them in UTC', () => {
    // 1 October 01:00 in Beijing is still 30 September in UTC: the local date counts.
    expect(localDate(new Date('2025-09-30T17:00:00Z'), TZ)).toBe('2025-10-01');
    const start = new Date('2025-09-29T02:00:00Z'); // Monday 10:00 in Beijing
    expect(computeDue({ start, unit: 'working_days', amount: 7, timeZone: TZ }).toISOString()).toBe(
      '2025-10-15T16:00:00.000Z', // the end of 15 October, Beijing time
    );
    expect(computeDue({ start, unit: 'hours', amount: 24, timeZone: TZ }).toISOString()).toBe(
      '2025-09-30T02:00:00.000Z',
    );
    // 15 calendar days from 16 September end on 1 October, a holiday: the period ends on 9 October.
    expect(
      computeDue({
        start: new Date('2025-09-16T02:00:00Z'),
        unit: 'calendar_days',
        amount: 15,
        timeZone: TZ,
      }),
    ).toEqual(new Date('2025-10-09T16:00:00Z'));
    // 15 calendar days from 1 February 2026 end on 16 February (春节): the period ends on 24 February.
    expect(
      computeDue({
        start: new Date('2026-02-01T02:00:00Z'),
        unit: 'calendar_days',
        amount: 15,
        timeZone: TZ,
      }),
    ).toEqual(new Date('2026-02-24T16:00:00Z'));
  });

  it('gives back exactly the time that was left when a paused clock resumes', () => {
    const due = new Date('2025-10-15T16:00:00Z');
    // Working days: paused on 30 September with 6 working days left (9, 10, 11, 13, 14, 15 October),
    // resumed on 10 October: 6 working days from then are 11, 13, 14, 15, 16, 17 October.
    expect(
      resumeDue({
        due,
        pausedAt: new Date('2025-09-30T02:00:00Z'),
        resumedAt: new Date('2025-10-10T02:00:00Z'),
        unit: 'working_days',
        timeZone: TZ,
      }),
    ).toEqual(new Date('2025-10-17T16:00:00Z'));
    // Calendar days and hours: the paused time is added on exactly.
    expect(
      resumeDue({
        due,
        pausedAt: new Date('2025-09-30T02:00:00Z'),
        resumedAt: new Date('2025-10-03T05:30:00Z'),
        unit: 'calendar_days',
        timeZone: TZ,
      }),
    ).toEqual(new Date('2025-10-18T19:30:00Z'));
  });
});
