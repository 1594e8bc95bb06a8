import type { ListedPaper, ParseWarning, PaperSource } from '../paper';
import { joinWrapped, paragraphs, parseLongDate, splitLines } from './text';
import { looksLikeAbstract, parseAuthorLine } from './itemText';
import type { ListingResult } from './listing';

const SHOW_ABSTRACT = /^\s*show abstract\s*$/i;
const GLUED_SHOW_ABSTRACT = /^(.*\S)\s*Show Abstract\s*$/;

/** Lines of page furniture: the count header, pagination bullets, the footer banner. */
function isChrome(line: string): boolean {
  const t = line.trim();
  return (
    /^\d[\d,]*\s+Publications$/i.test(t) ||
    /^[•·*]\s*(Previous Page|Next Page|Viewing|Page \d+|\d+)\s*$/i.test(t) ||
    /^(Previous Page|Next Page|Viewing)$/i.test(t) ||
    /Subscribe to .*(announcements|updates)/i.test(t) ||
    /^Advancing Research in Basic Science/i.test(t)
  );
}

interface Segment {
  lines: Array<{ n: number; text: string }>;
}

/**
 * Reads a research institute's publication list: items of title, optional author line, abstract,
 * the line "Show Abstract", then optionally a date line. The date line after "Show Abstract"
 * belongs to the item above it. Items without an abstract, or cut off before "Show Abstract",
 * are skipped with a warning.
 */
export function parsePublicationsListing(text: string, file: string, site = 'flatiron'): ListingResult {
  const lines = splitLines(text);
  const papers: ListedPaper[] = [];
  const warnings: ParseWarning[] = [];
  let segment: Segment = { lines: [] };
  let lastItem: ListedPaper | null = null;
  let expectDate = false;

  const closeSegment = (): ListedPaper | null => {
    const content = segment.lines.filter((l) => !isChrome(l.text));
    segment = { lines: [] };
    if (content.every((l) => l.text.trim() === '')) return null;
    const firstLine = content.find((l) => l.text.trim() !== '')!.n;
    const numbered = new Map<number, string>(content.map((l) => [l.n, l.text]));
    const from = content[0].n;
    const to = content[content.length - 1].n;
    const span: string[] = [];
    for (let n = from; n <= to; n++) span.push(numbered.get(n) ?? '');
    const paras = paragraphs(span).map((p) => ({ line: p.line + from - 1, text: joinWrapped(p.lines) }));
    const title = paras[0].text;
    if (looksLikeAbstract(title)) {
      warnings.push({ file, line: firstLine, message: 'skipped an item whose first paragraph reads like an abstract, not a title' });
      return null;
    }
    let rest = paras.slice(1);
    let authors: string[] = [];
    let truncated = false;
    if (rest.length > 0) {
      const parsed = parseAuthorLine(rest[0].text);
      if (parsed && (rest.length > 1 || !looksLikeAbstract(rest[0].text))) {
        authors = parsed.authors;
        truncated = parsed.truncated;
        rest = rest.slice(1);
      }
    }
    if (rest.length === 0) {
      warnings.push({ file, line: firstLine, message: `skipped "${title.slice(0, 60)}": it has no abstract` });
      return null;
    }
    const source: PaperSource = { file, site, kind: 'publications', line: firstLine, position: papers.length + 1 };
    const paper: ListedPaper = {
      title,
      authors,
      authorsTruncated: truncated,
      authorCount: authors.length > 0 && !truncated ? authors.length : null,
      organization: null,
      date: null,
      year: null,
      abstract: rest.map((p) => p.text).join('\n\n'),
      upvotes: null,
      source,
    };
    papers.push(paper);
    return paper;
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const trimmed = raw.trim();
    if (expectDate && trimmed !== '') {
      expectDate = false;
      const date = parseLongDate(trimmed);
      if (date) {
        if (lastItem) {
          lastItem.date = date;
          lastItem.year = Number(date.slice(0, 4));
        }
        return;
      }
    }
    const glued = SHOW_ABSTRACT.test(raw) ? null : GLUED_SHOW_ABSTRACT.exec(raw);
    if (SHOW_ABSTRACT.test(raw) || glued) {
      if (glued) segment.lines.push({ n, text: glued[1] });
      lastItem = closeSegment();
      expectDate = true;
      return;
    }
    if (parseLongDate(trimmed) && segment.lines.every((l) => l.text.trim() === '')) {
      warnings.push({ file, line: n, message: 'ignored a date line that follows no item' });
      return;
    }
    segment.lines.push({ n, text: raw });
  });

  const leftover = segment.lines.filter((l) => l.text.trim() !== '' && !isChrome(l.text));
  if (leftover.length > 0) {
    warnings.push({ file, line: leftover[0].n, message: 'skipped an item cut off before its "Show Abstract" line (is the file truncated?)' });
  }
  return { papers, warnings };
}
