import { parse as parseHost } from 'tldts';
import { newTrie, scanTrie, type TTrie, trieNode } from '../../platform/text/trie.js';
import {
  luhnValid,
  normalizeAccount,
  normalizeApp,
  normalizeDomain,
  normalizePhone,
  normalizeUrl,
  type TTargetKind,
} from './target.normalize.js';

/** A target found in a report: its kind, the text as written, and its normal form. */
export interface TExtracted {
  kind: TTargetKind;
  value: string;
  normalized: string;
}

/** The editable lists extraction reads (see target.seed.ts). */
export interface TExtractConfig {
  /** platform code → words naming it. */
  platforms: Record<string, string[]>;
  trackingParams: string[];
  cardCues: string[];
  alipayCues: string[];
  defaultHandlePlatform: string;
}

const STOP = '\\s<>"\'“”‘’，。；！？、（）【】《》\\u3000';
const SCHEME_URL = new RegExp(`https?:\\/\\/[^${STOP}]+`, 'giu');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const BARE_HOST = new RegExp(
  `(?<![A-Za-z0-9@._/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,}(?::\\d{2,5})?(?:\\/[^${STOP}]*)?`,
  'g',
);
const TRON = /(?<![A-Za-z0-9])T[1-9A-HJ-NP-Za-km-z]{33}(?![A-Za-z0-9])/g;
const ETH = /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g;
const DIGITS = /(?<![\dA-Za-z_])(?:(?:\+|00)\s?86[\s-]?)?\d(?:[ -]?\d){4,22}(?![\dA-Za-z_])/g;
const HANDLE = /@([\p{L}\p{N}_.-]{2,30})/gu;
const QUOTED_ACCOUNT = /(?:账号|账户|用户|昵称|号)名?(?:叫|是|为|：|:)?\s*[“"「]@?([^”"」@\s]{2,20})[”"」]/gu;
const OPEN_Q = '[“"「《]';
const CLOSE_Q = '[”"」》]';
const APP_WORD = '(?:APP|App|app|应用|软件|小程序|客户端|网贷)';
/** App name patterns, each with the cheap test a text must pass before the pattern is run. */
type TNeeds = (text: string, quoted: boolean, app: boolean) => boolean;
const needsQuote: TNeeds = (_, quoted) => quoted;
const APP_PATTERNS: [RegExp, TNeeds][] = [
  [new RegExp(`${OPEN_Q}([^”"」》]{2,20})${CLOSE_Q}\\s*的?\\s*${APP_WORD}`, 'gu'), needsQuote],
  [
    new RegExp(`${APP_WORD}\\s*(?:叫|名为|叫做|名叫|：|:)?\\s*${OPEN_Q}([^”"」》]{2,20})${CLOSE_Q}`, 'gu'),
    needsQuote,
  ],
  [new RegExp(`(?:下载了?|安装了?|装了)(?:一个)?\\s*${OPEN_Q}([^”"」》]{2,20})${CLOSE_Q}`, 'gu'), needsQuote],
  // A structured report's target field whose value is a name in book-title marks.
  [/(?:举报对象|对象|名称|target|name)\s*[:：=]\s*《([^》]{2,20})》/giu, (text) => text.includes('《')],
  [
    /(?<=^\s*|(?:叫|名为|叫做|名叫)\s*)([\u4e00-\u9fa5A-Za-z0-9]{2,8})\s?(?:APP|App|app)(?![A-Za-z])/gu,
    (_, __, app) => app,
  ],
  [
    /(?:APP|App|app|应用)\s*(?:叫|名为|叫做|名叫)\s*([A-Za-z][A-Za-z0-9]*(?:\s[A-Z][A-Za-z0-9]*){0,3})/gu,
    (text, _, app) => (app || text.includes('应用')) && (text.includes('叫') || text.includes('名为')),
  ],
];
const FILLERS = [
  /^\s*(?:号码|号|账号|ID|id|UID)?\s*[:：=是为]?\s*/u,
  /^[;,]?\s*[A-Za-z_]{1,14}\s*[=:：]\s*/u,
  ...[1, 2, 3, 4].map(
    (n) => new RegExp(`^[\\u4e00-\\u9fa5]{${n}}\\s*(?:号码|号|账号|ID|id|UID)?\\s*[:：=是为]?\\s*`, 'u'),
  ),
];
/** Words that name no app even when written next to "APP". */
const NOT_APP_NAMES = new Set([
  '有个',
  '这个',
  '那个',
  '一个',
  '某个',
  '现在',
  '交友',
  '手机',
  '下载',
  '这款',
  '那款',
  '该',
  '此',
]);
const ASCII_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{3,31}/;

interface TCue {
  platform: string;
  start: number;
  end: number;
}

function isAsciiWord(s: string): boolean {
  return /^[A-Za-z]+$/.test(s);
}

/** One platform word in the cue trie: its platform, its place in the lists (platform by platform), its length. */
interface TCueWord {
  platform: string;
  order: number;
  length: number;
  ascii: boolean;
}

/** Every platform word in one trie (each end holds the word's listings), made once per list object. */
const cueTries = new WeakMap<Record<string, string[]>, TTrie<TCueWord[]>>();

function cueTrie(platforms: Record<string, string[]>): TTrie<TCueWord[]> {
  let trie = cueTries.get(platforms);
  if (trie) return trie;
  trie = newTrie();
  let order = 0;
  for (const [platform, words] of Object.entries(platforms)) {
    for (const word of words) {
      const listed = { platform, order: order++, length: word.length, ascii: isAsciiWord(word) };
      if (word === '') continue;
      // One listing per platform: a word in two platforms' lists is a cue of both.
      const node = trieNode(trie, word);
      if (node.value) node.value.push(listed);
      else node.value = [listed];
    }
  }
  cueTries.set(platforms, trie);
  return trie;
}

/** A-Z or a-z as a UTF-16 code unit (NaN, outside the text, is not). */
const isAsciiLetter = (unit: number) => (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);

/**
 * Every platform cue in the text, in the order of the lists (platform by platform, word by word, then by
 * place); a cue inside a longer one at the same place is dropped. One walk of the text against the trie of
 * every word. An ASCII word must stand alone (no Latin letter either side).
 */
function findCues(text: string, platforms: Record<string, string[]>): TCue[] {
  const found: (TCue & { order: number })[] = [];
  scanTrie(text, cueTrie(platforms), (words, start, end) => {
    for (const w of words)
      if (!w.ascii || (!isAsciiLetter(text.charCodeAt(start - 1)) && !isAsciiLetter(text.charCodeAt(end))))
        found.push({ platform: w.platform, start, end, order: w.order });
  });
  found.sort((a, b) => a.order - b.order || a.start - b.start);
  return found.filter(
    (c) =>
      !found.some(
        (o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start,
      ),
  );
}

function nearestBefore(cues: TCue[], at: number, window: number): TCue | undefined {
  let best: TCue | undefined;
  for (const c of cues) if (c.end <= at && at - c.end <= window && (!best || c.end > best.end)) best = c;
  return best;
}

function nearestAnywhere(cues: TCue[], at: number): TCue | undefined {
  let best: TCue | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of cues) {
    const d = c.end <= at ? at - c.end : c.start - at;
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function hasCueBefore(text: string, at: number, cues: string[], window: number): boolean {
  const before = text.slice(Math.max(0, at - window), at);
  return cues.some((c) => before.includes(c));
}

/**
 * One text being read: the targets found so far, and the text with each match blanked out (so that a URL's
 * digits are never read again as a phone number). Methods rather than named closures made on every call: tsx
 * compiles with keepNames, so each named closure also cost a defineProperty per call.
 */
class Reading {
  readonly out = new Map<string, TExtracted>();
  constructor(public text: string) {}

  add(kind: TTargetKind, value: string, normalized: string | undefined): void {
    if (normalized) this.out.set(`${kind}|${normalized}`, { kind, value, normalized });
  }

  /** Adds a phone number; false (nothing masked) when it does not parse as one. */
  addPhone(raw: string): boolean {
    const e164 = normalizePhone(raw);
    this.add('phone', raw, e164);
    return e164 !== undefined;
  }

  mask(start: number, length: number): void {
    this.text = this.text.slice(0, start) + ' '.repeat(length) + this.text.slice(start + length);
  }

  has(needle: string): boolean {
    return this.text.includes(needle);
  }

  /** Every match of `re` in the text as it is now; a match is masked unless `fn` returns false. */
  each(re: RegExp, fn: (m: RegExpExecArray) => boolean | undefined): void {
    re.lastIndex = 0;
    for (const m of [...this.text.matchAll(re)]) if (fn(m) !== false) this.mask(m.index, m[0].length);
  }
}

/**
 * Finds targets in free text (a description, or one explicit target field): URLs with or without a scheme,
 * domains, phone numbers, platform accounts (`platform:id`), apps and payment accounts. Each match is masked
 * before the next kind is looked for, so a URL's digits are never read as a phone number.
 */
export function extractTargets(input: string, config: TExtractConfig): TExtracted[] {
  const r = new Reading(input.normalize('NFKC'));

  // Each pass runs only when the text has what its pattern needs (most explicit target fields are short).
  const quoted = /[“"「《]/.test(r.text);
  const app = /app/i.test(r.text);
  if (/http/i.test(r.text))
    r.each(SCHEME_URL, (m) => {
      const value = m[0].replace(/[.,;:!?)'"]+$/, '');
      r.add('url', value, normalizeUrl(value, config.trackingParams));
      return true;
    });
  if (r.has('@'))
    r.each(EMAIL, (m) => {
      if (hasCueBefore(r.text, m.index, config.alipayCues, 20))
        r.add('payment', m[0], normalizeAccount('alipay', m[0]));
      return true;
    });
  if (r.has('.'))
    r.each(BARE_HOST, (m) => {
      const value = m[0].replace(/[.,;:!?)'"]+$/, '');
      const host = value.split(/[/:]/)[0] ?? '';
      if (!parseHost(host).isIcann) return false;
      if (/^www\./i.test(host) || value.length > host.length)
        r.add('url', value, normalizeUrl(value, config.trackingParams));
      else r.add('domain', value, normalizeDomain(value));
      return true;
    });
  if (r.has('T'))
    r.each(TRON, (m) => {
      r.add('payment', m[0], normalizeAccount('usdt', m[0]));
      return true;
    });
  if (r.has('0x'))
    r.each(ETH, (m) => {
      r.add('payment', m[0], normalizeAccount('eth', m[0]));
      return true;
    });

  const cues = findCues(r.text, config.platforms);
  r.each(DIGITS, (m) => {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    const prefixed = /^(?:\+|00)\s?86/.test(raw);
    if (prefixed) return r.addPhone(raw);
    if (digits.length >= 16 && digits.length <= 19) {
      if (luhnValid(digits) || hasCueBefore(r.text, m.index, config.cardCues, 15)) {
        r.add('payment', raw, `bankcard:${digits}`);
        return true;
      }
      return false;
    }
    const cue = nearestBefore(cues, m.index, 12);
    if (cue && digits.length >= 5 && digits.length <= 12) {
      r.add('account', raw, normalizeAccount(cue.platform, digits));
      return true;
    }
    if (
      hasCueBefore(r.text, m.index, config.alipayCues, 25) &&
      /(账号|账户)\s*$/.test(r.text.slice(0, m.index).trimEnd())
    ) {
      r.add('payment', raw, normalizeAccount('alipay', digits));
      return true;
    }
    if (/^(1[3-9]\d{9}|0\d{9,11}|[48]00\d{7})$/.test(digits)) return r.addPhone(raw);
    return false;
  });

  if (r.has('@'))
    r.each(HANDLE, (m) => {
      const id = (m[1] ?? '').replace(/[.-]+$/, '');
      const cue = nearestBefore(cues, m.index, 20) ?? nearestAnywhere(cues, m.index);
      r.add('account', `@${id}`, normalizeAccount(cue?.platform ?? config.defaultHandlePlatform, id));
      return true;
    });
  if (quoted && (r.has('号') || r.has('户') || r.has('昵称')))
    r.each(QUOTED_ACCOUNT, (m) => {
      const cue = nearestBefore(cues, m.index, 15);
      if (!cue) return false;
      r.add('account', m[1] ?? '', normalizeAccount(cue.platform, m[1] ?? ''));
      return true;
    });
  for (const cue of cues) {
    const rest = r.text.slice(cue.end);
    let filler = '';
    let id: string | undefined;
    for (const re of FILLERS) {
      filler = re.exec(rest)?.[0] ?? '';
      id = ASCII_ID.exec(rest.slice(filler.length))?.[0]?.replace(/[.-]+$/, '');
      if ((id && filler !== '') || (id && re === FILLERS[0])) break;
      id = undefined;
    }
    if (!id) continue;
    const explicit = /[:：=是为]\s*$/.test(filler);
    if (!explicit && !/[\d_-]/.test(id)) continue;
    if (/^\d+$/.test(id)) continue;
    r.add('account', id, normalizeAccount(cue.platform, id));
    r.mask(cue.end + filler.length, id.length);
  }

  for (const [re, needs] of APP_PATTERNS) {
    if (!needs(r.text, quoted, app)) continue;
    r.each(re, (m) => {
      const name = m[1] ?? '';
      if (!NOT_APP_NAMES.has(name.trim())) r.add('app', name, normalizeApp(name));
      return false;
    });
  }
  return [...r.out.values()];
}

/** Strings that might name an app already in the registry: quoted phrases (matched against known apps). */
export function appCandidates(input: string): string[] {
  const names = new Set<string>();
  for (const m of input.normalize('NFKC').matchAll(/[“"「《]([^”"」》]{2,20})[”"」》]/gu)) {
    const n = normalizeApp(m[1] ?? '');
    if (n) names.add(n);
  }
  return [...names];
}
