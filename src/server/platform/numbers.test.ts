import { describe, expect, it } from 'vitest';
import { dailyNumber } from './numbers.js';

describe('dailyNumber', () => {
  it('numbers by the local day of the time zone, also right across midnight after a cached day', () => {
    const before = new Date('2026-11-27T15:59:59.999Z'); // 23:59:59.999 in Shanghai
    const after = new Date('2026-11-27T16:00:00.000Z'); // 00:00 on the 28th in Shanghai
    expect(dailyNumber('report', 'JB', before, 'Asia/Shanghai')).toEqual({
      sequence: 'numbers.report_20261127',
      prefix: 'JB20261127-',
    });
    expect(dailyNumber('report', 'JB', before, 'Asia/Shanghai').prefix).toBe('JB20261127-');
    expect(dailyNumber('case', 'AJ', after, 'Asia/Shanghai')).toEqual({
      sequence: 'numbers.case_20261128',
      prefix: 'AJ20261128-',
    });
    // Back to the previous day (a clock that went back): still that day's number.
    expect(dailyNumber('report', 'JB', before, 'Asia/Shanghai').prefix).toBe('JB20261127-');
  });

  it('keeps each time zone’s day apart', () => {
    const at = new Date('2026-11-27T20:00:00Z');
    expect(dailyNumber('report', 'JB', at, 'Asia/Shanghai').prefix).toBe('JB20261128-');
    expect(dailyNumber('report', 'JB', at, 'UTC').prefix).toBe('JB20261127-');
    expect(dailyNumber('report', 'JB', at, 'America/Los_Angeles').prefix).toBe('JB20261127-');
    expect(dailyNumber('report', 'JB', at, 'Asia/Shanghai').prefix).toBe('JB20261128-');
  });
});
