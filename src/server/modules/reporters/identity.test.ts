import { describe, expect, it } from 'vitest';
import { normaliseEmail, normaliseIdNumber, normalisePhone } from './identity.js';
import { formatReceiptCode, generateReceiptCode, normaliseReceiptCode } from './receipt-code.js';

describe('phone normalisation', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['８６１３８１２３４５６７８', '13812345678'],
    ['(010) 6552-1234', '01065521234'],
    ['0755-8888 1234', '075588881234'],
    ['400-123-4567', '4001234567'],
  ])('%s → %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each(['12345', '2381234567', '1381234567', 'abc', '+1 415 555 0100'])('refuses %s', (input) =>
    expect(normalisePhone(input)).toBeUndefined(),
  );
});

describe('resident ID numbers', () => {
  it('accepts a valid number (with x in either case)', () => {
    expect(normaliseIdNumber('11010519491231002X')).toBe('11010519491231002X');
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
  it('refuses a wrong check digit, an impossible birth date and a wrong length', () => {
    expect(normaliseIdNumber('110105194912310021')).toBeUndefined();
    expect(normaliseIdNumber('110105194902300028')).toBeUndefined();
    expect(normaliseIdNumber('1101051949123100')).toBeUndefined();
  });
});

describe('receipt codes', () => {
  it('are 16 random digits and read back however they are typed', () => {
    const code = generateReceiptCode();
    expect(code).toMatch(/^\d{16}$/);
    expect(formatReceiptCode(code)).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(normaliseReceiptCode(formatReceiptCode(code))).toBe(code);
    expect(normaliseReceiptCode(` ${code.slice(0, 8)} ${code.slice(8)} `)).toBe(code);
    expect(normaliseReceiptCode('1234-5678')).toBeUndefined();
    expect(new Set(Array.from({ length: 200 }, generateReceiptCode)).size).toBe(200);
  });
  it('lowercases e-mail', () => expect(normaliseEmail(' Zhang@Example.COM ')).toBe('zhang@example.com'));
});
