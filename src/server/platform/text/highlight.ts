/**
 * Marks every occurrence of the search tokens in a text with « », and cuts a window of about `width`
 * characters around the first match. Works on Chinese (no word boundaries needed).
 */
export function highlight(text: string, tokens: string[], width = 80): string {
  const words = [...new Set(tokens.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return text.slice(0, width);
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (let i = 0; i < lower.length; ) {
    const word = words.find((w) => lower.startsWith(w, i));
    if (word) {
      marks.push([i, i + word.length]);
      i += word.length;
    } else i++;
  }
  if (marks.length === 0) return text.slice(0, width);
  const first = marks[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [from, to] of marks) {
    if (from < start || to > end) continue;
    out += `${text.slice(at, from)}«${text.slice(from, to)}»`;
    at = to;
  }
  return out + text.slice(at, end) + (end < text.length ? '…' : '');
}
