import { describe, expect, it } from 'vitest';
import { newTrie, scanTrie, trieNode } from './trie.js';

describe('code-unit trie', () => {
  it('finds every occurrence of every word, overlapping ones too, by start and then by length', () => {
    const trie = newTrie<string>();
    for (const word of ['诈骗', '电信诈骗', '电信', 'ab', 'abc', 'b']) trieNode(trie, word).value = word;
    const found: [string, number, number][] = [];
    scanTrie('电信诈骗abc诈骗', trie, (word, start, end) => found.push([word, start, end]));
    expect(found).toEqual([
      ['电信', 0, 2],
      ['电信诈骗', 0, 4],
      ['诈骗', 2, 4],
      ['ab', 4, 6],
      ['abc', 4, 7],
      ['b', 5, 6],
      ['诈骗', 7, 9],
    ]);
  });

  it('keeps one node per word, so a second insertion reaches the value of the first', () => {
    const trie = newTrie<number[]>();
    trieNode(trie, '微信').value = [1];
    trieNode(trie, '微信').value?.push(2);
    const values: number[][] = [];
    scanTrie('加微信', trie, (v) => values.push(v));
    expect(values).toEqual([[1, 2]]);
    scanTrie('', trie, () => values.push([]));
    expect(values).toHaveLength(1);
  });
});
