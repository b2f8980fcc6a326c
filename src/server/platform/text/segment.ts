import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** Search-mode segmentation (long words plus their sub-words), loaded once per process. */
function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Segments Chinese (and mixed) text into lowercase search tokens for `to_tsvector('simple', …)`.
 * Punctuation and whitespace are dropped; order is kept, duplicates removed.
 */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of instance().cutForSearch(text, true)) {
    const first = raw.charCodeAt(0);
    // Most tokens are Chinese words: nothing to trim or lowercase, and they are words.
    if (first >= 0x4e00 && first <= 0x9fff) {
      seen.add(raw);
      continue;
    }
    const token = raw.trim().toLowerCase();
    if (token && WORD.test(token)) seen.add(token);
  }
  return [...seen];
}
