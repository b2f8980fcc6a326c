import type { TPriority } from '../categories/category.tables.js';

/** One rule as stored in `triage_rules`. */
export interface TRule {
  id: string;
  kind: 'category' | 'priority';
  target: string;
  allOf: string[][];
  noneOf: string[];
  weight: number;
  reasonZh: string;
  reasonEn: string;
  enabled: boolean;
}

export interface TReason {
  rule: string;
  zh: string;
  en: string;
}

export interface TSuggestion {
  category: string;
  scores: Record<string, number>;
  priority: TPriority;
  reasons: TReason[];
  urgent: boolean;
}

const RANK: Record<TPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
export function higherPriority(a: TPriority, b: TPriority): TPriority {
  return RANK[a] >= RANK[b] ? a : b;
}

const NEGATION = /[未没不无非别][^，。,.!！?？]{0,2}$/u;
/** Multi-group rules fire only when one cue of each group occurs within this many characters. */
const WINDOW = 60;
const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  几: 3,
};

/** Computed cues: `<18岁>` (an age under 18 is mentioned) and `<金额≥N>` (an amount of money of at least N). */
function features(text: string): { cue: string; at: number; amount?: number }[] {
  const out: { cue: string; at: number; amount?: number }[] = [];
  for (const m of text.matchAll(/(\d{1,2})\s*岁/g))
    if (Number(m[1]) < 18) out.push({ cue: '<18岁>', at: m.index });
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(万|w|W)|(\d{4,})\s*(?:元|块)/g)) {
    const amount = m[2] ? Number(m[1]) * 10_000 : Number(m[3]);
    out.push({ cue: '<金额>', at: m.index, amount });
  }
  for (const m of text.matchAll(/([一二两三四五六七八九几])?(十|百)?多?([一二两三四五六七八九])?\s*(万)/g)) {
    if (!m[1] && !m[2] && !m[3]) continue;
    const head = CN_DIGITS[m[1] ?? ''] ?? 1;
    const unit = m[2] === '百' ? 100 : m[2] === '十' ? 10 : 1;
    const tail = CN_DIGITS[m[3] ?? ''] ?? 0;
    out.push({ cue: '<金额>', at: m.index, amount: (head * unit + tail) * 10_000 });
  }
  return out;
}

/** A cue of a compiled rule: a plain text (lowercase, found by the trie) or a computed cue over the features. */
type TCue = { plain: string } | { computed: (feats: TFeature[]) => number[] };
type TFeature = ReturnType<typeof features>[number];

interface TCompiledRule {
  rule: TRule;
  noneOf: TCue[];
  allOf: TCue[][];
}

interface TTrie {
  /** Children by UTF-16 code unit (no one-character string is made per step of the scan). */
  next: Map<number, TTrie>;
  /** The (lowercase) cue ending here, and whether it is ASCII (then it must stand alone as a word). */
  cue?: string;
  ascii?: boolean;
}

/** A rule set compiled once: cues lowercased and parsed, every plain cue in one trie. */
interface TCompiled {
  rules: TCompiledRule[];
  trie: TTrie;
}

const compiledSets = new WeakMap<TRule[], TCompiled>();

function compileCue(cue: string): TCue {
  const threshold = /^<金额≥(\d+)>$/.exec(cue);
  if (threshold) {
    const min = Number(threshold[1]);
    return {
      computed: (feats) => feats.filter((f) => f.amount !== undefined && f.amount >= min).map((f) => f.at),
    };
  }
  if (cue.startsWith('<'))
    return { computed: (feats) => feats.filter((f) => f.cue === cue).map((f) => f.at) };
  return { plain: cue.toLowerCase() };
}

function compile(rules: TRule[]): TCompiled {
  let compiled = compiledSets.get(rules);
  if (compiled) return compiled;
  const trie: TTrie = { next: new Map() };
  const out: TCompiledRule[] = rules.map((rule) => ({
    rule,
    noneOf: rule.noneOf.map(compileCue),
    allOf: rule.allOf.map((group) => group.map(compileCue)),
  }));
  for (const r of out) {
    for (const cue of [...r.allOf.flat(), ...r.noneOf]) {
      if (!('plain' in cue)) continue;
      let node = trie;
      for (let i = 0; i < cue.plain.length; i++) {
        const unit = cue.plain.charCodeAt(i);
        let child = node.next.get(unit);
        if (!child) {
          child = { next: new Map() };
          node.next.set(unit, child);
        }
        node = child;
      }
      node.cue = cue.plain;
      node.ascii = /^[a-z ]+$/.test(cue.plain);
    }
  }
  compiled = { rules: out, trie };
  compiledSets.set(rules, compiled);
  return compiled;
}

