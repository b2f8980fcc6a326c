import { appCandidates, extractTargets, type TExtractConfig, type TExtracted } from './target.extract.js';
import { EMPTY_LIST_MARK } from './target.lists.js';
import { normalizeDomain } from './target.normalize.js';

/** The editable lists as target recognition and clustering read them. */
export interface TTargetConfig extends TExtractConfig {
  generic: Set<string>;
  compatible: Set<string>;
}

export function toConfig(rows: { list: string; value: string }[]): TTargetConfig {
  const lists = new Map<string, string[]>();
  for (const r of rows)
    if (r.value !== EMPTY_LIST_MARK) lists.set(r.list, [...(lists.get(r.list) ?? []), r.value]);
  const platforms: Record<string, string[]> = {};
  for (const [list, values] of lists) if (list.startsWith('platform:')) platforms[list.slice(9)] = values;
  const compatible = new Set<string>();
  for (const pair of lists.get('category_compat') ?? []) {
    const [a, b] = pair.split('|');
    compatible.add(`${a}|${b}`).add(`${b}|${a}`);
  }
  return {
    platforms,
    trackingParams: lists.get('tracking_param') ?? [],
    cardCues: lists.get('card_cue') ?? [],
    alipayCues: lists.get('alipay_cue') ?? [],
    defaultHandlePlatform: lists.get('default_handle_platform')?.[0] ?? 'weibo',
    generic: new Set(lists.get('generic') ?? []),
    compatible,
  };
}

/**
 * A target is generic when listed, or when it is a URL with an empty path on a generic registrable domain.
 * `urlDomain`: a URL's registrable domain when the caller has it already.
 */
export function isGeneric(
  kind: string,
  normalized: string,
  config: TTargetConfig,
  urlDomain?: string | undefined,
): boolean {
  if (config.generic.has(`${kind}|${normalized}`)) return true;
  if (kind === 'domain') return false;
  if (kind === 'url' && /^https?:\/\/[^/?]+$/.test(normalized)) {
    const domain = urlDomain ?? normalizeDomain(normalized);
    const host = normalized.replace(/^https?:\/\//, '').split(':')[0] ?? '';
    return config.generic.has(`domain|${domain}`) || config.generic.has(`domain|${host}`);
  }
  return false;
}

/** A target found in a report, with its registry key and whether it is derived or generic. */
export interface TAnalysedTarget extends TExtracted {
  key: string;
  derived: boolean;
  generic: boolean;
}

/** Keys and generic flags of the targets found, plus each URL's registrable domain (derived). */
export function withKeys(found: TExtracted[], cfg: TTargetConfig): TAnalysedTarget[] {
  const out = new Map<string, TAnalysedTarget>();
  /** Each URL's registrable domain, worked out once (it decides both genericity and the derived domain). */
  const urlDomains = new Map<string, string | undefined>();
  for (const { kind, value, normalized } of found) {
    const key = `${kind}|${normalized}`;
    let domain: string | undefined;
    if (kind === 'url') {
      domain = urlDomains.has(normalized) ? urlDomains.get(normalized) : normalizeDomain(normalized);
      urlDomains.set(normalized, domain);
    }
    // Members written out: on Node 20, a spread with more members after it costs ~100 times as much.
    out.set(key, {
      kind,
      value,
      normalized,
      key,
      derived: false,
      generic: isGeneric(kind, normalized, cfg, domain),
    });
  }
  for (const t of [...out.values()]) {
    if (t.kind !== 'url') continue;
    const domain = urlDomains.get(t.normalized);
    const key = `domain|${domain}`;
    if (domain && !out.has(key)) {
      out.set(key, {
        kind: 'domain',
        value: t.value,
        normalized: domain,
        key,
        derived: true,
        generic: isGeneric('domain', domain, cfg),
      });
    }
  }
  return [...out.values()];
}

/** What a report's texts name: its targets (with keys and flags) and app names to look up in the registry. */
export interface TAnalysis {
  targets: TAnalysedTarget[];
  /** `app|name` keys of app names in the texts that are not targets already; known apps among them join. */
  appKeys: string[];
}

/** Targets of a report: from its description and its explicit target fields (pure: any thread may run it). */
export function analyseTargets(
  description: string,
  explicit: readonly string[],
  cfg: TTargetConfig,
): TAnalysis {
  const texts = [description, ...explicit];
  const targets = withKeys(
    texts.flatMap((text) => extractTargets(text, cfg)),
    cfg,
  );
  const have = new Set(targets.map((t) => t.key));
  const appKeys = texts
    .flatMap((text) => appCandidates(text))
    .map((n) => `app|${n}`)
    .filter((k) => !have.has(k) && !cfg.generic.has(k));
  return { targets, appKeys };
}
