import { newTrie, scanTrie, type TTrie, trieNode } from '../../platform/text/trie.js';
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
  // Each match ends at 万: most texts have none, and this pattern (every part before 万 optional) is slow to rule out.
  if (!text.includes('万')) return out;
  for (const m of text.matchAll(/([一二两三四五六七八九几])?(十|百)?多?([一二两三四五六七八九])?\s*(万)/g)) {
    if (!m[1] && !m[2] && !m[3]) continue;
    const head = CN_DIGITS[m[1] ?? ''] ?? 1;
    const unit = m[2] === '百' ? 100 : m[2] === '十' ? 10 : 1;
    const tail = CN_DIGITS[m[3] ?? ''] ?? 0;
    out.push({ cue: '<金额>', at: m.index, amount: (head * unit + tail) * 10_000 });
  }
  return out;
}

/**
 * A cue of a compiled rule: a plain text (lowercase, found by the trie), known by its number in the rule set
 * (`id`), or a computed cue over the features (`id` -1). One shape for both, so reading a cue stays cheap.
 */
interface TCue {
  id: number;
  computed: ((feats: TFeature[]) => number[]) | undefined;
}
type TFeature = ReturnType<typeof features>[number];

interface TCompiledRule {
  rule: TRule;
  noneOf: TCue[];
  allOf: TCue[][];
  /** The computed cues of the first group (a category rule's plain cues are counted through `scoring`). */
  computedFirst: TCue[];
}

/** What the trie holds at a plain cue's end: its number, its length, whether it is ASCII (then it stands alone). */
interface TPlainCue {
  id: number;
  length: number;
  ascii: boolean;
}

/** A rule set compiled once: cues lowercased, parsed and numbered, every plain cue in one trie. */
interface TCompiled {
  rules: TCompiledRule[];
  trie: TTrie<TPlainCue>;
  /** How many distinct plain cues (their numbers are 0 … cues - 1). */
  cues: number;
  /**
   * For each plain cue number, the index of every category rule whose group lists it (as often as it is
   * listed): a text's score comes from the few cues it holds, not from every cue of every rule.
   */
  scoring: number[][];
}

const compiledSets = new WeakMap<TRule[], TCompiled>();

function compileCue(cue: string, trie: TTrie<TPlainCue>, ids: Map<string, number>): TCue {
  const threshold = /^<金额≥(\d+)>$/.exec(cue);
  if (threshold) {
    const min = Number(threshold[1]);
    return {
      id: -1,
      computed: (feats) => feats.filter((f) => f.amount !== undefined && f.amount >= min).map((f) => f.at),
    };
  }
  if (cue.startsWith('<'))
    return { id: -1, computed: (feats) => feats.filter((f) => f.cue === cue).map((f) => f.at) };
  const plain = cue.toLowerCase();
  let id = ids.get(plain);
  if (id === undefined) {
    id = ids.size;
    ids.set(plain, id);
    trieNode(trie, plain).value = { id, length: plain.length, ascii: /^[a-z ]+$/.test(plain) };
  }
  return { id, computed: undefined };
}

function compile(rules: TRule[]): TCompiled {
  let compiled = compiledSets.get(rules);
  if (compiled) return compiled;
  const trie = newTrie<TPlainCue>();
  const ids = new Map<string, number>();
  const out: TCompiledRule[] = rules.map((rule) => {
    const allOf = rule.allOf.map((group) => group.map((cue) => compileCue(cue, trie, ids)));
    const noneOf = rule.noneOf.map((cue) => compileCue(cue, trie, ids));
    return { rule, allOf, noneOf, computedFirst: (allOf[0] ?? []).filter((c) => c.computed !== undefined) };
  });
  const scoring = Array.from({ length: ids.size }, (): number[] => []);
  out.forEach((r, index) => {
    if (r.rule.kind !== 'category') return;
    for (const cue of r.allOf[0] ?? []) if (cue.computed === undefined) scoring[cue.id]?.push(index);
  });
  compiled = { rules: out, trie, cues: ids.size, scoring };
  compiledSets.set(rules, compiled);
  return compiled;
}

/** a–z as UTF-16 code units (NaN, outside the text, is not). */
const isLatin = (unit: number) => unit >= 0x61 && unit <= 0x7a;

/**
 * Walks the text once against the trie: every un-negated occurrence of every plain cue, by cue number, and the
 * numbers of the cues found.
 */
function scan(text: string, compiled: TCompiled): { seen: (number[] | undefined)[]; found: number[] } {
  const seen = new Array<number[] | undefined>(compiled.cues);
  const found: number[] = [];
  scanTrie(text, compiled.trie, (cue, start) => {
    if (!accept(text, cue.length, cue.ascii, start)) return;
    const list = seen[cue.id];
    if (list) list.push(start);
    else {
      seen[cue.id] = [start];
      found.push(cue.id);
    }
  });
  return { seen, found };
}

function accept(text: string, length: number, ascii: boolean, at: number): boolean {
  if (ascii && (isLatin(text.charCodeAt(at - 1)) || isLatin(text.charCodeAt(at + length)))) return false;
  return at === 0 || !NEGATION.test(text.slice(Math.max(0, at - 3), at));
}

/** One text under evaluation: the computed features and every plain cue's positions. */
interface TMatch {
  feats: TFeature[];
  /** Positions of each plain cue, by cue number (undefined: not in the text). */
  seen: (number[] | undefined)[];
  /** Positions of the computed cues (amounts, ages), each worked out once per text. */
  computed: Map<TCue, number[]>;
}

const NONE: number[] = [];

function positions(m: TMatch, cue: TCue): number[] {
  if (cue.computed === undefined) return m.seen[cue.id] ?? NONE;
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

/**
 * Count of a category rule's cue hits (each listed cue once, however often it occurs), times the rule's weight:
 * `plainHits` is the count of its plain cues in the text (see `TCompiled.scoring`).
 */
function categoryScore(r: TCompiledRule, m: TMatch, plainHits: number): number {
  if (!r.rule.enabled) return 0;
  if (anyPresent(m, r.noneOf)) return 0;
  let hits = plainHits;
  for (const c of r.computedFirst) if (positions(m, c).length > 0) hits++;
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
  const { seen, found } = scan(text, compiled);
  const m: TMatch = { feats: features(text), seen, computed: new Map() };
  const plainHits = new Array<number>(compiled.rules.length).fill(0);
  for (const cue of found)
    for (const rule of compiled.scoring[cue] ?? NONE) plainHits[rule] = (plainHits[rule] ?? 0) + 1;
  const scores: Record<string, number> = {};
  for (const [index, r] of compiled.rules.entries()) {
    if (r.rule.kind !== 'category') continue;
    scores[r.rule.target] = (scores[r.rule.target] ?? 0) + categoryScore(r, m, plainHits[index] ?? 0);
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
