/** The lists in the order people look for them; platform cue lists follow, then any other. */
const ORDER = [
  'generic',
  'tracking_param',
  'category_compat',
  'card_cue',
  'alipay_cue',
  'default_handle_platform',
];
const KIND_PREFIX = /^(url|domain|phone|account|app|payment)\|\s*\S/;
export const MAX_VALUE = 300;
const MAX_VALUES = 5000;

export function listOrder(names: string[]): string[] {
  const rank = (n: string) => {
    const i = ORDER.indexOf(n);
    return i >= 0 ? i : n.startsWith('platform:') ? ORDER.length : ORDER.length + 1;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Stored for an emptied list; never an entry. */
const EMPTY_MARK = '-';
/** A query parameter name, or a prefix of names ending with `*` (never `*` alone). */
const TRACKING_PARAM = /^[^\s=&?#*]+\*?$/u;

/**
 * The first value a list would refuse, as an i18n key and its parameters (undefined when all are fine): the
 * server's checks (PUT /targets/lists/:list), made before sending so the message sits by the field.
 */
export function listProblem(
  list: string,
  values: string[],
  known: { categories: string[]; platforms: string[] },
): { key: string; params: Record<string, string | number> } | undefined {
  if (values.length > MAX_VALUES) return { key: 'lists.error.tooMany', params: { max: MAX_VALUES } };
  if (list === 'default_handle_platform' && values.length !== 1)
    return { key: 'lists.error.onePlatform', params: {} };
  if (list.startsWith('platform:') && values.length === 0)
    return { key: 'lists.error.emptyPlatform', params: {} };
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return { key: 'lists.error.duplicate', params: { value } };
    seen.add(value);
    const problem = entryProblem(list, value, known);
    if (problem) return { key: problem, params: { value, max: MAX_VALUE } };
  }
  return undefined;
}

function entryProblem(
  list: string,
  v: string,
  known: { categories: string[]; platforms: string[] },
): string | undefined {
  if (v.length > MAX_VALUE) return 'lists.error.tooLong';
  if (v === EMPTY_MARK) return 'lists.error.reserved';
  if (list === 'generic' && !KIND_PREFIX.test(v)) return 'lists.error.generic';
  if (list === 'category_compat') {
    const [a, b, ...rest] = v.split('|');
    const ok = a && b && rest.length === 0;
    const knownCodes =
      known.categories.length === 0 ||
      (known.categories.includes(a ?? '') && known.categories.includes(b ?? ''));
    if (!ok || !knownCodes) return 'lists.error.compat';
  }
  if (list === 'tracking_param' && !TRACKING_PARAM.test(v)) return 'lists.error.param';
  if (list === 'default_handle_platform' && !known.platforms.includes(v)) return 'lists.error.platform';
  return undefined;
}
