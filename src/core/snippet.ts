import { foldToAscii } from './paper';
import { stem } from './stemmer';

/** A word of the text as the search index reads it: letters and digits, inner apostrophes and hyphens. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** A word's folded parts (`Ψ-Sampler` → `psi`, `sampler`). Kept across calls: the same words recur in every abstract. */
const folds = new Map<string, readonly string[]>();
const FOLDS_LIMIT = 20_000;

function foldsOf(word: string): readonly string[] {
  let found = folds.get(word);
  if (found === undefined) {
    found = foldToAscii(word).split(' ').filter(Boolean);
    if (folds.size >= FOLDS_LIMIT) folds.clear();
    folds.set(word, found);
  }
  return found;
}

/**
 * A short excerpt of `text` around the first word that matches one of the search `terms` (index
 * terms: stems or raw words), with the matched words marked by the returned ranges. Returns null when
 * no word matches. The excerpt starts and ends at word boundaries, with "…" where text was cut.
 * Words are read one at a time up to the first match, and each word is folded once per session:
 * the quick pick asks for fifty of these on a keystroke.
 */
export function matchSnippet(text: string, terms: readonly string[], width = 110): { text: string; matches: Array<[number, number]> } | null {
  if (terms.length === 0) return null;
  const wanted = new Set(terms);
  const prefixes = terms.filter((t) => t.length >= 3);
  // Stemming is the costly test, and a stem keeps its word's first letter: only words that start
  // like some term are stemmed.
  const initials = new Set(terms.map((t) => t[0]));
  const isMatch = (w: string) => foldsOf(w).some((f) => wanted.has(f) || prefixes.some((t) => f.startsWith(t)) || (initials.has(f[0]) && wanted.has(stem(f))));
  let firstAt = -1;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    if (isMatch(m[0])) {
      firstAt = m.index;
      break;
    }
  }
  if (firstAt < 0) return null;
  let start = Math.max(0, firstAt - Math.floor(width / 3));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + width);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  const prefix = start > 0 ? '…' : '';
  const excerpt = `${prefix}${body}${end < text.length ? '…' : ''}`;
  const matches: Array<[number, number]> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(excerpt); m; m = WORD.exec(excerpt)) {
    if (isMatch(m[0])) matches.push([m.index, m.index + m[0].length]);
  }
  return { text: excerpt, matches };
}
