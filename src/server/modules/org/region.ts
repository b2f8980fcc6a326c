/** Province-level divisions of GB/T 2260 (first two digits of a six-digit administrative code). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** The national code used by the national centre. */
export const NATIONAL_REGION = '100000';

/** True for a six-digit code whose first two digits name a province-level division. */
export function isKnownRegion(code: string): boolean {
  return /^\d{6}$/.test(code) && PROVINCES.has(code.slice(0, 2));
}

/** The code itself, then its city (AAAA00) and province (AA0000) — most specific first, no repeats. */
export function regionAncestry(code: string): string[] {
  const chain = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  return chain.filter((c, i) => chain.indexOf(c) === i);
}
