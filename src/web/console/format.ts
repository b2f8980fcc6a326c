import type { TDepartmentRef } from './types.js';

/** A date and time in the UI language (the centre's local time as the browser shows it). */
export function dateTime(value: string | Date | null | undefined, language: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function departmentName(d: TDepartmentRef, language: string): string {
  return language === 'en' ? d.nameEn : d.nameZh;
}

/** Time left (or overdue by) in days and hours, e.g. "2d 3h". */
export function duration(ms: number): { days: number; hours: number } {
  const abs = Math.abs(ms);
  return { days: Math.floor(abs / 86_400_000), hours: Math.floor((abs % 86_400_000) / 3_600_000) };
}

export interface TSegment {
  text: string;
  match: boolean;
}

/**
 * Splits a search highlight (matches between « and ») into text segments. The result is rendered as React
 * text nodes and <mark> elements — never as HTML — so user-supplied text cannot inject markup.
 */
export function highlightSegments(highlight: string): TSegment[] {
  const out: TSegment[] = [];
  let rest = highlight;
  while (rest.length > 0) {
    const open = rest.indexOf('«');
    if (open < 0) break;
    const close = rest.indexOf('»', open + 1);
    if (close < 0) break;
    if (open > 0) out.push({ text: rest.slice(0, open), match: false });
    if (close > open + 1) out.push({ text: rest.slice(open + 1, close), match: true });
    rest = rest.slice(close + 1);
  }
  if (rest) out.push({ text: rest, match: false });
  return out;
}
