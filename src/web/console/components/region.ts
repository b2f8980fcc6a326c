import { citiesOf, regionLabel } from '../../shared/regions.js';

/** The province (AA0000) and, when listed, the city (AAAA00) of a GB/T 2260 code; '' when unknown. */
export function splitRegion(code: string): { province: string; city: string } {
  if (!/^\d{6}$/.test(code)) return { province: '', city: '' };
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const listed = citiesOf(province, 'zh-CN').some((c) => c.code === city);
  return { province, city: listed && city !== province ? city : '' };
}

/** A region as people read it: "广东省 · 广州市 (440106)", or '—'. */
export function regionText(code: string | null, language: string): string {
  return code ? `${regionLabel(code, language)} (${code})` : '—';
}
