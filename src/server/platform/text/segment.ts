import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOPWORDS } from './stopwords.js';

let jieba: Jieba | undefined;

/** Search-mode segmentation (long words plus their sub-words), loaded once per process. */
function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s+/u;
/** Longer "words" (a pasted hash, base64) are no use to search for, and PostgreSQL refuses lexemes over 2 KB. */
const MAX_TOKEN = 100;

/**
 * Segments Chinese (and mixed) text into lowercase search tokens: jieba's search mode (a long word and its
 * sub-words, so "诈骗" finds "电信诈骗"), without punctuation, whitespace or function words (`STOPWORDS`); order
 * kept, duplicates removed. Each token is non-empty and has no whitespace, so the tokens joined by spaces are the
 * lexemes of the report's `search_tokens` (`array_to_tsvector`, no text parser) and of a query (`lexemeQuery`).
 */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of instance().cutForSearch(text, true)) {
    const first = raw.charCodeAt(0);
    // Most tokens are Chinese words: nothing to trim or lowercase, and they are words.
    if (first >= 0x4e00 && first <= 0x9fff) {
      if (!STOPWORDS.has(raw)) seen.add(raw);
      continue;
    }
    const lower = raw.toLowerCase();
    for (const part of SPACE.test(lower) ? lower.split(SPACE) : [lower]) {
      if (part && part.length <= MAX_TOKEN && WORD.test(part) && !STOPWORDS.has(part)) seen.add(part);
    }
  }
  return [...seen];
}

/** A tsquery matching documents that hold every token (as lexemes, quoted: no text parser involved). */
export function lexemeQuery(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');
}
