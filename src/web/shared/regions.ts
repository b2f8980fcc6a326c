import { REGIONS, type TRegionRow } from './regions.data.js';

export interface TRegionOption {
  code: string;
  name: string;
}

const pick = (row: TRegionRow, lang: string): TRegionOption => ({
  code: row[0],
  name: lang === 'en' ? row[2] : row[1],
});

/** Province-level divisions in GB/T 2260 order, named in the UI language. */
export function provinces(lang: string): TRegionOption[] {
  return REGIONS.map((r) => pick(r.province, lang));
}

/** The prefecture-level divisions of a province (empty for municipalities, Taiwan, Hong Kong and Macao). */
export function citiesOf(provinceCode: string, lang: string): TRegionOption[] {
  const province = REGIONS.find((r) => r.province[0] === provinceCode);
  return province ? province.cities.map((c) => pick(c, lang)) : [];
}

/** The full name of a code (province, or "province · city"), for the review step. */
export function regionLabel(code: string, lang: string): string {
  const province = REGIONS.find((r) => r.province[0] === `${code.slice(0, 2)}0000`);
  if (!province) return code;
  const p = pick(province.province, lang).name;
  const city = province.cities.find((c) => c[0] === code);
  return city ? `${p} · ${pick(city, lang).name}` : p;
}
