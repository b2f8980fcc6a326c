import type { FieldError } from '../../platform/errors.js';
import { TARGET_KINDS } from './target.normalize.js';

/** What a list's entries may refer to: the active category codes and the platform lists (without `platform:`). */
export interface TListKnown {
  categories: readonly string[];
  platforms: readonly string[];
}

/** Stored for a list staff emptied on purpose (so the seed does not refill it); never an entry itself. */
export const EMPTY_LIST_MARK = '-';

const KINDS: ReadonlySet<string> = new Set(TARGET_KINDS);
/** A query parameter name, or a prefix of names when it ends with `*` (never `*` alone). */
const TRACKING_PARAM = /^[^\s=&?#*]+\*?$/u;

function entryProblem(list: string, value: string, known: TListKnown): string | undefined {
  if (value === EMPTY_LIST_MARK) return 'field.list_entry_reserved';
  if (list === 'generic') {
    const bar = value.indexOf('|');
    const kind = value.slice(0, Math.max(bar, 0));
    return bar > 0 && KINDS.has(kind) && value.slice(bar + 1).trim() !== ''
      ? undefined
      : 'field.list_generic_entry';
  }
  if (list === 'category_compat') {
    const parts = value.split('|');
    return parts.length === 2 && parts.every((c) => known.categories.includes(c))
      ? undefined
      : 'field.list_compat_entry';
  }
  if (list === 'tracking_param') return TRACKING_PARAM.test(value) ? undefined : 'field.list_tracking_param';
  if (list === 'default_handle_platform')
    return known.platforms.includes(value) ? undefined : 'field.list_platform_unknown';
  return undefined;
}

/**
 * Field problems of a list's new values (paths `values` and `values.<index>`, messages as i18n keys): each
 * entry's format for its list, duplicates, the reserved empty-list mark; `default_handle_platform` holds
 * exactly one known platform and a platform's cue list may not be emptied. Values arrive trimmed.
 */
export function listProblems(list: string, values: readonly string[], known: TListKnown): FieldError[] {
  const out: FieldError[] = [];
  if (list === 'default_handle_platform' && values.length !== 1)
    out.push({ path: 'values', message: 'field.list_one_platform' });
  if (list.startsWith('platform:') && values.length === 0)
    out.push({ path: 'values', message: 'field.list_platform_empty' });
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const problem = seen.has(value) ? 'field.list_entry_duplicate' : entryProblem(list, value, known);
    seen.add(value);
    if (problem) out.push({ path: `values.${i}`, message: problem });
  });
  return out;
}
