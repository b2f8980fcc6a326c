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

/** One text under evaluation: every plain cue's positions found in one pass (see `scan`). */
interface TMatch {
  text: string;
  feats: ReturnType<typeof features>;
  seen: Map<string, number[]>;
}

interface TTrie {
  next: Map<string, TTrie>;
  /** The (lowercase) cue ending here. */
  cue?: string;
}

/** A trie of every plain cue of a rule set, built once per rule set. */
const tries = new WeakMap<TRule[], TTrie>();

function trieOf(rules: TRule[]): TTrie {
  let root = tries.get(rules);
  if (root) return root;
  root = { next: new Map() };
  for (const rule of rules) {
    for (const cue of [...rule.allOf.flat(), ...rule.noneOf]) {
      if (cue.startsWith('<')) continue;
      let node = root;
      for (const ch of cue.toLowerCase()) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.cue = cue.toLowerCase();
    }
  }
  tries.set(rules, root);
  return root;
}

/** Walks the text once against the trie: every un-negated occurrence of every plain cue. */
function scan(text: string, root: TTrie): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    let node = root.next.get(text[i] ?? '');
    let j = i + 1;
    while (node) {
      if (node.cue && accept(text, node.cue, i)) found.set(node.cue, [...(found.get(node.cue) ?? []), i]);
      node = node.next.get(text[j] ?? '');
      j++;
    }
  }
  return found;
}

function accept(text: string, needle: string, at: number): boolean {
  const ascii = /^[a-z ]+$/.test(needle);
  const bounded =
    !ascii || (!/[a-z]/.test(text[at - 1] ?? '') && !/[a-z]/.test(text[at + needle.length] ?? ''));
  return bounded && !NEGATION.test(text.slice(Math.max(0, at - 3), at));
}

function positions(m: TMatch, cue: string): number[] {
  if (cue.startsWith('<')) return findPositions(m.text, cue, m.feats);
  return m.seen.get(cue.toLowerCase()) ?? [];
}

/** Positions where a cue occurs un-negated (plain text match, case-insensitive; computed cues from features). */
function findPositions(text: string, cue: string, feats: ReturnType<typeof features>): number[] {
  const threshold = /^<金额≥(\d+)>$/.exec(cue);
  if (threshold)
    return feats.filter((f) => f.amount !== undefined && f.amount >= Number(threshold[1])).map((f) => f.at);
  if (cue.startsWith('<')) return feats.filter((f) => f.cue === cue).map((f) => f.at);
  const needle = cue.toLowerCase();
  const ascii = /^[a-z ]+$/.test(needle);
  const found: number[] = [];
  let at = text.indexOf(needle);
  while (at >= 0) {
    const bounded =
      !ascii || (!/[a-z]/.test(text[at - 1] ?? '') && !/[a-z]/.test(text[at + needle.length] ?? ''));
    if (bounded && !NEGATION.test(text.slice(Math.max(0, at - 3), at))) found.push(at);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}

function fires(rule: TRule, m: TMatch): boolean {
  if (!rule.enabled || rule.allOf.length === 0) return false;
  if (rule.noneOf.some((c) => positions(m, c).length > 0)) return false;
  const groups = rule.allOf.map((g) => g.flatMap((c) => positions(m, c)));
  if (groups.some((g) => g.length === 0)) return false;
  if (groups.length === 1) return true;
  const [first, ...rest] = groups;
  return (first ?? []).some((p) => rest.every((g) => g.some((q) => Math.abs(q - p) <= WINDOW)));
}

/** Count of category rules' cue hits (each distinct cue once), times the rule's weight. */
function categoryScore(rule: TRule, m: TMatch): number {
  if (!rule.enabled) return 0;
  if (rule.noneOf.some((c) => positions(m, c).length > 0)) return 0;
  const hits = (rule.allOf[0] ?? []).filter((c) => positions(m, c).length > 0).length;
  return hits * rule.weight;
}

/**
 * Suggests a category and a priority for a report from the rules: the category with the highest score (or
 * `other` when no category reaches 2 points); the highest priority any priority rule gives (else `normal`),
 * with the reasons of every rule that fired.
 */
export function suggest(rules: TRule[], description: string, targetKinds: string[] = []): TSuggestion {
  const text = description.normalize('NFKC').toLowerCase();
  const m: TMatch = { text, feats: features(text), seen: scan(text, trieOf(rules)) };
  const scores: Record<string, number> = {};
  for (const rule of rules) {
    if (rule.kind !== 'category') continue;
    scores[rule.target] = (scores[rule.target] ?? 0) + categoryScore(rule, m);
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
  for (const rule of rules) {
    if (rule.kind !== 'priority' || !fires(rule, m)) continue;
    const p = rule.target as TPriority;
    reasons.push({ rule: rule.id, zh: rule.reasonZh, en: rule.reasonEn });
    if (p === 'low') lowOnly = true;
    else priority = higherPriority(priority, p);
  }
  if (lowOnly && priority === 'normal') priority = 'low';
  if (category === 'other' && priority === 'normal' && targetKinds.length === 0) priority = 'low';
  return { category, scores, priority, reasons, urgent: priority === 'urgent' };
}
