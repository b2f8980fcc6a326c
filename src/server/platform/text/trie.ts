/**
 * A trie over UTF-16 code units, for finding many words in a text in one walk (no one-character string is made
 * per step). Each word's end node holds a value of the caller's.
 */
export interface TTrie<V> {
  next: Map<number, TTrie<V>>;
  value?: V;
}

export function newTrie<V>(): TTrie<V> {
  return { next: new Map() };
}

/** The node where `word` ends, made when missing (the caller sets or extends its value). */
export function trieNode<V>(root: TTrie<V>, word: string): TTrie<V> {
  let node = root;
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    let child = node.next.get(unit);
    if (!child) {
      child = { next: new Map() };
      node.next.set(unit, child);
    }
    node = child;
  }
  return node;
}

/**
 * Calls `found(value, start, end)` for every occurrence of every word in `text`, overlapping ones included, by
 * start and then by length.
 */
export function scanTrie<V>(
  text: string,
  root: TTrie<V>,
  found: (value: V, start: number, end: number) => void,
): void {
  for (let start = 0; start < text.length; start++) {
    let node = root.next.get(text.charCodeAt(start));
    let end = start + 1;
    while (node) {
      if (node.value !== undefined) found(node.value, start, end);
      node = end < text.length ? node.next.get(text.charCodeAt(end)) : undefined;
      end++;
    }
  }
}
