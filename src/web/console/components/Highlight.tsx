import { highlightSegments } from '../format.js';

/** A search highlight as text with <mark> around the matches (never parsed as HTML). */
export function Highlight({ text }: { text: string }) {
  return (
    <>
      {highlightSegments(text).map((s, i) =>
        s.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <mark key={i}>{s.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
