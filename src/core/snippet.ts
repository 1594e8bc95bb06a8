import { foldToAscii } from './paper';
import { stem } from './stemmer';

/**
 * A short excerpt of `text` around the first word that matches one of the search `terms` (index
 * terms: stems or raw words), with the matched words marked by the returned ranges. Returns null when
 * no word matches. The excerpt starts and ends at word boundaries, with "…" where text was cut.
 */
export function matchSnippet(text: string, terms: readonly string[], width = 110): { text: string; matches: Array<[number, number]> } | null {
  if (terms.length === 0) return null;
  const wanted = new Set(terms);
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  const isMatch = (w: string) => {
    const folded = foldToAscii(w).split(' ');
    return folded.some((f) => f && (wanted.has(f) || wanted.has(stem(f)) || [...wanted].some((t) => t.length >= 3 && f.startsWith(t))));
  };
  const first = words.find((m) => isMatch(m[0]));
  if (!first || first.index === undefined) return null;
  let start = Math.max(0, first.index - Math.floor(width / 3));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + width);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  const prefix = start > 0 ? '…' : '';
  const excerpt = `${prefix}${body}${end < text.length ? '…' : ''}`;
  const matches: Array<[number, number]> = [];
  for (const m of excerpt.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    if (m.index !== undefined && isMatch(m[0])) matches.push([m.index, m.index + m[0].length]);
  }
  return { text: excerpt, matches };
}
