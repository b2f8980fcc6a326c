/** The lists in the order people look for them; platform cue lists follow, then any other. */
const ORDER = [
  'generic',
  'tracking_param',
  'category_compat',
  'card_cue',
  'alipay_cue',
  'default_handle_platform',
];
const KIND_PREFIX = /^(url|domain|phone|account|app|payment)\|.+$/;
export const MAX_VALUE = 300;
const MAX_VALUES = 5000;

export function listOrder(names: string[]): string[] {
  const rank = (n: string) => {
    const i = ORDER.indexOf(n);
    return i >= 0 ? i : n.startsWith('platform:') ? ORDER.length : ORDER.length + 1;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The first value a list would refuse, as an i18n key and its parameters (undefined when all are fine). */
export function listProblem(
  list: string,
  values: string[],
  known: { categories: string[]; platforms: string[] },
): { key: string; params: Record<string, string | number> } | undefined {
  if (values.length > MAX_VALUES) return { key: 'lists.error.tooMany', params: { max: MAX_VALUES } };
  const long = values.find((v) => v.length > MAX_VALUE);
  if (long) return { key: 'lists.error.tooLong', params: { value: long, max: MAX_VALUE } };
  if (list === 'generic') {
    const bad = values.find((v) => !KIND_PREFIX.test(v));
    if (bad) return { key: 'lists.error.generic', params: { value: bad } };
  }
  if (list === 'category_compat') {
    const bad = values.find((v) => {
      const [a, b, ...rest] = v.split('|');
      if (!a || !b || rest.length > 0) return true;
      return known.categories.length > 0 && !(known.categories.includes(a) && known.categories.includes(b));
    });
    if (bad) return { key: 'lists.error.compat', params: { value: bad } };
  }
  if (list === 'tracking_param') {
    const bad = values.find((v) => /[\s=&?#]/.test(v));
    if (bad) return { key: 'lists.error.param', params: { value: bad } };
  }
  if (list === 'default_handle_platform') {
    if (values.length !== 1) return { key: 'lists.error.onePlatform', params: {} };
    const [p] = values as [string];
    if (!known.platforms.includes(p)) return { key: 'lists.error.platform', params: { value: p } };
  }
  return undefined;
}
