import type { ListedPaper, ParseWarning } from '../paper';
import { splitLines } from './text';
import { looksLikeAbstract } from './itemText';
import type { ListingResult } from './listing';

/** Page furniture of the daily-papers search page; it may be glued to the start of the first title. */
const CHROME_PREFIXES = [
  'Get trending papers in your email inbox once a day!',
  'Get trending papers in your email inbox!',
  'Subscribe',
];
const CHROME_LINES = /^(new|Daily Papers|by\s*AK and the research community|Show Abstract|Previous( Page)?|Next( Page)?|[•·]\s*.*|\d+ authors?)$/i;
/** A date line ("Apr 17", "Oct 7, 2025 12"): the page's own date or a stray meta line, never a title. */
const DATE_LINE = /^[A-Z][a-z]{2,8}\.? \d{1,2}(,? \d{4})?( \d+)?$/;

/** Removes page furniture from the start of a line ("SubscribeReducing …" → "Reducing …"). */
export function stripChromePrefix(line: string): string {
  let text = line.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of CHROME_PREFIXES) {
      if (text.startsWith(prefix) && (text.length === prefix.length || /^[\s\p{Lu}\p{N}"'“(]/u.test(text.slice(prefix.length)))) {
        text = text.slice(prefix.length).trim();
        changed = true;
      }
    }
  }
  return text;
}

/**
 * Reads the daily-papers search page: plain title and abstract lines in turn, no authors or dates.
 * A title without an abstract, or an abstract without a title, is skipped with a warning.
 */
export function parseSearchListing(text: string, file: string, site = 'huggingface'): ListingResult {
  const papers: ListedPaper[] = [];
  const warnings: ParseWarning[] = [];
  let pending: { title: string; line: number } | null = null;

  splitLines(text).forEach((raw, i) => {
    const n = i + 1;
    const line = stripChromePrefix(raw);
    if (!line || CHROME_LINES.test(line) || DATE_LINE.test(line)) return;
    if (!looksLikeAbstract(line)) {
      if (pending) warnings.push({ file, line: pending.line, message: `skipped "${pending.title.slice(0, 60)}": it has no abstract` });
      pending = { title: line, line: n };
      return;
    }
    if (!pending) {
      warnings.push({ file, line: n, message: 'skipped an abstract that has no title above it' });
      return;
    }
    papers.push({
      title: pending.title,
      authors: [],
      authorsTruncated: false,
      authorCount: null,
      organization: null,
      date: null,
      year: null,
      abstract: line,
      upvotes: null,
      source: { file, site, kind: 'search', line: pending.line, position: papers.length + 1 },
    });
    pending = null;
  });
  if (pending) {
    const p = pending as { title: string; line: number };
    warnings.push({ file, line: p.line, message: `skipped "${p.title.slice(0, 60)}": it has no abstract` });
  }
  return { papers, warnings };
}
