/**
 * The search box syntax: free words, plus
 *   au:lee             an author's name (prefix of any name word)
 *   year:2024          one year; year:2023..2025, year:2023.., year:..2020 ranges
 *   src:flatiron       a source listing (site, layout or file name)
 *   "exact phrase"     the words in this order
 *   -word              papers without this word
 */
export interface ParsedQuery {
  /** Free words to rank by (phrase words included). */
  text: string;
  phrases: string[];
  excludes: string[];
  authors: string[];
  sources: string[];
  yearFrom: number | null;
  yearTo: number | null;
  /** True when the query has a field filter, an exclusion or a phrase. */
  hasFilters: boolean;
}

/** Parses the search syntax. Never throws: anything it cannot read is kept as a free word. */
export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = { text: '', phrases: [], excludes: [], authors: [], sources: [], yearFrom: null, yearTo: null, hasFilters: false };
  const words: string[] = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const m of input.matchAll(pattern)) {
    if (m[2] !== undefined) {
      const phrase = m[2].trim();
      if (!phrase) continue;
      if (m[1]) q.excludes.push(phrase);
      else {
        q.phrases.push(phrase);
        words.push(phrase);
      }
      continue;
    }
    const token = m[3];
    const field = /^(au|author|year|y|src|source):(.*)$/i.exec(token);
    if (field) {
      const value = field[2];
      const name = field[1].toLowerCase();
      if (!value) continue; // "au:" while typing: nothing to filter on yet
      if (name === 'au' || name === 'author') q.authors.push(value);
      else if (name === 'src' || name === 'source') q.sources.push(value);
      else if (!readYears(value, q)) words.push(value);
      continue;
    }
    if (token.startsWith('-') && token.length > 1) {
      q.excludes.push(token.slice(1));
      continue;
    }
    if (token !== '-') words.push(token);
  }
  q.text = words.join(' ');
  q.hasFilters = q.phrases.length + q.excludes.length + q.authors.length + q.sources.length > 0 || q.yearFrom !== null || q.yearTo !== null;
  return q;
}

function readYears(value: string, q: ParsedQuery): boolean {
  const m = /^(\d{4})?(?:(\.\.|-)(\d{4})?)?$/.exec(value);
  if (!m || (!m[1] && !m[3])) return false;
  const from = m[1] ? Number(m[1]) : null;
  const to = m[2] ? (m[3] ? Number(m[3]) : null) : from;
  q.yearFrom = from;
  q.yearTo = to;
  if (from !== null && to !== null && from > to) [q.yearFrom, q.yearTo] = [to, from];
  return true;
}

/** True when a query has nothing to search or filter on yet: blank, or a field still being typed (`au:`, `year:`). */
export function isEmptyQuery(input: string): boolean {
  const q = parseQuery(input);
  return !q.text.trim() && !q.hasFilters;
}

/**
 * What the search says when nothing matches `input`: a title naming the query and a hint of what to
 * try, which mentions the filters only when the query uses some.
 */
export function noMatchMessage(input: string): { title: string; hint: string } {
  const q = parseQuery(input);
  return {
    title: `No papers match "${input.trim()}"`,
    hint: q.hasFilters
      ? 'Check the spelling, or drop a filter (au:, year:, src:, "phrase", -word).'
      : 'Check the spelling, or try other words: a word of the title, an author, a year.',
  };
}
