import type { ListedPaper, ParseWarning } from '../paper';
import { isoDate, joinWrapped, monthNumber, paragraphs, splitLines } from './text';
import { looksLikeAbstract } from './itemText';
import type { ListingResult } from './listing';

/** Page furniture of the daily-papers pages, matched against whole paragraphs. */
const CHROME = [
  /^new$/i,
  /^Get trending papers in your email inbox( once a day)?!?$/i,
  /^Subscribe$/i,
  /^Daily Papers$/i,
  /^by\s*AK and the research community$/i,
  /^[A-Z][a-z]{2,8}\.? \d{1,2}(, \d{4})?$/, // the page's own date, above the first paper
  /^(Previous|Next)( Page)?$/i,
];

export interface DailyMeta {
  authorCount: number | null;
  organization: string | null;
  date: string | null;
  upvotes: number | null;
  /** True when the date had no year and got `captureYear`. */
  yearInferred: boolean;
  /** The date as printed when it is not a real calendar date ("Feb 30"); `date` is then null. */
  invalidDate: string | null;
}

const META = /^(?:[•*]\s*)?(.*?)\s*·\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?(?:\s+(\d+))?\s*$/;

/**
 * Reads a daily-papers meta block ("• 3 authors · Mar 4", "tau Tel Aviv University · Oct 7, 2025 2")
 * given as one line. A date without a year is in `captureYear`. Returns null if it is not a meta block.
 */
export function parseDailyMeta(text: string, captureYear: number): DailyMeta | null {
  const m = META.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const month = monthNumber(m[2]);
  if (!month) return null;
  const date = isoDate(m[4] ? Number(m[4]) : captureYear, month, Number(m[3]));
  const who = m[1].trim();
  const count = /^(\d+)\s+authors?$/i.exec(who);
  return {
    authorCount: count ? Number(count[1]) : null,
    // An organisation is shown as "<handle> <Name>" (avatar text, then name): keep the name.
    organization: count || !who ? null : who.replace(/^[a-z0-9][a-z0-9_-]*\s+(?=\p{Lu})/u, ''),
    date,
    upvotes: m[5] ? Number(m[5]) : null,
    yearInferred: !m[4],
    invalidDate: date ? null : `${m[2]} ${m[3]}${m[4] ? `, ${m[4]}` : ''}`,
  };
}

/**
 * Reads a daily-papers list: title, abstract, then a meta block ("N authors" or an organisation,
 * "·", a date, maybe an upvote count) that belongs to the paper above it. Some papers have no meta
 * block. Titles without an abstract and meta blocks without a paper are skipped with a warning.
 */
export function parseDailyListing(text: string, file: string, captureYear: number, site = 'huggingface'): ListingResult {
  const papers: ListedPaper[] = [];
  const warnings: ParseWarning[] = [];
  let pending: { title: string; line: number; abstract?: string } | null = null;

  const emit = (meta: DailyMeta | null) => {
    if (!pending?.abstract) return;
    papers.push({
      title: pending.title,
      authors: [],
      authorsTruncated: false,
      authorCount: meta?.authorCount ?? null,
      organization: meta?.organization ?? null,
      date: meta?.date ?? null,
      year: meta?.date ? Number(meta.date.slice(0, 4)) : null,
      abstract: pending.abstract,
      upvotes: meta?.upvotes ?? null,
      dateYearInferred: meta?.yearInferred ?? false,
      source: { file, site, kind: 'daily', line: pending.line, position: papers.length + 1 },
    });
    pending = null;
  };
  const dropTitleWithoutAbstract = () => {
    if (pending && !pending.abstract) {
      warnings.push({ file, line: pending.line, message: `skipped "${pending.title.slice(0, 60)}": it has no abstract` });
      pending = null;
    }
  };

  for (const para of paragraphs(splitLines(text))) {
    const joined = joinWrapped(para.lines);
    const meta = para.lines.some((l) => l.includes('·')) ? parseDailyMeta(para.lines.join(' '), captureYear) : null;
    if (meta) {
      if (meta.invalidDate && pending?.abstract) {
        warnings.push({ file, line: para.line, message: `dropped the impossible date "${meta.invalidDate}" of "${pending.title.slice(0, 60)}"` });
      }
      if (pending?.abstract) emit(meta);
      else if (pending) dropTitleWithoutAbstract();
      else warnings.push({ file, line: para.line, message: 'ignored a meta line (authors · date) that follows no paper' });
      continue;
    }
    if (CHROME.some((re) => re.test(joined))) continue;
    if (looksLikeAbstract(joined)) {
      if (pending && !pending.abstract) pending.abstract = joined;
      else {
        if (pending) emit(null);
        warnings.push({ file, line: para.line, message: 'skipped an abstract that has no title above it' });
      }
      continue;
    }
    // A title-like paragraph. If the pending paper already has its abstract, it had no meta block.
    if (pending?.abstract) emit(null);
    else if (pending) {
      // Short abstracts exist: a second short paragraph after a title is taken as its abstract.
      pending.abstract = joined;
      continue;
    }
    pending = { title: joined, line: para.line };
  }
  if (pending?.abstract) emit(null);
  else dropTitleWithoutAbstract();
  return { papers, warnings };
}
