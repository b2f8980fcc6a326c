/** Reporter identity as submitted (plaintext: exists only in memory, only while needed). */
export interface TReporterIdentity {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  idNumber?: string | undefined;
  address?: string | undefined;
}

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;

function halfWidthDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/**
 * Normalises a Chinese phone number to its national digits (mobile 1XXXXXXXXXX, landline 0AA(A)NNNNNNN(N),
 * 400/800 service numbers), dropping +86/0086, spaces, dashes and brackets. Undefined when not a phone.
 */
export function normalisePhone(input: string): string | undefined {
  let digits = halfWidthDigits(input).replace(/[\s\-()（）.]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0[1-9]\d{8,10}$/.test(digits)) return digits;
  if (/^[48]00\d{7}$/.test(digits)) return digits;
  return undefined;
}

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Validates an 18-character resident ID (GB 11643: birth date and ISO 7064 MOD 11-2 check digit). */
export function normaliseIdNumber(input: string): string | undefined {
  const id = halfWidthDigits(input).trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return undefined;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== birth ||
    date.getTime() > Date.now()
  ) {
    return undefined;
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17] ? id : undefined;
}