/** a–z as UTF-16 code units (NaN, outside the text, is not). */
const isLatin = (unit: number) => unit >= 0x61 && unit <= 0x7a;

/** Walks the text once against the trie: every un-negated occurrence of every plain cue. */
function scan(text: string, root: TTrie): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    let node = root.next.get(text.charCodeAt(i));
    let j = i + 1;
    while (node) {
      const cue = node.cue;
      if (cue !== undefined && accept(text, cue, node.ascii === true, i)) {
        const list = found.get(cue);
        if (list) list.push(i);
        else found.set(cue, [i]);
      }
      node = j < text.length ? node.next.get(text.charCodeAt(j)) : undefined;
      j++;
    }
  }
  return found;
}

function accept(text: string, needle: string, ascii: boolean, at: number): boolean {
  if (ascii && (isLatin(text.charCodeAt(at - 1)) || isLatin(text.charCodeAt(at + needle.length))))
    return false;
  return at === 0 || !NEGATION.test(text.slice(Math.max(0, at - 3), at));
}

/** One text under evaluation: the computed features and every plain cue's positions. */
interface TMatch {
  feats: TFeature[];
  seen: Map<string, number[]>;
  /** Positions of the computed cues (amounts, ages), each worked out once per text. */
  computed: Map<TCue, number[]>;
}

const NONE: number[] = [];

function positions(m: TMatch, cue: TCue): number[] {
  if ('plain' in cue) return m.seen.get(cue.plain) ?? NONE;
  let found = m.computed.get(cue);
  if (!found) {
    found = cue.computed(m.feats);
    m.computed.set(cue, found);
  }
  return found;
}

function anyPresent(m: TMatch, cues: TCue[]): boolean {
  for (const c of cues) if (positions(m, c).length > 0) return true;
  return false;
}

function fires(r: TCompiledRule, m: TMatch): boolean {
  if (!r.rule.enabled || r.allOf.length === 0) return false;
  if (anyPresent(m, r.noneOf)) return false;
  for (const group of r.allOf) if (!anyPresent(m, group)) return false;
  // Most rules have one group: it fires without comparing positions.
  if (r.allOf.length === 1) return true;
  const [first, ...rest] = r.allOf.map((g) => g.flatMap((c) => positions(m, c)));
  return (first ?? []).some((p) => rest.every((g) => g.some((q) => Math.abs(q - p) <= WINDOW)));
}

/** Count of category rules' cue hits (each distinct cue once), times the rule's weight. */
function categoryScore(r: TCompiledRule, m: TMatch): number {
  if (!r.rule.enabled) return 0;
  if (anyPresent(m, r.noneOf)) return 0;
  let hits = 0;
  for (const c of r.allOf[0] ?? []) if (positions(m, c).length > 0) hits++;
  return hits * r.rule.weight;
}

/**
 * Suggests a category and a priority for a report from the rules: the category with the highest score (or
 * `other` when no category reaches 2 points); the highest priority any priority rule gives (else `normal`),
 * with the reasons of every rule that fired.
 */
export function suggest(rules: TRule[], description: string, targetKinds: string[] = []): TSuggestion {
  const text = description.normalize('NFKC').toLowerCase();
  const compiled = compile(rules);
  const m: TMatch = { feats: features(text), seen: scan(text, compiled.trie), computed: new Map() };
  const scores: Record<string, number> = {};
  for (const r of compiled.rules) {
    if (r.rule.kind !== 'category') continue;
    scores[r.rule.target] = (scores[r.rule.target] ?? 0) + categoryScore(r, m);
  }
  if (targetKinds.includes('payment')) scores.fraud = (scores.fraud ?? 0) + 2;
  let category = 'other';
  let best = 1;
  for (const [code, score] of Object.entries(scores)) {
    if (score > best) {
      best = score;
      category = code;
    }
  }
  let priority: TPriority = 'normal';
  let lowOnly = false;
  const reasons: TReason[] = [];
  for (const r of compiled.rules) {
    const { rule } = r;
    if (rule.kind !== 'priority' || !fires(r, m)) continue;
    const p = rule.target as TPriority;
    reasons.push({ rule: rule.id, zh: rule.reasonZh, en: rule.reasonEn });
    if (p === 'low') lowOnly = true;
    else priority = higherPriority(priority, p);
  }
  if (lowOnly && priority === 'normal') priority = 'low';
  if (category === 'other' && priority === 'normal' && targetKinds.length === 0) priority = 'low';
  return { category, scores, priority, reasons, urgent: priority === 'urgent' };
}
