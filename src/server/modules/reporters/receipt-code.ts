import { randomInt } from 'node:crypto';

/** 16 random digits from the CSPRNG (about 53 bits), shown as 4-4-4-4. */
export function generateReceiptCode(): string {
  let digits = '';
  for (let i = 0; i < 4; i++) digits += String(randomInt(0, 10_000)).padStart(4, '0');
  return digits;
}

export function formatReceiptCode(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1-');
}

/** Accepts the code as typed (spaces, dashes, full-width digits); returns 16 digits or undefined. */
export function normaliseReceiptCode(input: string): string | undefined {
  const digits = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\s\-\u2010-\u2015\uFF0D]/g, '');
  return /^\d{16}$/.test(digits) ? digits : undefined;
}
